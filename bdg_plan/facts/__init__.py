"""Facts of the document, shared by the writer, the reader and the checker; no logic of a stage.

Decree 30's numbers, Vietnamese writing rules, the document's own wording (section titles, table
columns), the 2025 administrative map with its unit words and reform date, and the plan's limits.
"""
