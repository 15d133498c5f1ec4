"""cards: cited YAML flashcards to Anki packages and printable PDFs."""

__version__ = "0.1.0"
