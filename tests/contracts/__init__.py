"""Contract tests: what a start imports, what the start caches keep, how the process ends."""
