"""A Word file in: `import` (last year's .docx as a plan file) and `check` (Decree 30 layout)."""
