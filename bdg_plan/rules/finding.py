"""The one value every domain rule yields: a `Finding`, about a place in the typed plan.

A rule sees the plan as the model built it, not the file: it knows the model path of what is
wrong (`("can_cu", 2)`), never a line. `bdg_plan.rules.validate` turns each finding into a
`bdg_plan.errors.Problem`, the same finding placed at `file:line:column` through the loader's
positions; every stage reports problems, so the clerk sees one kind of message whatever found it.

A `Finding` is not a `Problem` because a rule cannot know where the file spells its path (a
shorthand, a CSV table, an imported document with no positions at all): placing is the
stage's work, done once. Nor is it a `bdg_plan.word.check.Deviation`: a deviation is about a
finished .docx (a paragraph number, what was found and what Decree 30 asks for), and neither
has a model path nor a line of a plan file.
"""

from __future__ import annotations

from typing import NamedTuple

from bdg_plan.errors import Severity
from bdg_plan.plan.loader import DataPath


class Finding(NamedTuple):
    """A rule's finding: the model path it is about, its code, its message and how bad it is.

    `code` is declared, with what it flags, in the `CODES` of the rule's family module.
    """

    path: DataPath
    code: str
    message: str
    severity: Severity
