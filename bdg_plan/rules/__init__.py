"""Pipeline stage 3: loaded data -> typed plan and every problem (`validate`), and the rules it runs.

The rules live in families, one module each (`header`, `body`, `dates`, `outline`, `admin_map`),
each declaring the codes it yields; `registry` lists the families `validate` runs, and every rule
yields the one `finding.Finding` type.
"""
