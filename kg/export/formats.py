"""Writes a built graph in the formats users load elsewhere.

RDF formats come straight from the store (Oxigraph's serialisers); GraphML, GEXF and CSV
come from the NetworkX view, whose attribute values are flattened to strings because those
formats have no lists.
"""
from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.errors import KGError


def _rdf(fmt_name: str) -> Callable[[str, Path], None]:
    def write(graph_dir: str, path: Path) -> None:
        from pyoxigraph import DefaultGraph, RdfFormat

        from kg.graph.namespaces import PREFIXES
        from kg.graph.store import atomic_output, open_store

        fmt = getattr(RdfFormat, fmt_name)
        store = open_store(graph_dir)
        kwargs: dict[str, Any] = {"from_graph": DefaultGraph()}
        if fmt_name in ("TURTLE", "JSON_LD"):
            kwargs["prefixes"] = PREFIXES
        with atomic_output(path) as tmp:
            store.dump(str(tmp), fmt, **kwargs)

    return write


def _flat(attrs: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in attrs.items():
        if isinstance(v, list):
            v = " | ".join(map(str, v))
        out[k.replace(":", "_")] = v
    return out


def _nx_graph(graph_dir: str) -> Any:
    from kg.graph.nx_convert import to_networkx
    from kg.graph.store import open_store

    return to_networkx(open_store(graph_dir))


def _flattened(graph_dir: str) -> Any:
    import networkx as nx

    G = _nx_graph(graph_dir)
    H = nx.MultiDiGraph()
    for n, a in G.nodes(data=True):
        H.add_node(n, **_flat(a))
    for u, v, k, a in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, predicate=k if "iri" not in a else "kg:link", **_flat(a))
    return H


def _graphml(graph_dir: str, path: Path) -> None:
    import networkx as nx

    from kg.graph.store import atomic_output

    with atomic_output(path) as tmp:
        nx.write_graphml(_flattened(graph_dir), tmp)


def _gexf(graph_dir: str, path: Path) -> None:
    import networkx as nx

    from kg.graph.store import atomic_output

    with atomic_output(path) as tmp:
        nx.write_gexf(_flattened(graph_dir), tmp)


def _csv(graph_dir: str, path: Path) -> None:
    """Two files: ``<path>`` stem + ``.nodes.csv`` and ``.edges.csv``."""
    from kg.graph.store import atomic_output

    G = _nx_graph(graph_dir)
    stem = path.with_suffix("") if path.suffix == ".csv" else path
    nodes_path, edges_path = Path(f"{stem}.nodes.csv"), Path(f"{stem}.edges.csv")
    with atomic_output(nodes_path) as tmp, open(tmp, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "kind", "label"])
        for n, a in G.nodes(data=True):
            w.writerow([n, a.get("kind", ""), a.get("label", "")])
    with atomic_output(edges_path) as tmp, open(tmp, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["source", "target", "predicate", "role", "evidence", "extractor_iri"])
        for u, v, k, a in G.edges(keys=True, data=True):
            w.writerow([u, v, "kg:link" if "iri" in a else k, a.get("role", ""),
                        a.get("evidence", ""), a.get("prov:wasGeneratedBy", "")])


def _html(graph_dir: str, path: Path, **options: Any) -> None:
    from kg.export.html import write_html

    write_html(graph_dir, path, **options)


EXPORT_FORMATS: dict[str, Callable[..., None]] = {
    "turtle": _rdf("TURTLE"),
    "n-triples": _rdf("N_TRIPLES"),
    "json-ld": _rdf("JSON_LD"),
    "rdf-xml": _rdf("RDF_XML"),
    "graphml": _graphml,
    "gexf": _gexf,
    "csv": _csv,
    "html": _html,
}


def export_graph(graph_dir: str, fmt: str, path: str, **options: Any) -> Path:
    """Writes the graph in ``graph_dir`` as ``fmt`` to ``path`` (atomically)."""
    try:
        writer = EXPORT_FORMATS[fmt]
    except KeyError:
        raise KGError(f"unknown export format {fmt!r}; choose one of: {', '.join(EXPORT_FORMATS)}") from None
    target = Path(path)
    if target.parent and not target.parent.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
    if options and fmt != "html":
        raise KGError("drawing options (focus, types, ...) apply to the html export only")
    writer(graph_dir, target, **options)
    return target
