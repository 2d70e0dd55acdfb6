"""Pipeline stage 3: loaded data -> typed plan and every problem (`validate`), and the rules it runs."""
