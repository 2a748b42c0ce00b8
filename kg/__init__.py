"""kg: a knowledge graph of research papers.

The public Python API is small on purpose: build a graph with :func:`kg.pipeline.build`,
open it with :func:`open_graph` and ask it questions. Heavy modules are imported lazily so
that ``import kg`` (and the CLI's start-up) stays cheap.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from kg.query.api import GraphHandle


def open_graph(path: str = "output", *, endpoint: str | None = None) -> "GraphHandle":
    """Open a built graph directory (or a remote SPARQL endpoint) for questions."""
    from kg.query.api import GraphHandle

    return GraphHandle.open(path, endpoint=endpoint)


def __getattr__(name: str) -> Any:  # lazy re-exports
    if name in {"Paper", "Mention", "Claim", "CodeUrl", "Evidence", "PaperExtraction"}:
        from kg import model

        return getattr(model, name)
    raise AttributeError(name)
