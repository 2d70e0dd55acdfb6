"""Reading any .docx safely into plain values: its parts, paragraphs, formatting and numbering."""
