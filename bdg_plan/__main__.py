"""Allow `python -m bdg_plan`."""

from bdg_plan.cli import main

main()
