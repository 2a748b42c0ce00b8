"""What every command shares: error handling at the edge and stderr printing."""
from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from kg.errors import KGError

F = TypeVar("F", bound=Callable[..., Any])


def err(msg: str) -> None:
    sys.stderr.write(msg + "\n")


def fail_on_kgerror(fn: F) -> F:
    """Turns the library's errors into 'kg: error: ...' and the error's exit code."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except KGError as e:
            err(f"kg: error: {e}")
            raise typer.Exit(e.exit_code) from None
        except BrokenPipeError:  # `kg extract | head`
            sys.stderr.close()
            raise typer.Exit(0) from None

    return wrapper  # type: ignore[return-value]
