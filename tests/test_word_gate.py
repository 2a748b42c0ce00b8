"""Word gates (kg.extract.word_gate) and the exactness of the prefilters built on them.

The gates may only err on the side of "may match": every test below compares a gated path
with the plain ``search`` / ``finditer`` it replaces, on strings chosen to sit on the edges
(separators, counts written "8xA100", LaTeX, case, punctuation right before a name).
"""
from __future__ import annotations

import random
import re

import pytest

from kg.extract.claims import ClaimsComponent
from kg.extract.hardware import HardwareComponent, HardwareRules
from kg.extract.hardware_registry import load_registry
from kg.extract.vocab import load_json, plain_ascii
from kg.extract.word_gate import (
    OPT_SPACE,
    WordGate,
    finditer_at,
    holds_literal,
    pattern_starts,
    required_literal,
    word_text,
)

_FRAGMENTS = [
    "8xA100", "4×H100", "2timesV100", "RTX-4090s", "rtx_4090's", "(RTX4090)", "+GPU", "x86 CPUs",
    "Jetson Orin Nano", "JetsonNano", "Raspberry Pi 3 B+", "RPi 4", "AiM", "we aim", "Ascend NPUs",
    "mobile GPUs", "edge devices", "MCUs", "in-memory computing", "DSP blocks", "PIM-GPT",
    "Internet of Things (IoT) devices", "at the edge", "HBM3e", "LPDDR5X", "NVIDIA H100", "T4 GPU",
    "3.2x faster", "from 10ms to 2 ms", "a factor of 6", "times 3 faster", "reduced by 40%",
    "x40.0 faster", "50K tokens/s", "12. 5%", "+2.3 mAP", "two percentage points", "1.6 and 1.4 times",
    "52.9/54.3/55.1 mAP", "PSNR of 31.2", "error rate 3.1", "F1-score 0.91", "ranked first",
    "$4{,}918\\,$ms", "$\\mathbf{26.7}\\%$", "$7.5\\times$", "e.g. 4x", "vs. 74.2%", "1,2345 ms",
    "We", "our model", "achieves", "on", "the", "GPU", "cpu", "FPS", "2023", "ResNet-152",
    " ", " ", "", "-", "_", "/", ".", ". ", ", ", "\n", "(", ")", "'s", "s", "x", "X",
]


def _strings(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_FRAGMENTS) for _ in range(rng.randint(1, 10))) for _ in range(n)]


def _spans(matches) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in matches]


def test_word_text_keeps_offsets():
    text = "An RTX-4090, 8xA100_GPU!"
    words = word_text(text)
    assert words == b" an rtx 4090  8xa100 gpu "
    assert len(words) == len(text) + 1


def test_word_gate_sequences_and_starts():
    gate = WordGate([(("a", OPT_SPACE, "1", "0", "0"), True), (("g", "p", "u"), False)],
                    leads=(" ", "x"), right=r"(?: ?s)?(?![a-z0-9])")
    assert gate(word_text("8xA100 and a 100s"))
    assert not gate(word_text("a1000"))  # bounded: the name must end there
    assert gate(word_text("GPUDirect"))  # unbounded: a start is enough
    assert gate.starts(word_text("on 8xA100 GPUs")) == [5, 10]
    with pytest.raises(ValueError):
        WordGate([((), True)])


def test_finditer_at_is_finditer():
    pattern = re.compile(r"(?<![a-z])ab|b+")
    text = "xab abb bab b"
    assert _spans(finditer_at(pattern, text, range(len(text)))) == _spans(pattern.finditer(text))


def test_pattern_starts_needs_a_word_start():
    assert pattern_starts(re.compile(r"(?<![A-Za-z0-9])(?:GPUs?|edge devices?)", re.I)) == [
        ("e", "d", "g", "e", " ", "d", "e", "v", "i", "c", "e"),
        ("e", "d", "g", "e", " ", "d", "e", "v", "i", "c", "e", "s"),
        ("g", "p", "u"), ("g", "p", "u", "s")]
    assert pattern_starts(re.compile(r"(?<![a-z0-9])gpu")) is None  # "Xgpu" is no word start
    assert pattern_starts(re.compile(r"gpu")) is None
    assert pattern_starts(re.compile(r"\b\w+ing")) is None  # nothing fixed to look for


def test_required_literal():
    assert required_literal(re.compile(r"(?:\bby\s+\+|(?<!\w)\+(?=\d))(\d+)")) == ("+", False)
    assert required_literal(re.compile(r"\b(?:one|two)\s+percentage\s+points", re.I)) == ("percentage", True)
    assert required_literal(re.compile(r"x(?i:abc)y")) == ("abc", True)
    assert required_literal(re.compile(r"(?:ab|cd)")) is None
    assert holds_literal(("percentage", True), "Two PERCENTAGE points")
    assert not holds_literal(("+", False), "no plus here")


@pytest.fixture(scope="module")
def hardware() -> HardwareComponent:
    return HardwareComponent(load_registry(), HardwareRules(load_json("hardware_rules.json")))


@pytest.fixture(scope="module")
def claims() -> ClaimsComponent:
    return ClaimsComponent(load_json("claims.json"))


def test_hardware_gate_misses_no_match(hardware):
    assert hardware._gate is not None
    for text in _strings(1, 3000):
        if not plain_ascii(text):
            continue
        starts = hardware._gate.starts(word_text(text))
        scans, class_re = hardware._scans_for(text)
        for pattern, haystack in [(class_re, text), *scans]:
            assert _spans(finditer_at(pattern, haystack, starts)) == _spans(pattern.finditer(haystack)), text


def test_claims_prefilters_are_exact(claims):
    assert claims._word_gate is not None
    for text in _strings(2, 3000):
        scans = claims._scans_ascii if plain_ascii(text) else claims._scans
        claim_re, named, signed, spelled = scans
        assert claims._has_numbers(text) == bool(
            claim_re.search(text) or named.search(text) or signed.search(text) or spelled.search(text)), text
        assert [_spans(m) for m in claims._matches(text)] == [
            _spans(claim_re.finditer(text)), _spans(named.finditer(text)), _spans(spelled.finditer(text)),
            _spans(signed.finditer(text))], text


def test_leads_of_different_lengths_give_every_offset_in_order() -> None:
    # one pattern serves every lead; "times" is longer than " ", so a match found later can
    # start its sequence earlier: the offsets must still come back ascending, each once
    gate = WordGate([(("a", "1", "0", "0"), True), (("g", "p", "u"), True)],
                    leads=(" ", "x", "times"))
    text = "2timesa100 gpu 8xa100 a100 x gpu"
    expected = sorted({m.start(1) - 1 for lead in (" ", "x", "times")
                       for m in re.finditer(re.escape(lead) + r"(a100|gpu)(?![a-z0-9])", " " + text)})
    assert gate.starts(word_text(text)) == expected == [6, 11, 17, 22, 29]
    assert gate(word_text(text)) and not gate(word_text("no hardware here"))
    with pytest.raises(ValueError):
        WordGate([(("a",), True)], leads=("x", "xx"))
