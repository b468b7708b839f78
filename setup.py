"""The package list: annotator's subpackages found on disk, plus the two folders that the
``package-dir`` table in pyproject.toml installs inside it (pyproject.toml alone cannot
combine package discovery with those). Everything else is in pyproject.toml."""

from setuptools import find_packages, setup

setup(
    packages=[
        *find_packages(include=["annotator", "annotator.*"]),
        *["annotator.resources", "annotator.seeds"],
    ]
)
