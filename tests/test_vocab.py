"""ASCII twins (kg.extract.vocab): a twin exists only where it matches as the original does."""
from __future__ import annotations

import re

import pytest

from kg.extract.vocab import _no_ascii_folds, ascii_twin, plain_ascii


@pytest.mark.parametrize("src,safe", [
    (r"(?<![A-Za-z0-9])A100(?:'?s)?", True),
    (r"(?<=\d[xX×])H100", True),            # below U+0130: decided without parsing
    ("cla\u017fs", False),                   # a literal long s folds to "s" under re.I
    ("[a-\u017f]+", False),                  # a range that holds it
    (r"cla\u017fs", False),                  # the same, written as an escape
    (r"\N{LATIN SMALL LETTER LONG S}", False),
    ("[\u0100-\u012f]", True),               # just below the first folding character
    ("\u212a-means", False),                 # KELVIN SIGN folds to "k"
    (r"\\u", True),                          # an escaped backslash, then "u": parsed, safe
])
def test_fold_check(src: str, safe: bool) -> None:
    assert _no_ascii_folds(src, re.I) is safe


def test_twin_matches_as_the_original_on_ascii_text() -> None:
    p = re.compile(r"\b(?:gpu|tpu)s?\b", re.I)
    twin = ascii_twin(p)
    assert twin is not p and twin.flags & re.ASCII
    text = "Two GPUs and a TPU; no gpus_x."
    assert plain_ascii(text)
    assert [m.span() for m in twin.finditer(text)] == [m.span() for m in p.finditer(text)]


def test_no_twin_when_a_literal_folds_to_ascii() -> None:
    p = re.compile("\u017ftate", re.I)
    assert ascii_twin(p) is p
    assert p.search("STATE")  # the Unicode pattern matches ASCII text the twin would miss
