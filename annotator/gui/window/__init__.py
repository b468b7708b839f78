"""The parts of the main window, one concern each.

:class:`~annotator.gui.main_window.MainWindow` lays them out and wires them:
the status bar (:mod:`.status_bar`), the colours and their legend
(:mod:`.colours`), the commands that edit quotes (:mod:`.quote_commands`),
following a ``Change`` into the views (:mod:`.changes`), the keyboard actions
(:mod:`.actions`), opening other projects (:mod:`.projects`) and the statistics
dock (:mod:`.statistics_dock`).
"""
