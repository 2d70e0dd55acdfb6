"""WordprocessingML, in two directions kept apart: `write` (stage 5) and `read` (import, check)."""
