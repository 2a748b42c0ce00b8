"""Questions over a built graph: SPARQL with bound parameters, saved queries, ``kg papers``,
NetworkX analytics, a read-only SPARQL endpoint.

Every module here reads the graph through a *backend* (:mod:`kg.query.backend`): the local
Oxigraph store or a remote SPARQL endpoint (:mod:`kg.remote`), so the saved queries, name
resolution and ``papers`` answer the same way in both places. Nothing here imports
``kg.cli``; heavy modules (networkx, rapidfuzz, matplotlib) are imported inside the
functions that need them so ``kg papers`` starts fast.
"""
from __future__ import annotations
