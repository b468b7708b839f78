"""Quote Annotator: hand-label quotations in news articles."""

__version__ = "0.1.0"
