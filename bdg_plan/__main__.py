"""Allow `python -m bdg_plan`."""

from bdg_plan.cli.app import main

main()
