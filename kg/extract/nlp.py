"""Builds the spaCy pipeline: ``spacy.blank("en")`` + the kg components.

``kg_title_boundary`` sets every sentence start itself (title, abbreviations, decimals),
so spaCy's sentencizer is not needed in front of it.

Every kg component is a registered spaCy factory (``@Language.factory``), so a user can swap
one for a statistical component, or add one, with ``nlp.add_pipe`` as usual. The order below
matters: claims read the hardware found before them, and kg_hardware_roles reads both.
"""
from __future__ import annotations

import importlib

import spacy
from spacy.language import Language

#: (factory name, module that registers it). Modules are imported for their registration.
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("kg_title_boundary", "kg.extract.sentences"),
    ("kg_urls", "kg.extract.urls"),
    ("kg_hardware", "kg.extract.hardware"),
    ("kg_datasets", "kg.extract.datasets"),
    ("kg_methods", "kg.extract.methods"),
    ("kg_techniques", "kg.extract.techniques"),
    ("kg_tasks", "kg.extract.tasks"),
    ("kg_claims", "kg.extract.claims"),
    ("kg_hardware_roles", "kg.extract.hardware_roles"),
)

#: Texts longer than this are cut before analysis: abstracts are ~2k characters, and a
#: runaway 1 MB "abstract" should cost bounded time, not crash spaCy's max_length check.
MAX_TEXT_CHARS = 20_000


def build_nlp(exclude: tuple[str, ...] = ()) -> Language:
    """A fresh pipeline; ``exclude`` leaves out kg components by factory name."""
    nlp = spacy.blank("en")
    nlp.max_length = MAX_TEXT_CHARS + 10
    for factory, module in COMPONENTS:
        if factory in exclude:
            continue
        importlib.import_module(module)
        nlp.add_pipe(factory)
    return nlp
