"""Every Vietnamese text a clerk can see, in one package, grouped by topic and by command.

Code reads them as `from bdg_plan import messages as msg; msg.INPUT_MISSING.format(file=...)`: this
module gathers the names of its rooms, so a message has one home and callers need not know it.

- `reading`: reading a plan file (source, YAML syntax, characters);
- `rules`: what validate says (the model's errors, header and date rules, the body's outline);
- `writing`: problems, the error boundary, templates and writing files;
- `commands`: what validate, render, watch, PDF, new-year, init and schema say;
- `admin_map`: the 2025 administrative map (validate's map rules, new-year across the reform);
- `batch`: the batch command; `documents`: reading .docx files (import, check);
- `command_line`: help screens, option help and usage errors.

Messages use `str.format` fields. Add a message to the room and section of the stage or command
that shows it; a new command gets a section in `commands` (or a room of its own when it is big).
"""

from bdg_plan.messages.admin_map import *
from bdg_plan.messages.batch import *
from bdg_plan.messages.command_line import *
from bdg_plan.messages.commands import *
from bdg_plan.messages.documents import *
from bdg_plan.messages.reading import *
from bdg_plan.messages.rules import *
from bdg_plan.messages.writing import *
