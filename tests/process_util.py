"""Helpers for tests that run a real server process (kg serve, oxigraph serve)."""
from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def stop(proc: subprocess.Popen) -> None:
    """Terminates a server and waits for it, killing it if it does not exit in 10 s."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def wait_until(proc: subprocess.Popen, ready: Callable[[], T | None], what: str,
               seconds: float = 30) -> T:
    """Polls ``ready`` until it returns a value; fails early if the process exits."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        got = ready()
        if got is not None:
            return got
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited")
        time.sleep(0.05)
    proc.kill()
    proc.wait()
    raise RuntimeError(f"{what} did not start")
