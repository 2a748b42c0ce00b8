"""kg_claims: quantitative results (``6.54x lower latency``, ``91.07 fps on one RTX4090``).

One compiled regex per sentence finds a number (or a range ``41-137x``, ``from 0.9s to 0.05s``)
followed by a unit from ``kg/data/claims.json``; coordinated numbers (``1.6 and 1.4 times``)
borrow the unit of the last one. Ranges keep the whole span as text and the upper (or "to")
bound as value, as the guideline asks. Sizes of data and models (``8TB of data``, ``80GB GPU``,
``7B parameters``), years, citations and identifiers (``ResNet-152``) are not claims: numbers
without a unit are never taken, and the skip regexes reject the remaining look-alikes. A few
word forms are claims too: spelled factors ("by up to ninefold", "one-third the parameters of
X"), results in words ("by over two orders of magnitude", "drops by half"), and a bare decimal
the paper compares by "versus" ("reach 0.92 versus 0.83 for Y"). A unit-less metric named
before its value ("Dice scores of 0.968 and 0.910", "F1 = 0.8-0.9") gives every value of its
list and the upper bound of its range; "A -> B" keeps the new value B. A result restated in a
later sentence with the same metric noun is kept once.

A claim's hardware is the hardware named in its sentence (read from the spans kg_hardware left
in ``doc.user_data``); when that hardware is only the baseline ("3.7x over a DGX H100"), the
claim is about the paper's own target platform, when it has one.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import doc_ext
from kg.extract.hardware import HARDWARE_SPANS_KEY
from kg.extract.vocab import ascii_twin, load_json, plain_ascii
from kg.extract.word_gate import (
    WordGate,
    finditer_at,
    holds_literal,
    pattern_starts,
    required_literal,
    word_text,
)
from kg.model import Claim, Evidence

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_RANGE_SEP = r"\s*(?:->|→|-{1,2}|–|—|~|to|sim|\\sim|and up to)\s*"
# the words before the number of claim_re's word-led alternatives (their gates reuse them)
_FACTOR_OF = r"factor\s+of\s+(?:up\s+to\s+|about\s+|~\s*)?"
_TIMES = r"times\s+"
_BY = r"by\s+(?:a factor of\s+)?"
# between the two values of a unit-less "from A to B" (a parenthetical may name A's owner)
_FROM_TO = r"(?:\([^()]{1,30}\)\s*)?to\s+"
# between the old and the new value of "0.73 -> 0.90" ("0.73$\\rightarrow$0.90" once LaTeX is plain)
_ARROW = r"\s*(?:->|→)\s*"


@Language.factory("kg_claims")
def make_claims(nlp: Language, name: str) -> "ClaimsComponent":
    return ClaimsComponent(load_json("claims.json"))


class ClaimsComponent:
    """Appends :class:`kg.model.Claim` objects to ``doc._.kg_claims``."""

    #: Cues of claims.json compiled as written, in any case (re.I) or in the written case only;
    #: each key becomes an attribute of the same name, and a key missing from the data file is
    #: a KeyError at pipeline construction, not a silent miss while extracting.
    _CUES_ANY_CASE = (
        # skips: a value that is a setting, a size, a baseline's or an old one
        "skip_after", "skip_before", "skip_before_any", "baseline_paren", "baseline_which",
        "from_old_right", "own_first_right", "size_exempt_before", "cost_unit", "setting_after",
        "own_sentence", "background_cost", "threshold_before", "version_before",
        # "by up to ninefold", "one-third the parameters of X": spelled factors (unit x), and
        # "+4.3 points" written out
        "spelled_factor", "fold_before", "fold_after", "fraction_before", "fraction_after",
        "fraction_of_after", "spelled_points", "own_result_verb",
        # specs and settings that look like results
        "spec_paren", "setting_paren_after", "gb_usage_before", "bits_setting_before", "proportion_before",
        "proportion_after", "x_param_result_after",
        # a rate in Hz is a result only after a result cue, away from sampling and capture words
        "hz_result_before", "hz_setting_near",
        # a result restated later: the metric noun before it, and the metric's name
        "metric_noun_before", "metric_after", "metric_before")
    #: ``versus_score``: "reach 0.92 on X versus 0.83 for Y", a bare decimal compared by "versus";
    #: the others tell units, signs and names apart by case ("GB", "+0.6", capitalised metrics).
    _CUES_CASED = ("signed_points", "versus_score", "spec_paren_unit", "gb_hardware_after",
                   "metric_noun_after")

    def __init__(self, rules: dict[str, Any]) -> None:
        self.unit_of: dict[str, str] = {}
        for unit, forms in rules["units"].items():
            for f in forms:
                self.unit_of[f.lower()] = unit
                self.unit_of[f] = unit
        forms = sorted({f for fs in rules["units"].values() for f in fs}, key=len, reverse=True)
        unit_re = "(?:" + "|".join(re.escape(f) for f in forms) + r")(?![A-Za-z0-9]|-[A-Z])"
        lead = r"(?<![\w.\-/\[])"
        # a slash list ("77.73%/78.45%", "4.45/5.01/6.68 ms"): a number after "<digit>/" or "%/" counts
        # (or after the minus sign of "(-20 ms)", "= -49.77": see _negative)
        slead = r"(?:(?<![\w.\-\[])(?:(?<=[\d%]/)|(?<!/))|(?<=\(-)|(?<==-)|(?<== -))"
        metric_unit = rules["metric_unit_after"]
        self.claim_re = re.compile(
            # ("between 1.4x and 2.0x": a range whose separator is the "and" of its "between")
            lead + r"(?:from\s+|(?P<btw>between\s+))?(?P<lo>" + _NUM + r")\s*(?P<lou>" + unit_re + r")?"
            + r"(?(btw)\s*and\s*|" + _RANGE_SEP + r")\+?"
            + r"(?P<hi>" + _NUM + r")\s*(?P<u>" + unit_re + r")"
            + r"|" + slead + r"(?P<v>" + _NUM + r")\s*(?P<u1>" + unit_re + r")"
            + r"|" + slead + r"(?P<c>" + _NUM + r")(?=(?:\s*(?:,\s*|,?\s*and\s+|,?\s*or\s+|/\s*)" + _NUM + r")+\s*(?P<cu>"
            + unit_re + r"))"
            # "55.1 mAP", "52.9/54.3/55.1 mAP", "5.5 PSNR gain": a number named by the metric after it
            + r"|" + slead + r"(?<!\+)(?P<mv>" + _NUM + r")(?=(?:\s*(?:/|,\s*|,?\s*and\s+)\s*" + _NUM + r")*" + metric_unit + r")"
            # "accelerates computations by a factor of 6"
            + r"|\ba\s+" + _FACTOR_OF + r"(?P<fa>" + _NUM
            + r")(?![\w%.]|\.\d|\s*(?:%|percent|points|times|x\b|×))"
            + r"|\b" + _TIMES + r"(?P<t>" + _NUM + r")(?=\s+(?:faster|slower|higher|lower|more|less|better|smaller|larger))"
            + r"|\b(?:multiplied|increased|accelerated|reduced|improved|sped up)\s+" + _BY + r"(?P<f>" + _NUM
            + r")(?![\w%.]|\.\d|\s*(?:%|percent|points|times|x\b|×))"
            + r"|(?P<broken>\d+)\.\s(?P<frac>\d+)\s*%"
            # "x40.0 faster", "a speed-up of x15.11 over": the factor written before its number
            + r"|(?<![\w.\-/])[x×](?P<px>" + _NUM + r")(?=\s+(?:faster|slower|speed\w*|higher|lower|more|less|better|over|than)\b)"
            # "1.8 faster", "2.3 the mAP of X": a factor whose "x" the source lost
            + r"|" + lead + r"(?P<sx>" + rules["stripped_factor"] + r")"
            # "~50K tokens/second": a thousands suffix on a rate
            + r"|" + lead + r"(?P<kv>" + _NUM + r")[Kk]\s*(?P<ku>tokens?/s(?:ec(?:ond)?)?|tokens? per second)(?![A-Za-z])"
            # "with only 0.65M parameters": a small parameter count as a result
            + r"|" + rules["few_params"] + r"(?P<pc>" + _NUM + r")(?=" + rules["params_after"] + r")"
            # "With 374K parameters": a count in thousands is a small model, with or without "only"
            + r"|" + lead + r"(?P<pk>" + _NUM + r")(?=" + rules["k_params_after"] + r")"
            # "208 slides per hour", "20 PDF pages per second": a throughput in items per time unit
            + r"|" + lead + r"(?<!\d,)(?P<rate>" + _NUM + r")(?=" + rules["rate_after"] + r")"
            # "a 1.84-degree mean error", "3.2 degrees RMSE": an angular error is a result
            + r"|" + lead + r"(?P<dg>" + _NUM + r")(?=" + rules["degree_error_after"] + r")"
            # "7th out of 26 models", "5th in crosslingual": a rank
            + r"|" + lead + r"(?P<rk>\d{1,3})" + rules["rank_after"]
            # "from 0.51 to 0.68", "from 84.0 (Wan2.2) to 91.2": a unit-less score moved to a new value
            + r"|(?<=from\s)(?P<f0>" + _NUM + r")\s*" + _FROM_TO + r"(?P<f1>" + _NUM + r")(?![\w%]|\.\d|\s*(?:%|" + unit_re + r"))"
            # "GenEval (0.73 -> 0.90)": a unit-less score moved to a new value, written with an arrow
            + r"|" + lead + r"(?P<a0>" + _NUM + r")" + _ARROW + r"(?P<a1>" + _NUM + r")(?![\w%]|\.\d|\s*(?:%|" + unit_re + r"))",
        )
        for key in self._CUES_ANY_CASE:
            setattr(self, key, re.compile(rules[key], re.I))
        for key in self._CUES_CASED:
            setattr(self, key, re.compile(rules[key]))
        # "59.4K H100 GPU hours", "under 27 total GPU-hours": a compute cost, with a thousands suffix
        # or words between the number and its unit (looked for only where "PU" and "hour"/"day" are)
        self.compute_cost = re.compile(lead + r"(?P<n>" + _NUM + r")" + rules["compute_cost_after"])
        # "MAE of 0.77 bpm": a named metric before the value makes it a result, not a size
        self.named_before = re.compile(rules["named_metric"] + r"$", re.I)
        # a value followed by a unit ("accuracy of 85%", "error of 5 ms") is left to claim_re
        # (a minus sign, or a plus after "=": "PPL (Delta = -49.77) and BERTScore (Delta = +0.3287)")
        no_unit = r")(?![\w%]|\.\w|\s*%|\s*(?:" + unit_re + r"))"
        self.named_metric = re.compile(rules["named_metric"] + r"(?P<sg>(?<=[\s=(])[-−](?=\d)|(?<==)\+|(?<==\s)\+)?(?P<n>"
                                       + _NUM + no_unit, re.I)
        # the values after a named metric's first one: a list ("Dice scores of 0.968 and 0.910"),
        # a range ("F1 = 0.8-0.9", "IoU values between 0.784 and 0.875")
        self.named_list_next = re.compile(rules["named_list_next"] + r"(?P<n>" + _NUM + no_unit, re.I)
        self.named_range_next = re.compile(rules["named_range_next"] + r"(?P<n>" + _NUM + no_unit, re.I)
        self.named_between_next = re.compile(r"^\s*and\s+(?P<n>" + _NUM + no_unit, re.I)
        self.spelled_value = {w: float(v) for w, v in rules["spelled_numbers"].items()}
        # the literals a spelled factor (spelled_factor) needs: most sentences hold none
        self.factor_literals = tuple(w.lower() for w in rules["spelled_factor_literals"])
        # results in words ("by over two orders of magnitude", "drops by half"), each looked for
        # only next to one of its literals
        self.spelled = {key: (re.compile(rules[key], re.I), tuple(how["literals"]), how["before"])
                        for key, how in rules["spelled_literals"].items()}
        self.spelled_literals = tuple(lit for _rx, lits, _b in self.spelled.values() for lit in lits)
        # every literal a spelled factor or a spelled result needs, tested once per text
        self.word_literals = tuple(dict.fromkeys(self.factor_literals + self.spelled_literals))
        # a result restated later: same value, unit and metric noun (metric_noun_after/_before)
        self.metric_noun_stop = set(rules["metric_stop"]) | set(rules["metric_noun_stop"])
        self.metric_stop = set(rules["metric_stop"])
        # (claim_re, named_metric, signed_points, spelled_points) for any text, and their
        # re.ASCII twins for plain ASCII text (same matches, faster scans; see vocab.ascii_twin)
        self._scans = (self.claim_re, self.named_metric, self.signed_points, self.spelled_points)
        self._scans_ascii = tuple(ascii_twin(p) for p in self._scans)
        self._compile_gates(forms, metric_unit, rules)

    def _compile_gates(self, unit_forms: list[str], metric_unit: str, rules: dict[str, Any]) -> None:
        r"""Cheap necessary conditions for the four patterns (see :meth:`_has_numbers`).

        claim_re's alternatives fall in two kinds. The *digit-led* ones (ranges, values with a
        unit, coordinated values, metric-named values, broken decimals "12. 5%", "50K
        tokens/s") start at the first digit of a run of digits, and their last number is
        followed by ``\s*`` and a unit, a metric name, "%" or "K tokens": ``unit_after``.
        (A range's optional "from " adds nothing: the same range then matches at its first
        digit.) The *word-led* ones each need a literal: "factor", "times <n>", "by <n>",
        "x<n>": ``word_led``.
        """
        units = "|".join(re.escape(f) for f in unit_forms)
        # (plus the cues of the three alternatives with no unit after the number: a unit-less
        # "from A to B", a rank, a small parameter count; all kept digit-led for sre's fast scan)
        self._unit_after = re.compile(r"\d\s*(?:%|[Kk]\s*tokens?|" + units + "|" + metric_unit + r"|->\s*\d|" + _FROM_TO
                                      + r"\d|" + rules["rank_after"] + "|" + rules["params_after"] + "|"
                                      + rules["rate_after"] + "|" + rules["degree_error_after"] + "|"
                                      + rules["k_params_after"] + ")", re.ASCII)
        # (on ASCII text the "[x×]" before a factor can only be "x")
        self._word_led = tuple(re.compile(w + r"\d", re.ASCII) for w in (_FACTOR_OF, _TIMES, _BY, "x"))
        # named metrics ("PSNR of 31.2") and spelled points ("two percentage points") start a word
        named = pattern_starts(self.named_metric)
        spelled = pattern_starts(self.spelled_points)
        self._word_gate = None if named is None or spelled is None else \
            WordGate([(t, False) for t in named + spelled])
        # signed points ("+2.3 mAP") need a "+", spelled ones "percentage" (whatever literal
        # every match holds)
        self._signed_literal = required_literal(self.signed_points)
        self._spelled_literal = required_literal(self.spelled_points)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_ext.doc_text(doc)
        plain = _plain(text)
        # the literals of spelled factors and results the text holds (usually none): the
        # sentences look only for those
        words = self._word_literals(plain)
        if not self._has_numbers(plain, words) and not ("$" in text and _DOLLAR.search(text)):
            return doc  # no number with a unit anywhere: skip the per-sentence work
        spans = doc.user_data.get(HARDWARE_SPANS_KEY, [])
        target = next((n for (_, _, n, role, kind) in spans if role == "targets" and kind == "product"), None) \
            or next((n for (_, _, n, role, _k) in spans if role == "targets"), None)
        out = doc_ext.claims(doc)
        seen: set[tuple[float, str, str]] = set()
        said: dict[tuple[float, str, str], int] = {}  # (value, unit, metric noun) -> its sentence
        # (start, end, text) per sentence: Span.text rebuilds the text from the tokens each time
        sents = [(s, e, text[s:e]) for s, e in doc_ext.sentence_bounds(doc)]
        # sentences before the paper's first own-work sentence are background: their costs and
        # losses ("overheads of up to 20%") describe the problem, not the paper's results
        first_own = next((i for i, s in enumerate(sents) if i > 0 and self.own_sentence.search(s[2])), 0)
        for i, (s0, s1, st) in enumerate(sents):
            if i == 0 and "\n" in text[s1 - 1: s1 + 1]:
                continue  # the title repeats the abstract's numbers
            if not self._may_hold_numbers(st, words):
                continue  # most sentences: the four scans would find nothing
            if 0 < i < first_own and self.background_cost.search(st):
                continue
            for start, end, value, unit in self._numbers(st, words):
                a, b = s0 + start, s0 + end
                claim_text = self._clause(st, start, end)
                key = (round(value, 6), unit, claim_text)
                if key in seen or any(s <= a < e for (s, e, *_r) in spans):
                    continue
                if unit == "GB" and any(0 <= a - e <= 2 for (_s, e, *_r) in spans):
                    continue  # "H100 80GB": the memory of the hardware just named
                if "(" in text[max(0, a - 20):a] and self.spec_paren_unit.search(st, start, end) \
                        and any(0 < a - e <= 20 and self.spec_paren.fullmatch(text, e, a) for (_s, e, *_r) in spans):
                    continue  # "the H200 (4.8 TB/s)": a spec of the hardware just named
                nouns = [(round(value, 6), unit, n) for n in self._metric_nouns(st, start, end)]
                if any(said.get(n, i) != i for n in nouns):
                    continue  # "4.73% gap" ... "gap from 36% to 4.73%": the same result restated
                for n in nouns:
                    said.setdefault(n, i)
                seen.add(key)
                out.append(Claim(
                    text=claim_text, value=value, unit=unit,
                    metric=self._metric(st, start, end),
                    hardware=self._hardware(spans, s0, s1, target),
                    evidence=Evidence(st, a, b, "kg_claims.regex", 0.8)))
        return doc

    # -- prefilters ---------------------------------------------------------------------------
    def _word_literals(self, s: str) -> tuple[str, ...]:
        """The literals of spelled factors and results ("fold", "half", "magnitude", ...) in ``s``."""
        low = s.lower()
        return tuple(lit for lit in self.word_literals if lit in low)

    def _has_numbers(self, plain: str, words: tuple[str, ...] | None = None) -> bool:
        """Whether claim_re, named_metric, signed_points or spelled_points match in ``plain``, or
        it holds a spelled factor (:meth:`_factors`), a result in words (:meth:`_spelled`) or a
        score compared by "versus" (:meth:`_versus`). ``words``: :meth:`_word_literals` of ``plain``.

        Exactly the four whole-text searches, answered cheaply on plain ASCII text: those
        searches try their big alternations at every character (~0.15 ms per abstract), while
        most abstracts hold no number with a unit. See :meth:`_compile_gates` for the gates.
        """
        if not plain_ascii(plain) or self._word_gate is None:
            claim_re, named_metric, signed_points, spelled_points = self._scans
            return bool(claim_re.search(plain) or named_metric.search(plain) or signed_points.search(plain)
                        or spelled_points.search(plain) or self._factors(plain, words) or self._versus(plain)
                        or self._spelled(plain, words) or self._compute_costs(plain))
        claim_re, named_metric, signed_points, spelled_points = self._scans_ascii
        # a digit-led match starts a run of digits, where no word-led alternative can match:
        # claim_re matches at such a start exactly when a digit-led alternative does
        if self._unit_after.search(plain) and any(claim_re.match(plain, m.start()) for m in _DIGITS.finditer(plain)):
            return True
        if any(p.search(plain) for p in self._word_led) and claim_re.search(plain):
            return True  # a word-led alternative (rare: the scan runs only when its literal is there)
        if holds_literal(self._signed_literal, plain) and signed_points.search(plain):
            return True
        if any(named_metric.match(plain, q) or spelled_points.match(plain, q)
               for q in self._word_gate.starts(word_text(plain))):
            return True
        # spelled factors ("by up to ninefold"), bare decimals compared by "versus", results in words,
        # compute costs with words before their unit
        return bool(self._factors(plain, words) or self._versus(plain) or self._spelled(plain, words)
                    or self._compute_costs(plain))

    def _compute_costs(self, s: str) -> list[re.Match[str]]:
        """Compute costs whose number and unit are apart ("59.4K H100 GPU hours"); the regex
        runs only when the literals "PU" and "hour" or "day" are there (rare)."""
        if "PU" not in s or ("hour" not in s and "day" not in s):
            return []
        return list(self.compute_cost.finditer(s))

    def _factors(self, s: str, words: tuple[str, ...] | None = None) -> list[re.Match[str]]:
        """The spelled factors of ``s`` ("by up to ninefold", "one-third the parameters").

        spelled_factor is tried only just before its literals ("fold", "third", ...): most
        texts hold none, and a whole-text scan of its word alternation is slow. ``words``: the
        literals a text around ``s`` holds (:meth:`_word_literals`), when known.
        """
        # substring tests, not a case-insensitive alternation: that searched ~40 us a text
        # (half of kg_claims), and the loop below finds the literals in ``low`` anyway
        lits = self.factor_literals if words is None else [w for w in words if w in self.factor_literals]
        if not lits:
            return []
        low = s.lower()
        found: dict[int, re.Match[str]] = {}
        for lit in lits:
            p = low.find(lit)
            while p >= 0:
                # (one character past the literal for its closing \b: "folding" is none)
                m = self.spelled_factor.search(s, max(0, p - 12), p + len(lit) + 1)
                if m is not None and m.end() == p + len(lit) and self._factor_ok(s, m):
                    found[m.start()] = m
                p = low.find(lit, p + len(lit))
        return [found[k] for k in sorted(found)]

    def _factor_ok(self, s: str, m: re.Match[str]) -> bool:
        """A spelled factor with a comparison around it: "by up to ninefold", "threefold faster",
        "only one-third the parameters" (not "our contributions are threefold")."""
        left, right = s[max(0, m.start() - 30):m.start()], s[m.end():m.end() + 60]
        if m.group("w"):
            return bool(self.fold_before.search(left) or self.fold_after.match(right))
        return bool(self.fraction_after.match(right)
                    or self.fraction_before.search(left) and self.fraction_of_after.match(right))

    def _spelled(self, s: str, words: tuple[str, ...] | None = None) -> list[tuple[int, int, float, str]]:
        """Results written in words: "by over two orders of magnitude" (100, x), "drops by half"
        (50, %), "saves memory by over one-third" (33.3, %).

        Like :meth:`_factors`, each pattern is tried only in a window around one of its literals
        ("magnitude", "half", "third", ...), found by substring tests (``words``: the literals a
        text around ``s`` holds, when known).
        """
        if words is not None and not words:
            return []
        low = s.lower()
        found: dict[int, tuple[int, int, float, str]] = {}
        for key, (rx, lits, before) in self.spelled.items():
            for lit in lits:
                if words is not None and lit not in words:
                    continue
                p = low.find(lit)
                while p >= 0:
                    # a cheap necessary condition first: "by" before "half", "order" before "magnitude"
                    if low.find(before, max(0, p - 40), p) < 0:
                        p = low.find(lit, p + len(lit))
                        continue
                    # (the window starts far enough back for the longest hedge, and ends far
                    # enough on for the lookaheads: "two orders of magnitude faster")
                    for m in rx.finditer(s, max(0, p - 70), p + len(lit) + 40):
                        if m.start() <= p < m.end() and m.start() not in found:
                            found[m.start()] = (m.start(), m.end(), self._spelled_value(key, m), _SPELLED_UNIT[key])
                    p = low.find(lit, p + len(lit))
        return [found[k] for k in sorted(found)]

    def _spelled_value(self, key: str, m: re.Match[str]) -> float:
        if key == "spelled_twice":  # "twice as fast", "twice the GPU memory": a factor of 2
            return self.spelled_value[m.group("tw").lower()]
        if key == "spelled_share":  # "by half", "by one-third": the share in percent
            return 100 * self.spelled_value[(m.group("fr") or m.group("h")).lower()]
        w = (m.group("w") or m.group("w2")).lower()  # "two orders of magnitude": 10 ** 2
        return 10 ** (float(w) if w[0].isdigit() else self.spelled_value[w])

    def _versus(self, s: str) -> list[tuple[int, int, float]]:
        """Bare decimals the paper reports against a baseline's: "reach 0.92 on X versus 0.83".

        versus_score is tried only in a window around each "vs" / "versus" (rare words).
        """
        found: dict[int, tuple[int, int, float]] = {}
        for kw in ("vs", "versus"):
            q = s.find(kw)
            while q >= 0:
                # (the lookbehind sees before the window's start; the lookahead needs "versus <b>")
                for m in self.versus_score.finditer(s, max(0, q - 75), q + len(kw) + 40):
                    a, b = _num(m.group("a")), _num(m.group("b"))
                    if a <= 0 or b <= 0 or not 0.1 <= a / b <= 10:
                        continue  # not the same magnitude: no comparison of one score
                    if self.own_result_verb.search(s, 0, m.start()):
                        found[m.start("a")] = (m.start("a"), m.end("a"), a)
                q = s.find(kw, q + len(kw))
        return [found[k] for k in sorted(found)]

    def _may_hold_numbers(self, sentence: str, words: tuple[str, ...] | None = None) -> bool:
        """False when :meth:`_numbers` surely finds nothing in ``sentence``: every pattern but
        spelled_points, the spelled factors and the results in words needs a digit (and removing
        LaTeX never adds one)."""
        if _DIGIT.search(sentence):
            return True
        plain = _plain(sentence)
        if self._factors(plain, words) or self._spelled(plain, words):
            return True
        if not plain_ascii(plain):
            return self.spelled_points.search(plain) is not None
        return holds_literal(self._spelled_literal, plain) and self._scans_ascii[3].search(plain) is not None

    # -- numbers ------------------------------------------------------------------------------
    def _numbers(self, s: str, words: tuple[str, ...] | None = None) -> list[tuple[int, int, float, str]]:
        # LaTeX number formatting ("$4{,}918\\,$ms", "$\\mathbf{26.7}\\%$", "$7.5\\times$") is
        # rewritten to plain text first; offsets are mapped back to the sentence afterwards
        if not _has_latex(s):  # the usual case: offsets map to themselves
            return [(start, max(start + 1, end), value, unit)
                    for start, end, value, unit in self._numbers_plain(_mask_spread(s), words)]
        plain, back = _delatex(s)
        plain = _mask_spread(plain)
        found = [(back[start], max(back[start] + 1, back[end]), value, unit)
                 for start, end, value, unit in self._numbers_plain(plain, words)]
        if "$" in s:
            found = sorted(found + self._dollars(s, {f[0] for f in found}))
        return found

    def _dollars(self, s: str, taken: set[int]) -> list[tuple[int, int, float, str]]:
        """Dollar amounts ("a $42 training cost", "\\$45.20", "$5-$20"): a "$" before a number
        that no closing "$" follows opens no LaTeX math; the amount is a cost (unit other)."""
        out = []
        for m in _DOLLAR.finditer(s):
            # an escaped "\\$", the high end of a "$5-$20" range, or a "$" that opens (an even
            # number of "$" before it in the sentence) with no "$" closing it soon after
            opening = m.group(0).startswith("\\") or _DOLLAR_RANGE_LEFT.search(s, 0, m.start()) is not None \
                or (s.count("$", 0, m.start()) - s.count("\\$", 0, m.start())) % 2 == 0
            nxt = s.find("$", m.end())
            if m.start(1) in taken or not opening or 0 <= nxt < m.end() + 40:
                continue  # "$4{,}918\\,$ms", "${\\sim}$512", "$5-$": LaTeX math (or the low end of a range)
            if self.skip_before_any.search(s[max(0, m.start() - 60):m.start()]):
                continue
            out.append((m.start(1), m.end(1), _num(m.group(1)), "other"))
        return out

    def _matches(self, s: str) -> tuple[Iterator[re.Match[str]], ...]:
        """The matches of claim_re, named_metric, spelled_points and signed_points in ``s``.

        Each exactly as its ``finditer`` yields them; on plain ASCII text only the offsets
        where a match can start are tried (see :meth:`_compile_gates`): the starts of digit
        runs and of "from <n>" for claim_re (unless a word-led literal is there), the word
        gate's starts for named_metric and spelled_points, and none for signed_points unless
        its literal is there.
        """
        if not plain_ascii(s) or self._word_gate is None:
            claim_re, named_metric, signed_points, spelled_points = self._scans
            return (claim_re.finditer(s), named_metric.finditer(s), spelled_points.finditer(s),
                    signed_points.finditer(s))
        claim_re, named_metric, signed_points, spelled_points = self._scans_ascii
        if any(p.search(s) for p in self._word_led):
            claims = claim_re.finditer(s)
        else:
            starts = sorted({m.start() for m in _DIGITS.finditer(s)} | {m.start() for m in _FROM.finditer(s)})
            claims = finditer_at(claim_re, s, starts)
        words = self._word_gate.starts(word_text(s))
        signed = signed_points.finditer(s) if holds_literal(self._signed_literal, s) else iter(())
        return (claims, finditer_at(named_metric, s, words), finditer_at(spelled_points, s, words), signed)

    def _numbers_plain(self, s: str, words: tuple[str, ...] | None = None) -> list[tuple[int, int, float, str]]:
        found: list[tuple[int, int, float, str]] = []
        named: set[int] = set()  # starts of values named by their metric (never sizes)
        claim_matches, named_matches, spelled_matches, signed_matches = self._matches(s)
        for m in claim_matches:
            g = m.groupdict()
            if g["hi"] is not None:
                lo, hi = _num(g["lo"]), _num(g["hi"])
                unit = self.unit_of.get(g["u"], self.unit_of.get(g["u"].lower(), "other"))
                lou = g["lou"]
                if lou and self._unit(lou) != unit:
                    # "32.2% to 10x": two claims with different units
                    found.append((m.start("lo"), m.end("lou"), lo, self._unit(lou)))
                    found.append((m.start("hi"), m.end("u"), hi, unit))
                    continue
                value = hi if re.search(r"\bfrom\b|\bto\b|->|→", m.group(0)) else max(lo, hi)
                found.append((m.start(), m.end(), value, unit))
            elif g["v"] is not None:
                found.append((m.start(), m.end(), _num(g["v"]), self._unit(g["u1"])))
            elif g["c"] is not None:
                if self.version_before.search(s, max(0, m.start() - 40), m.start()):
                    continue  # "1.3x speedup over cuDNN 9.13 and 2.7x over Triton": the baseline's version
                found.append((m.start(), m.end(), _num(g["c"]), self._unit(g["cu"])))
            elif g["t"] is not None or g["f"] is not None:
                found.append((m.start(), m.end(), _num(g["t"] or g["f"]), "x"))
            elif g["mv"] is not None:
                found.append((m.start(), m.end(), _num(g["mv"]), "other"))
                named.add(m.start())  # "with 0.99 AUROC": named by its metric, not a size
            elif g["fa"] is not None:
                found.append((m.start("fa"), m.end(), _num(g["fa"]), "x"))
            elif g["px"] is not None:
                found.append((m.start(), m.end(), _num(g["px"]), "x"))
            elif g["sx"] is not None:
                found.append((m.start(), m.end(), _num(g["sx"]), "x"))
            elif g["kv"] is not None:
                found.append((m.start(), m.end(), _num(g["kv"]) * 1000, "tokens/s"))
            elif g["pc"] is not None:
                found.append((m.start(), m.end(), _num(g["pc"]), "other"))
                named.add(m.start())  # "only ~500 parameters": a result, not a size
            elif g["pk"] is not None:
                found.append((m.start(), m.end(), _num(g["pk"]), "other"))
                named.add(m.start())  # "With 374K parameters": a result, not a size
            elif g["rate"] is not None:
                found.append((m.start(), m.end(), _num(g["rate"]), "other"))
                named.add(m.start())  # a throughput, not a size
            elif g["dg"] is not None:
                found.append((m.start(), m.end(), _num(g["dg"]), "other"))
                named.add(m.start())  # an angular error, named by its metric: a result
            elif g["rk"] is not None:
                found.append((m.start(), m.end(), _num(g["rk"]), "other"))
            elif g["f1"] is not None:
                if "." in g["f0"] + g["f1"]:  # scores; "from 2019 to 2023", "from 1 to 10" are not
                    found.append((m.start("f1"), m.end("f1"), _num(g["f1"]), "other"))
            elif g["a1"] is not None:
                if "." in g["a0"] + g["a1"]:  # "GenEval (0.73 -> 0.90)": the new score
                    found.append((m.start("a1"), m.end("a1"), _num(g["a1"]), "other"))
                    named.add(m.start("a1"))
            elif g["broken"] is not None:
                found.append((m.start(), m.end(), float(f"{g['broken']}.{g['frac']}"), "%"))
        for m in named_matches:
            for start, end, value in self._named_values(s, m):
                found.append((start, end, value, "other"))
                named.add(start)
        for m in spelled_matches:
            found.append((m.start(), m.end(), self.spelled_value[m.group("w").lower()], "points"))
        for m in signed_matches:
            found.append((m.start(1) - 1, m.end(1), _num(m.group(1)), "points"))
        for m in self._factors(s, words):
            found.append((m.start(), m.end(), self.spelled_value[(m.group("w") or m.group("fr")).lower()], "x"))
        found.extend(self._spelled(s, words))
        for m in self._compute_costs(s):
            found.append((m.start(), m.end(), _num(m.group("n")), "other"))
            named.add(m.start())  # a cost of the paper's run, not a size
        versus = self._versus(s)
        if versus:
            starts = {f[0] for f in found}
            for start, end, value in versus:
                if start not in starts:
                    found.append((start, end, value, "other"))
                    named.add(start)  # "with 0.92 versus 0.83": a result, not a size
        if "/" in s:
            found = self._fractions(s, found)
        found = [_stripped_spread(s, f) if f[3] == "%" and "." in s[f[0]:f[1]] else f for f in found]
        keep = []
        for start, end, value, unit in sorted(found):
            if self._skip(s, start, end, unit, named=start in named):
                continue
            if _negative(s, start):  # "(-20 ms)", "= -0.5": the minus sign is the value's
                start, value = start - 1, -value
            keep.append((start, end, value, unit))
        return keep

    @staticmethod
    def _fractions(s: str, found: list[tuple[int, int, float, str]]) -> list[tuple[int, int, float, str]]:
        """A fraction "1/N" is one number, not a slash list of two: "only 1/8x the computational
        cost" is the factor 1/8 (unit x); "exposure times of 1/24, 1/60 and 1/120 s" are
        capture settings, not two durations each, and give no claim."""
        for m in _FRACTION.finditer(s):
            found = [f for f in found if not m.start() <= f[0] < m.end()]
            if m.group("x"):
                found.append((m.start(), m.end(), 1 / int(m.group("d")), "x"))
        return found

    def _named_values(self, s: str, m: re.Match[str]) -> list[tuple[int, int, float]]:
        """The values of a named metric: its first one, or the upper bound of its range ("F1 =
        0.8-0.9", "IoU values between 0.784 and 0.875"), then the rest of its list ("Dice scores
        of 0.968 and 0.910", "AUC scores of 0.880 (face), 0.954 (text), and 0.923"); each value
        written with the same form (with or without a decimal point) as the first."""
        value = _num(m.group("n")) * (-1 if m.group("sg") in ("-", "−") else 1)
        end = m.end()
        nxt = self.named_range_next.match(s[end:end + 40])
        if nxt is None and "between" in m.group(0).lower():
            nxt = self.named_between_next.match(s[end:end + 40])
        if nxt is not None and ("." in nxt.group("n")) == ("." in m.group("n")):
            value, end = _num(nxt.group("n")), end + nxt.end()
        out = [(m.start(), end, value)]
        decimal = "." in m.group("n")
        while True:
            nxt = self.named_list_next.match(s[end:end + 80])
            if nxt is None or ("." in nxt.group("n")) != decimal:
                return out
            out.append((end + nxt.start("n"), end + nxt.end(), _num(nxt.group("n"))))
            end += nxt.end()

    def _unit(self, written: str) -> str:
        return self.unit_of.get(written, self.unit_of.get(written.lower(), "other"))

    def _skip(self, s: str, start: int, end: int, unit: str, named: bool = False) -> bool:
        if self.skip_before_any.search(s[max(0, start - 60):start]):
            return True  # "e.g. 4x", "75.4% vs. 74.2%": an example or the baseline's value
        left = s[max(0, start - 80):start]
        if ("x" in left[-5:] or "×" in left[-5:]) and _DIM_LEFT.search(left[-12:]) \
                or unit == "x" and _DIM_RIGHT.match(s, end):
            return True  # "640 x 480 x 3": the sides of a size
        if unit == "other" and s.endswith("Hz", start, end) and (
                not self.hz_result_before.search(s[max(0, start - 60):start])
                or self.hz_setting_near.search(s, max(0, start - 40), end + 40)):
            return True  # "sampled at 16 kHz", "speech tokens (25Hz)": a setting, not a rate reached
        # "uses less than 1GB GPU memory", "within a single 24GB GPU": a memory result, whatever follows
        usage = unit == "GB" and self.gb_usage_before.search(left[-40:]) is not None
        if unit == "GB" and not usage and self.gb_hardware_after.match(s[end:end + 40]):
            return True  # "a single 24 GB consumer GPU": the memory of the hardware
        if unit in ("%", "other") and ("IoU" in left or "threshold" in left) \
                and self.threshold_before.search(left[-30:]):
            return True  # "evaluated using IoU >= 50%": an evaluation threshold
        # (the regex only when a "(" opens just before: most numbers are not in parentheses)
        if "(" in left[-30:] and self.baseline_paren.search(left) \
                and not self.own_first_right.match(s[end:end + 40]):
            return True  # "surpassing ts_zip (~1.11 bpb)": the baseline's value
        if ", which" in left and self.baseline_which.search(s[max(0, start - 160):start]):
            return True  # "outperforming the previous method, which had an error rate of 3.05%"
        if _FROM_OLD_LEFT.search(left) and self.from_old_right.match(s[end:end + 60]):
            return True  # "from 74% (Naive RAG) to ...": the old value
        if unit == "%" and left.rstrip().endswith("(") and self.setting_paren_after.match(s[end:end + 40]):
            return True  # "severely corrupted (99% outlier ratio)": the problem's setting
        if unit == "%" and self.setting_after.match(s[end:end + 60]):
            return True  # "after 50 % sensor loss": the test condition
        if unit == "%" and self.proportion_before.search(left) and self.proportion_after.match(s[end:end + 60]):
            return True  # "on the 21.3% of questions where ...": a slice of the data
        if unit == "other" and s[start:end].endswith("bits") and self.bits_setting_before.search(left):
            return True  # "at ultra-low bit-widths (2-4 bits)": a quantization setting
        after = s[end:end + 40].lstrip("+")
        if unit in ("GB", "other", "s", "x") and not usage and self.skip_after.match(after) \
                and not (named and after.lstrip().startswith("param")) \
                and not (unit == "x" and self.x_param_result_after.match(after)):
            return True
        if unit == "x" and re.match(r"\s*(?:NVIDIA|AMD|Intel|Google|Nvidia|[A-Z]{1,4}\d{2,4}\b|RTX|GTX|TPU|GPU)", s[end:end + 20]):
            return True  # "8x A100", "4x NVIDIA A6000": a quantity, not a speedup
        if unit in ("s", "other") and re.search(r"(?:duration|length|clip|video)s?\s+(?:\w+\s+){0,3}$", s[max(0, start - 50):start]):
            return True
        # "with 8TB", "of 3M": a size; "with MAE of 0.77" names its metric and is a result
        return bool(unit in ("GB", "other") and not named and self.skip_before.search(s[max(0, start - 30):start])
                    and not self.cost_unit.search(s[start:end])
                    and not self.size_exempt_before.search(s[max(0, start - 30):start])
                    and not self.named_before.search(s[max(0, start - 40):start]))

    # -- text, metric, hardware -----------------------------------------------------------------
    @staticmethod
    def _clause(s: str, start: int, end: int) -> str:
        """The number with its clause: back to a comma/colon/'and', forward to the next one."""
        left = s[:start]
        cut = max(left.rfind(","), left.rfind(";"), left.rfind(":"), left.rfind("("))
        lstart = cut + 1 if cut >= 0 and start - cut < 80 else max(0, start - 60)
        right = s[end:]
        m = re.search(r"[,;:()]|\.(?:\s|$)|\band\b", right)
        rend = end + (m.start() if m and m.start() < 80 else min(len(right), 60))
        return s[lstart:rend].strip(" .")

    def _metric_nouns(self, s: str, start: int, end: int) -> list[str]:
        """The metric nouns next to a claim: the word after it ("4.73% gap"), the word before
        its "from A to" or "of" ("gap from 36% to 4.73%"); stop words are none."""
        out = []
        m = self.metric_noun_after.match(s[end:end + 40])
        if m:
            out.append(m.group(1).lower())
        m = self.metric_noun_before.search(s[max(0, start - 60):start])
        if m:
            out.append(m.group(1).lower())
        return [w for w in out if w not in self.metric_noun_stop]

    def _metric(self, s: str, start: int, end: int) -> str | None:
        m = self.metric_after.match(s[end:end + 60])
        words: list[str] = []
        if m:
            words = [w for w in m.group(1).split() if w.lower() not in self.metric_stop][:4]
        if not words:
            mb = self.metric_before.search(s[max(0, start - 60):start])
            if mb:
                words = [w for w in mb.group(1).split() if w.lower() not in self.metric_stop][-3:]
        return " ".join(words).strip(",.;:") or None

    @staticmethod
    def _hardware(spans: list[tuple[int, int, str, str, str]], s0: int, s1: int, target: str | None) -> str | None:
        inside = [sp for sp in spans if s0 <= sp[0] < s1]
        if not inside:
            return None
        own = [sp for sp in inside if sp[3] in ("targets", "evaluated_on")]
        if own:
            products = [sp for sp in own if sp[4] == "product"]
            return (products or own)[0][2]
        if all(sp[3] == "compared_against" for sp in inside):
            return target
        return None


#: LaTeX spellings of number formatting, and their plain forms.
_LATEX = re.compile(r"\{,\}|\{\\sim\}|\\(?:mathbf|textbf|mathrm|text|boldsymbol|bm|mathit|emph|textit)\{|\}"
                    r"|\\sim\b|\\mu\b|\\to\b|\\(?:rightarrow|Rightarrow|longrightarrow)\b|\\[,;:! ]|\\%|\\times\b|\\approx\b|\\pm\b|\$|~")
_LATEX_PLAIN = {"{,}": ",", "{\\sim}": "~", "\\sim": "~", "\\%": "%", "\\times": "×", "\\approx": "~",
                "$": "", "~": " ", "\\!": "", "}": "", "\\to": " to ", "\\rightarrow": "→", "\\Rightarrow": "→",
                "\\longrightarrow": "→", "\\pm": "±", "\\mu": "μ"}

#: "6.9 ± 3.0 s", "81.2 +/- 0.4%", "6.9 $\\pm$ 3.0 s": the spread after a mean. The claim is the
#: mean, with the unit written after the spread, so the spread is blanked out (same length:
#: offsets keep pointing at the sentence, and the claim's text still shows the spread).
_SPREAD = re.compile(r"(?<=\d)\s*(?:±|\+/-|\+-)\s*\d+(?:\.\d+)?")


#: "62.7 0.5% accuracy": the mean just before a percent value whose "±" the source lost (a
#: decimal and one space before a smaller decimal; see ClaimsComponent._stripped_spread).
_STRIPPED_MEAN = re.compile(r"(?<![\d.])(\d+\.\d+) $")


def _mask_spread(s: str) -> str:
    """``s`` with each spread after a number replaced by as many spaces (see ``_SPREAD``)."""
    if "±" not in s and "+/-" not in s and "+-" not in s:
        return s
    return _SPREAD.sub(lambda m: " " * len(m.group(0)), s)


_DIGIT = re.compile(r"\d")
#: The unit of each pattern of ClaimsComponent._spelled.
_SPELLED_UNIT = {"spelled_magnitude": "x", "spelled_share": "%", "spelled_twice": "x"}
#: "640 x 480": a number after "<digits> x" is the second side of a size, not a result.
_DIM_LEFT = re.compile(r"\d\s*[x×]\s*$")
#: a factor "x" right before a digit is the "x" of a size ("640 x 480").
_DIM_RIGHT = re.compile(r"\s*\d")
#: The "from" of a "from A to B" move, with a hedge before A ("from over 500 GPU-hours to under 30").
_FROM_OLD_LEFT = re.compile(r"\bfrom\s+(?:over\s+|about\s+|around\s+|approximately\s+|nearly\s+|roughly\s+|~\s*)?$")
#: A dollar amount: "$42", "\\$45.20", "$ 1,200", "\\$148K" (the value as written; see ClaimsComponent._dollars).
_DOLLAR_RANGE_LEFT = re.compile(r"\$\d[\d.,]*\s*(?:-|–|to)\s*$")
_DOLLAR = re.compile(r"(?<![\w$])\\?\$\s?(\d+(?:,\d{3})*(?:\.\d+)?)(?:[KMB](?![\w{}\\^_]))?"
                     r"(?![\d.,]*\s*\\?\$)(?![\d.,]*[\w{}\\^_])")
_DIGITS = re.compile(r"\d+", re.ASCII)
#: A fraction "1/N" (not a slash list "1/2/4", not a date "3/1/24"), and the factor sign after it.
_FRACTION = re.compile(r"(?<![\w./])1\s*/\s*(?P<d>[1-9]\d{0,3})(?![\d.]|\s*/)(?P<x>\s*[x×](?![A-Za-z0-9]))?")
#: Where claim_re's range alternative can start before its first digit ("from 0.9s to 0.05s").
_FROM = re.compile(r"(?:from|between)\s+\d", re.ASCII)


def _has_latex(s: str) -> bool:
    """Whether :func:`_delatex` could change ``s``."""
    return "\\" in s or "$" in s or "~" in s or "{" in s


def _latex_plain(m: re.Match[str]) -> str:
    """The plain form of one LaTeX token found by ``_LATEX``."""
    tok = m.group(0)
    # "\mathbf{" and its "}" vanish (the number inside stays); "\," and "\;" are thin spaces
    return "" if tok.endswith("{") else _LATEX_PLAIN.get(tok, " ")


def _plain(s: str) -> str:
    """``_delatex(s)[0]``, without building the offset map."""
    return _LATEX.sub(_latex_plain, s) if _has_latex(s) else s


def _delatex(s: str) -> tuple[str, list[int]]:
    """``s`` without LaTeX number formatting, and for each of its offsets (plus the end) the
    offset in ``s`` it came from."""
    if not _has_latex(s):
        return s, list(range(len(s) + 1))
    out: list[str] = []
    back: list[int] = []
    pos = 0
    for m in _LATEX.finditer(s):
        out.append(s[pos:m.start()])
        back.extend(range(pos, m.start()))
        rep = _latex_plain(m)
        out.append(rep)
        back.extend([m.start()] * len(rep))
        pos = m.end()
    out.append(s[pos:])
    back.extend(range(pos, len(s)))
    back.append(len(s))
    return "".join(out), back


def _stripped_spread(s: str, f: tuple[int, int, float, str]) -> tuple[int, int, float, str]:
    """"62.7 0.5% accuracy": a decimal percent right after a larger decimal and one space is the
    spread of that mean, whose "±" the source lost; the claim is the mean, with the unit."""
    start, end, value, unit = f
    m = _STRIPPED_MEAN.search(s, max(0, start - 16), start)
    if m is None or _num(m.group(1)) <= value:
        return f
    return (m.start(1), end, _num(m.group(1)), unit)


def _negative(s: str, start: int) -> bool:
    """Whether the number at ``start`` has a minus sign claim_re's leads let through: "(-20 ms)",
    "=-3.1", "= -0.5" (never "ResNet-50" nor the "-" of a range "41-137x")."""
    return start >= 2 and s[start - 1] == "-" and (s[start - 2] in "(=" or s[start - 3:start - 1] == "= ")


def _num(s: str) -> float:
    return float(s.replace(",", ""))
