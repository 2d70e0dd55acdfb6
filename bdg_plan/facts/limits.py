"""Bounds on plan values that both the model and the command line check, kept in one place.

Input-size bounds live with the stage that enforces them (`source.MAX_FILE_BYTES`,
`loader.MAX_TEXT_CHARS`, `loader.MAX_NODES`); docs/gioi-han.md lists them all. This module
imports nothing, so the CLI can use it without slowing its start-up.
"""

#: The plan years bdg-plan accepts (`nam`, `init --nam`, `new-year --year`).
YEAR_MIN = 1900
YEAR_MAX = 2200

#: The most columns a plan's table may have (`bang: cot`, or a CSV file's header without its
#: group column). A clerk's table has under 15; each column costs layout work in every row.
MAX_TABLE_COLUMNS = 30

#: The largest document number (`so`): a body numbers its documents from 1 each year, so a few
#: digits are ample; a longer number is a typing mistake.
SO_MAX = 99_999
