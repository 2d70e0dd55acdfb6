"""LibreOffice: finding it, converting with it (PDF, .doc to .docx), keeping one running."""
