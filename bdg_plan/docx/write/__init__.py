"""Pipeline stage 5: a composed document written as a .docx in the Decree 30 layout."""
