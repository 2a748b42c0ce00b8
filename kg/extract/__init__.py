"""Extraction: spaCy pipeline of rule-based components -> :class:`kg.model.PaperExtraction`.

Import :class:`Extractor` from :mod:`kg.extract.extractor`; this package file stays light so
that importing a vocabulary helper does not load spaCy.
"""
from __future__ import annotations

EXTRACTOR_VERSION = "kg-rules-0.1"
