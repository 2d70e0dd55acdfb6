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

#: Bytes of address space below which bdg-plan does not start (`ulimit -v`): measured with
#: Python 3.11, a render works under 56 MB, fails with MemoryError under 44-52 MB, and under 40 MB
#: pydantic-core (Rust) aborts the process while it builds the plan's validators.
MIN_ADDRESS_SPACE = 64 * 1024**2
#: Bytes of address space below which a batch runs its communes in its own process: under a
#: tight `ulimit -v` the worker pool's feeder thread cannot start (its stack is reserved up
#: front), and Python's pool then waits for ever.
MIN_POOL_ADDRESS_SPACE = 512 * 1024**2


def address_space_limit() -> int | None:
    """The ceiling on address space (`ulimit -v`) of this process in bytes; None when there is none."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    try:
        soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    except (OSError, ValueError):
        return None
    return None if soft == resource.RLIM_INFINITY else soft
