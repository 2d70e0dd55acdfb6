"""Bounds on plan values that both the model and the command line check, kept in one place.

Input-size bounds live with the stage that enforces them (`source.MAX_FILE_BYTES`,
`loader.MAX_TEXT_CHARS`, `loader.MAX_NODES`); docs/gioi-han.md lists them all. This module
imports nothing, so the CLI can use it without slowing its start-up.
"""

#: The plan years bdg-plan accepts (`nam`, `init --nam`, `new-year --year`).
YEAR_MIN = 1900
YEAR_MAX = 2200
