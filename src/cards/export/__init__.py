"""Export: the only stage that writes files."""
