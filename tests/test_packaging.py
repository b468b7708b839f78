"""The wheel holds what the program needs, found on disk rather than listed by hand."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
SOURCES = ("pyproject.toml", "setup.py", "README.md", "LICENSE", "annotator", "resources", "seeds")
NOT_SHIPPED = {"screenshot.png"}  # the README's picture, for the repository page only


def build_wheel(folder: Path) -> zipfile.ZipFile:
    """Build the wheel from a copy of the sources, so the checkout gets no build/ folder."""
    source = folder / "source"
    for name in SOURCES:
        path = REPOSITORY / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(path, source / name)
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",  # setuptools comes with the test extra; no network
            "--quiet",
            "--wheel-dir",
            str(folder / "dist"),
            str(source),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = (folder / "dist").glob("quote_annotator-*.whl")
    return zipfile.ZipFile(wheel)


def test_the_wheel_holds_every_module_resource_and_seed_and_not_the_screenshot(tmp_path):
    with build_wheel(tmp_path) as wheel:
        names = set(wheel.namelist())

        packages = sorted(
            init.parent.relative_to(REPOSITORY).as_posix()
            for init in (REPOSITORY / "annotator").rglob("__init__.py")
        )
        assert {"annotator", "annotator/core", "annotator/gui"} <= set(packages)
        modules = {
            path.relative_to(REPOSITORY).as_posix()
            for path in (REPOSITORY / "annotator").rglob("*.py")
        }
        assert modules - names == set(), "modules missing from the wheel"

        for folder in ("resources", "seeds"):
            shipped = [p for p in (REPOSITORY / folder).iterdir() if p.name not in NOT_SHIPPED]
            assert shipped
            for path in shipped:
                inside = f"annotator/{folder}/{path.name}"
                assert inside in names, inside
                assert wheel.read(inside) == path.read_bytes(), f"{inside} differs"

        assert not [name for name in names if Path(name).name in NOT_SHIPPED]
        entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        assert "annotator = annotator.cli:main" in wheel.read(entry_points).decode()
