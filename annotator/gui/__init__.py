"""The PySide6 window. Widgets call :mod:`annotator.core`; they never write SQL."""
