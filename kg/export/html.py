"""TEMPORARY: replaced by the pyvis export."""
from kg.errors import KGError


def write_html(graph_dir, path, **options):
    raise KGError("html export not available yet")
