"""The graph: IRIs, the RDF mapping of extractions, the persistent store, the NetworkX view."""
