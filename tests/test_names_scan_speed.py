"""The faster scans of kg.extract.names_scan find exactly what the plain patterns find."""
from __future__ import annotations

import random

from kg.extract import names_scan as ns

TEXTS = [
    "An offline Query Unifier canonicalizes queries. The Hybrid Compressor works; its Shape Extractor Module too.",
    "a novel Dual Orientation AutoEncoder and the Spatial Enhanced Module (SEM) with an X Y",
    "-the Query Unifier, (the Fast Path Builder) «an Old Query Unifier» and—the Long Name Router.",
    "Across diverse benchmarks-GoalStep-StepGrounding, Ego4D-NLQ and ActivityNet-Captions-one model wins.",
    "We compare models -- GPT-4o, Claude -- and datasets \u2014 such as MMLU, on test sets - HELM.",
    "the datasets-LIVE and methods--none, baselines - e.g. X; corpora\u2014A",
    "",
]


def _random_texts(n: int = 400) -> list[str]:
    rng = random.Random(7)
    words = ["an", "An", "the", "The", "our", "its", "a", "A", "Query", "Unifier", "of", "new", "models", "datasets",
             "methods", "test sets", "-", "--", "\u2014", "X", "Ab", "é", "(", ")", ",", "\n", "Builder", "AB-C"]
    seps = [" ", "", "-", ", ", "\n"]
    return ["".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(1, 25))) for _ in range(n)]


def test_separator_scan_matches_the_look_behind_pattern():
    scan = ns.SeparatorScan.of(ns._TITLED_PART_RE)
    for text in TEXTS + _random_texts():
        for pos in (0, 3, len(text) // 2):
            want = [(m.start(), m.span(1), m.span(2)) for m in ns._TITLED_PART_RE.finditer(text, pos)]
            for plain in ((True, False) if ns.plain_ascii(text) else (False,)):
                got = [(m.start(), (m.start(1) - 1, m.end(1) - 1), (m.start(2) - 1, m.end(2) - 1))
                       for m in scan.finditer(" " + text, pos, plain)]
                assert got == want, (text, pos, plain)


def test_dash_list_opens_are_the_pattern_matches():
    for text in TEXTS + _random_texts():
        want = [m.span(1) for m in ns._DASH_LIST_OPEN_RE.finditer(text)]
        assert [m.span(1) for m in ns._dash_list_opens(text)] == want, text


def test_containment_test_never_misses_a_containing_span():
    rng = random.Random(3)
    for _ in range(300):
        spans = []
        for k in range(rng.randint(0, 12)):
            s = rng.randint(0, 40)
            spans.append((s, s + rng.randint(1, 12), f"k{k % 4}"))
        may_be_inside = ns._containment_test(spans)
        for s in range(0, 45):
            for e in range(s + 1, s + 14):
                inside = any(a <= s and e <= b and b - a > e - s for a, b, _ in spans)
                assert may_be_inside(s, e) == inside, (spans, s, e)


def test_inside_any():
    assert ns._inside_any(3, 5, [(0, 2), (2, 5)])
    assert not ns._inside_any(3, 6, [(0, 2), (2, 5)])
    assert not ns._inside_any(0, 1, [])
