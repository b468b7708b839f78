"""Quote Annotator: hand-label quotations in news articles."""

__version__ = "0.2.0"
