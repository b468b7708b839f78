"""The Qt-free core: data model, SQLite store, import, export, statistics.

Nothing under this package may import PySide6; ``tests/core/test_layering.py``
checks it.
"""
