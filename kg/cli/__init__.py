"""The ``kg`` command line: a thin Typer layer over the library.

Only this package prints and exits. Sub-apps live in sibling modules and are joined here;
nothing heavy is imported at module level so that ``kg --help`` starts fast.
"""
from __future__ import annotations

from kg.cli.app import app, main

__all__ = ["app", "main"]
