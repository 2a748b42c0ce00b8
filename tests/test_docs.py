"""Every command has help text and is documented in the README (sqlite-utils' test_docs)."""
from __future__ import annotations

from pathlib import Path

from typing import Any

import typer.main

from kg.cli import app

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group: Any, prefix: str = "") -> list[tuple[str, Any]]:
    # Typer may bundle its own click, so groups are recognised by shape, not by class.
    out = []
    for name, cmd in group.commands.items():
        full = f"{prefix}{name}"
        out.append((full, cmd))
        if hasattr(cmd, "commands"):
            out += _commands(cmd, full + " ")
    return out


def test_every_command_has_help_and_is_in_the_readme() -> None:
    root = typer.main.get_command(app)
    assert hasattr(root, "commands")
    cmds = _commands(root)
    assert len(cmds) >= 7
    for name, cmd in cmds:
        assert (cmd.help or "").strip(), f"kg {name} has no help text"
        assert f"kg {name}" in README, f"kg {name} is not documented in README.md"
