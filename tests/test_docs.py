"""The README and --help stay in step with the commands."""

import pathlib

import click
import pytest

from annotator.cli import cli

README = (pathlib.Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "annotator"):
    for name, command in group.commands.items():
        yield f"{prefix} {name}", command
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix} {name}")


COMMANDS = dict(_commands(cli))


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(name):
    assert COMMANDS[name].help and len(COMMANDS[name].help.strip()) > 20


@pytest.mark.parametrize("name", [n for n in COMMANDS if n.count(" ") == 1])
def test_every_command_is_in_the_readme(name):
    assert f"`{name}" in README


@pytest.mark.parametrize("name", [n for n in COMMANDS if n.count(" ") == 2])
def test_every_sub_command_is_in_the_readme(name):
    group, sub = name.rsplit(" ", 1)
    assert f"`{group} [" in README and sub in README.split(f"`{group} [", 1)[1].split("`")[0]


def test_every_export_format_is_documented():
    from annotator.core.formats import writers

    for name in writers():
        assert f"`{name}`" in README, name


def test_the_readme_apt_line_is_the_ci_package_list():
    listed = [
        line
        for line in (pathlib.Path(__file__).resolve().parents[1] / ".ci" / "apt-packages")
        .read_text(encoding="utf-8")
        .splitlines()
        if line.strip() and not line.startswith("#")
    ]
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in quick_start.splitlines() if "apt-get install" in line]
    assert len(lines) == 1
    assert lines[0].split("apt-get install", 1)[1].split() == listed
    assert {"python3-venv", "libgl1", "libxcb-icccm4", "libxkbcommon-x11-0"} <= set(listed)
