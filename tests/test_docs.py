"""The README documents every command of the charter CLI."""

from pathlib import Path

import click

from charter.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands(group, prefix="charter"):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix} {name}")
        else:
            yield f"{prefix} {name}"


def test_every_command_is_in_the_readme():
    commands = list(_commands(main))
    assert len(commands) >= 7
    assert [c for c in commands if c not in README] == []


def test_the_readme_shows_the_two_commands():
    assert "make run" in README
    assert "make test" in README
