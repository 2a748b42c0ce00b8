"""SHACL validation of a built graph against ``kg/data/shapes.ttl`` (pyshacl)."""
from __future__ import annotations

from importlib import resources


def validate_graph(graph_dir: str) -> list[str]:
    """One line per violation: focus node, path, message. Empty when the graph conforms."""
    import rdflib
    from pyoxigraph import DefaultGraph, RdfFormat
    from pyshacl import validate

    from kg.graph.store import open_store

    data = rdflib.Graph()
    nt = open_store(graph_dir).dump(format=RdfFormat.N_TRIPLES, from_graph=DefaultGraph())
    data.parse(data=nt.decode("utf-8"), format="nt")
    shapes = rdflib.Graph()
    shapes.parse(data=(resources.files("kg") / "data" / "shapes.ttl").read_text("utf-8"), format="turtle")
    _, report, _ = validate(data, shacl_graph=shapes, inference="none", advanced=True)
    SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    out = []
    for res in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = report.value(res, SH.focusNode)
        path = report.value(res, SH.resultPath)
        msg = report.value(res, SH.resultMessage)
        out.append(f"{focus} {path or ''}: {msg}")
    return sorted(out)
