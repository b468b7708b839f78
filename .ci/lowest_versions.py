"""Print a pip constraints file pinning every direct dependency to its declared minimum.

Reads ``[project] dependencies`` and the extras named on the command line from
pyproject.toml; each ``name>=X`` becomes ``name==X`` (markers kept), so an install
with ``-c`` gets the oldest versions the project claims to work with.

Run: python3 .ci/lowest_versions.py test > constraints.txt
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*([^;]*)(;.*)?$")
MINIMUM = re.compile(r">=\s*([0-9][^,\s]*)")


def pins(requirements: list[str]) -> list[str]:
    lines = []
    for requirement in requirements:
        match = REQUIREMENT.match(requirement)
        if match is None:
            raise SystemExit(f"cannot read the requirement {requirement!r}")
        name, _extras, spec, marker = match.groups()
        minimum = MINIMUM.search(spec)
        if minimum is None:
            raise SystemExit(f"{requirement!r} declares no minimum (>=)")
        lines.append(f"{name}=={minimum.group(1)}{marker or ''}")
    return lines


def main(extras: list[str]) -> None:
    project = tomllib.loads(
        Path(__file__).resolve().parents[1].joinpath("pyproject.toml").read_text()
    )
    requirements = list(project["project"]["dependencies"])
    for extra in extras:
        requirements += project["project"]["optional-dependencies"][extra]
    print("\n".join(pins(requirements)))


if __name__ == "__main__":
    main(sys.argv[1:])
