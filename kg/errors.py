"""The project's exceptions, with a catalogue of messages.

Library code raises these; only the CLI turns them into exit codes. Each message says what is
wrong and what would be valid, in the manner of spaCy's error catalogue.
"""
from __future__ import annotations


class KGError(Exception):
    """Base class: anything the user can fix (bad input, missing graph, bad query)."""

    exit_code = 1


class InputError(KGError):
    """A source file is missing, unreadable or in no recognised format."""


class RecordError(KGError):
    """One record of a source is malformed; readers report it as a skip unless --strict."""

    def __init__(self, location: str, reason: str) -> None:
        super().__init__(f"{location}: {reason}")
        self.location = location
        self.reason = reason


class GraphNotFoundError(KGError):
    """No built graph at the given directory."""


class QueryError(KGError):
    """A SPARQL query is malformed or cannot be run; exit status 2 like a usage error."""

    exit_code = 2


class UnknownNameError(KGError):
    """A name given by the user resolves to no node; carries suggestions."""

    def __init__(self, kind: str, name: str, suggestions: list[str]) -> None:
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown {kind} {name!r}.{hint}")
        self.kind = kind
        self.name = name
        self.suggestions = suggestions


class ValidationFailed(KGError):
    """SHACL validation found violations."""
