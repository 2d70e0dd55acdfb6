"""What a start would otherwise redo, prepared once and kept: the model's schemas, the templates."""
