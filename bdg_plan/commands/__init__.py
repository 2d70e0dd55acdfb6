"""The commands beyond render and validate: new-year (and the 2025 reform), init, schema, watch, batch.

Each is an entry point over the same stages (`bdg_plan.pipeline`), never a second pipeline.
"""
