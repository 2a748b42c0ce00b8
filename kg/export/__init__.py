"""Exports of a built graph: RDF serialisations, GraphML/GEXF, CSV, HTML.

``export_graph(graph_dir, fmt, path)`` is the single entry point; each format lives in its
own module and is imported only when used.
"""
from __future__ import annotations

from kg.export.formats import EXPORT_FORMATS, export_graph

__all__ = ["EXPORT_FORMATS", "export_graph"]
