"""Readers: one streaming reader per input format, each an iterator of :class:`Paper`.

``read_sources`` is the entry point: it picks a reader per source (by ``fmt``, else by
extension and content), reports bad records as :class:`Skip` and removes duplicates.
"""
from __future__ import annotations

from kg.ingest.base import Skip, read_sources

__all__ = ["Skip", "read_sources"]
