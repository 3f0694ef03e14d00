"""pressfacts: facts (organisations, counts, dates) from news articles and press releases."""

__version__ = "0.1.0"
