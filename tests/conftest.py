import os
from pathlib import Path

import pytest

# The suite runs with no display; set before Qt is imported anywhere. The offscreen
# screen is 1280x720, the smallest screen the window is made for.
SCREEN = Path(__file__).with_name("offscreen_screen.json")
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={SCREEN}")


@pytest.fixture(autouse=True)
def _user_folders(tmp_path_factory, monkeypatch):
    """Keep every test's settings, default project and logs out of the real home."""
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    monkeypatch.delenv("ANNOTATOR_DB", raising=False)
    return home
