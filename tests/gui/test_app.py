"""Start-up: the display check, the first-run project with the sample article, reopening."""

from __future__ import annotations

import pytest

from annotator.core import paths
from annotator.core.errors import StoreError
from annotator.gui import app
from annotator.gui.settings import Settings
from annotator.gui.window.projects import open_project


def test_no_display_is_one_line_and_status_2(monkeypatch, capsys):
    monkeypatch.setattr(app.sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert app.run(None) == 2
    err = capsys.readouterr().err
    assert err.strip() == app.NO_DISPLAY
    assert err.count("\n") == 1


def test_first_run_creates_the_default_project_with_the_sample(tmp_path):
    settings = Settings(tmp_path / "settings.json")
    path = paths.default_db_path()
    assert not path.exists()
    store = open_project(path, settings)
    try:
        assert store.document_count() == 1
        assert "Tillerson" in store.document(store.document_ids()[0]).title
    finally:
        store.close()
    assert settings.get("last_project") == str(path.resolve())


def test_reopening_does_not_import_the_sample_twice(tmp_path):
    settings = Settings(tmp_path / "settings.json")
    path = tmp_path / "project.db"
    open_project(path, settings).close()
    with open_project(path, settings) as store:
        assert store.document_count() == 1


def test_unreadable_project_is_refused_with_a_store_error(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_bytes(b"this is not a database at all" * 10)
    settings = Settings(tmp_path / "settings.json")
    with pytest.raises(StoreError, match="not a SQLite database"):
        open_project(bad, settings)
    assert bad.read_bytes().startswith(b"this is not")
    assert settings.get("recent_projects") == []
