"""Readers: one streaming reader per input format, each an iterator of :class:`Paper`.

``read_sources`` is the entry point: it picks a reader per source (by ``fmt``, else by
content and extension, see ``detect_format``), reports bad records as :class:`Skip` and
removes duplicates (a richer duplicate is re-yielded under the first record's id).
"""
from __future__ import annotations

from kg.ingest.base import READERS, Skip, detect_format, read_source, read_sources

__all__ = ["READERS", "Skip", "detect_format", "read_source", "read_sources"]
