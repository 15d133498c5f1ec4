"""Render: the typed model -> text for each output format (Jinja templates)."""
