"""Loads the vocabularies shipped as JSON data files in ``kg/data``.

Vocabularies are data, not code, so that users can read and extend them without touching
Python; they are parsed once per process.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=None)
def load_json(filename: str) -> Any:
    """The parsed content of ``kg/data/<filename>``."""
    with (resources.files("kg") / "data" / filename).open("r", encoding="utf-8") as fh:
        return json.load(fh)
