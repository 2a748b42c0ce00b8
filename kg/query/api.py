"""The Python API: ``kg.open_graph("output")`` -> :class:`GraphHandle`.

One object per graph (a local directory or a remote endpoint) that answers the same questions
as the CLI and returns plain data::

    g = kg.open_graph("output")
    g.papers(hardware="H100")                 # [PaperRecord(id=..., title=..., ...)]
    g.query("papers-by-hardware", hardware="GPU").records()
    g.sparql("SELECT ?t WHERE { ?p dcterms:title ?t }").records()
    g.top("hardware", by="pagerank")
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from kg.query.backend import Backend
from kg.query.names import NameResolver, Target
from kg.query.results import QueryResult, Term, parse_term

if TYPE_CHECKING:
    import networkx as nx

    from kg.query.papers import PaperRecord, PapersResult


class GraphHandle:
    """A graph to ask questions of. Cheap to create; the NetworkX view is built on first use."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.resolver = NameResolver(backend)
        self._nx: Any = None

    @classmethod
    def open(cls, path: str | os.PathLike[str] = "output", *, endpoint: str | None = None,
             timeout: float | None = None) -> "GraphHandle":
        """A local graph directory, or the SPARQL endpoint ``endpoint`` when given."""
        if endpoint:
            from kg.remote import RemoteBackend

            return cls(RemoteBackend(endpoint, timeout=timeout))
        from kg.query.backend import LocalBackend

        return cls(LocalBackend(path))

    def __enter__(self) -> "GraphHandle":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._nx = None

    # ---- SPARQL
    def sparql(self, query: str, params: Mapping[str, Term | str] | None = None, *,
               timeout: float | None = None, max_rows: int | None = None) -> QueryResult:
        """Runs SPARQL; ``params`` bind variables (strings use the ``--param`` syntax)."""
        bindings = {k: (parse_term(v) if isinstance(v, str) else v) for k, v in (params or {}).items()}
        return self.backend.query(query, bindings, timeout=timeout, max_rows=max_rows)

    def query(self, name: str, *, timeout: float | None = None, **params: str) -> QueryResult:
        """Runs a saved query by name with its parameters (names resolved like ``papers``)."""
        from kg.query.saved import run_saved

        return run_saved(self.backend, self.resolver, name, params, timeout=timeout)[2]

    def resolve(self, type_: str, name: str) -> Target:
        return self.resolver.resolve(type_, name)

    # ---- papers
    def find_papers(self, **filters: Any) -> "PapersResult":
        from kg.query.papers import find_papers

        return find_papers(self.backend, self.resolver, **filters)

    def papers(self, *, hardware: str | None = None, dataset: str | None = None,
               method: str | None = None, technique: str | None = None, task: str | None = None,
               role: str | None = None) -> list["PaperRecord"]:
        """Papers matching every filter given, as :class:`~kg.query.papers.PaperRecord`."""
        return self.find_papers(hardware=hardware, dataset=dataset, method=method,
                                technique=technique, task=task, role=role).records

    def papers_df(self, **filters: Any) -> Any:
        """:meth:`papers` as a pandas DataFrame (needs pandas)."""
        from kg.query.papers import records_dataframe

        return records_dataframe(self.papers(**filters))

    # ---- NetworkX
    def networkx(self) -> "nx.Graph":
        """The analysis graph (papers and entities, undirected) used by the algorithms."""
        if self._nx is None:
            from kg.query.algos import load_graph

            self._nx = load_graph(self.backend.triples())
        return self._nx

    def node(self, name: str) -> str:
        """The node IRI for a name (``type:name`` picks a type; papers by id or title)."""
        t = self.resolver.resolve_any(name)
        return self._node_of(t)

    def _node_of(self, t: Target) -> str:
        from kg.errors import KGError

        H = self.networkx()
        if t.iri is None or t.iri not in H:
            raise KGError(f"{t.label!r} is known but no paper in this graph links to it")
        return t.iri

    def neighbors(self, name: str, depth: int = 1) -> list[Any]:
        from kg.query.algos import neighbors

        return neighbors(self.networkx(), self.node(name), depth)

    def path(self, a: str, b: str) -> list[tuple[str, str, str, str]]:
        from kg.query.algos import path

        return path(self.networkx(), self.node(a), self.node(b))

    def top(self, type_: str = "hardware", by: str = "degree", k: int = 10) -> list[tuple[str, str, float]]:
        from kg.query.algos import top

        return top(self.networkx(), type_, by, k)

    def cooccur(self, rows: str = "hardware", cols: str = "technique", min_count: int = 1,
                limit: int | None = None) -> tuple[list[str], list[str], list[list[int]]]:
        from kg.query.algos import cooccur

        return cooccur(self.networkx(), rows, cols, min_count, limit)

    def similar(self, paper: str, k: int = 10) -> list[tuple[str, str, float, list[str]]]:
        from kg.query.algos import similar

        return similar(self.networkx(), self._node_of(self.resolver.resolve_paper(paper)), k)

    def communities(self, seed: int = 42, resolution: float = 1.0) -> list[dict[str, Any]]:
        from kg.query.algos import communities

        return communities(self.networkx(), seed, resolution)
