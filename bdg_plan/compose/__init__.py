"""Pipeline stage 4: a typed plan composed into a document (header values and body blocks)."""
