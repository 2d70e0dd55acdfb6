"""The command line: parse arguments, call `bdg_plan.api`, draw results. Nothing below imports it."""
