"""Extraction: spaCy pipeline of rule-based components -> :class:`kg.model.PaperExtraction`.

Import :class:`Extractor` from :mod:`kg.extract.extractor`; this package file stays light so
that importing a vocabulary helper does not load spaCy.
"""
from __future__ import annotations

#: Stored with each paper (kg:extractorVersion) so a graph tells which extractor made it.
#: 0.2: hardware roles are re-scored by a learned model (kg_hardware_roles).
EXTRACTOR_VERSION = "kg-0.2"
