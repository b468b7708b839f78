"""The core never imports Qt: it must run, and be tested, without PySide6."""

import ast
import pathlib
import subprocess
import sys

CORE = pathlib.Path(__file__).resolve().parents[2] / "annotator" / "core"


def test_no_core_module_imports_pyside6():
    offenders = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "PySide6"]
    assert offenders == []


def test_core_imports_with_pyside6_blocked():
    # A fresh interpreter in which importing PySide6 fails outright.
    code = (
        "import sys; sys.modules['PySide6'] = None\n"
        "import pkgutil, importlib, annotator.core as core\n"
        "for m in pkgutil.walk_packages(core.__path__, 'annotator.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "import annotator.core.formats as f; f.readers(); f.writers()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
