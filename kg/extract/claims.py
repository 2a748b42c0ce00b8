"""kg_claims: quantitative results (``6.54x lower latency``, ``91.07 fps on one RTX4090``).

One compiled regex per sentence finds a number (or a range ``41-137x``, ``from 0.9s to 0.05s``)
followed by a unit from ``kg/data/claims.json``; coordinated numbers (``1.6 and 1.4 times``)
borrow the unit of the last one. Ranges keep the whole span as text and the upper (or "to")
bound as value, as the guideline asks. Sizes of data and models (``8TB of data``, ``80GB GPU``,
``7B parameters``), years, citations and identifiers (``ResNet-152``) are not claims: numbers
without a unit are never taken, and the skip regexes reject the remaining look-alikes.

A claim's hardware is the hardware named in its sentence (read from the spans kg_hardware left
in ``doc.user_data``); when that hardware is only the baseline ("3.7x over a DGX H100"), the
claim is about the paper's own target platform, when it has one.
"""
from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import doc_ext
from kg.extract.hardware import HARDWARE_SPANS_KEY
from kg.extract.vocab import ascii_twin, load_json, plain_ascii
from kg.model import Claim, Evidence

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_RANGE_SEP = r"\s*(?:-{1,2}|–|—|~|to|sim|\\sim|and up to)\s*"


@Language.factory("kg_claims")
def make_claims(nlp: Language, name: str) -> "ClaimsComponent":
    return ClaimsComponent(load_json("claims.json"))


class ClaimsComponent:
    """Appends :class:`kg.model.Claim` objects to ``doc._.kg_claims``."""

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
        slead = r"(?<![\w.\-\[])(?:(?<=[\d%]/)|(?<!/))"
        metric_unit = rules["metric_unit_after"]
        self.claim_re = re.compile(
            lead + r"(?:from\s+)?(?P<lo>" + _NUM + r")\s*(?P<lou>" + unit_re + r")?" + _RANGE_SEP
            + r"(?P<hi>" + _NUM + r")\s*(?P<u>" + unit_re + r")"
            + r"|" + slead + r"(?P<v>" + _NUM + r")\s*(?P<u1>" + unit_re + r")"
            + r"|" + slead + r"(?P<c>" + _NUM + r")(?=(?:\s*(?:,\s*|,?\s*and\s+|,?\s*or\s+|/\s*)" + _NUM + r")+\s*(?P<cu>"
            + unit_re + r"))"
            # "55.1 mAP", "52.9/54.3/55.1 mAP", "5.5 PSNR gain": a number named by the metric after it
            + r"|" + slead + r"(?<!\+)(?P<mv>" + _NUM + r")(?=(?:\s*(?:/|,\s*|,?\s*and\s+)\s*" + _NUM + r")*" + metric_unit + r")"
            # "accelerates computations by a factor of 6"
            + r"|\ba\s+factor\s+of\s+(?:up\s+to\s+|about\s+|~\s*)?(?P<fa>" + _NUM
            + r")(?![\w%.]|\.\d|\s*(?:%|percent|points|times|x\b|×))"
            + r"|\btimes\s+(?P<t>" + _NUM + r")(?=\s+(?:faster|slower|higher|lower|more|less|better|smaller|larger))"
            + r"|\b(?:multiplied|increased|accelerated|reduced|improved|sped up)\s+by\s+(?:a factor of\s+)?(?P<f>" + _NUM
            + r")(?![\w%.]|\.\d|\s*(?:%|percent|points|times|x\b|×))"
            + r"|(?P<broken>\d+)\.\s(?P<frac>\d+)\s*%"
            # "x40.0 faster", "a speed-up of x15.11 over": the factor written before its number
            + r"|(?<![\w.\-/])[x×](?P<px>" + _NUM + r")(?=\s+(?:faster|slower|speed\w*|higher|lower|more|less|better|over|than)\b)"
            # "~50K tokens/second": a thousands suffix on a rate
            + r"|" + lead + r"(?P<kv>" + _NUM + r")[Kk]\s*(?P<ku>tokens?/s(?:ec(?:ond)?)?|tokens? per second)(?![A-Za-z])",
        )
        self.skip_after = re.compile(rules["skip_after"], re.I)
        self.skip_before = re.compile(rules["skip_before"], re.I)
        self.skip_before_any = re.compile(rules["skip_before_any"], re.I)
        self.own_sentence = re.compile(rules["own_sentence"], re.I)
        self.background_cost = re.compile(rules["background_cost"], re.I)
        self.named_metric = re.compile(rules["named_metric"] + r"(?P<n>" + _NUM + r")(?![\w%]|\.\w|\s*%)", re.I)
        self.signed_points = re.compile(rules["signed_points"])
        self.spelled_points = re.compile(rules["spelled_points"], re.I)
        self.spelled_value = {w: float(i) for i, w in enumerate(
            "zero one two three four five six seven eight nine ten eleven twelve".split())}
        self.spelled_value.update({"fifteen": 15.0, "twenty": 20.0})
        self.metric_after = re.compile(rules["metric_after"], re.I)
        self.metric_before = re.compile(rules["metric_before"], re.I)
        self.metric_stop = set(rules["metric_stop"])
        # (claim_re, named_metric, signed_points, spelled_points) for any text, and their
        # re.ASCII twins for plain ASCII text (same matches, faster scans; see vocab.ascii_twin)
        self._scans = (self.claim_re, self.named_metric, self.signed_points, self.spelled_points)
        self._scans_ascii = tuple(ascii_twin(p) for p in self._scans)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_ext.doc_text(doc)
        plain = _delatex(text)[0]
        claim_re, named_metric, signed_points, spelled_points = \
            self._scans_ascii if plain_ascii(plain) else self._scans
        if not (claim_re.search(plain) or named_metric.search(plain) or signed_points.search(plain)
                or spelled_points.search(plain)):
            return doc  # no number with a unit anywhere: skip the per-sentence work
        spans = doc.user_data.get(HARDWARE_SPANS_KEY, [])
        target = next((n for (_, _, n, role, kind) in spans if role == "targets" and kind == "product"), None) \
            or next((n for (_, _, n, role, _k) in spans if role == "targets"), None)
        out = doc_ext.claims(doc)
        seen: set[tuple[float, str, str]] = set()
        # (start, end, text) per sentence: Span.text rebuilds the text from the tokens each time
        sents = [(s.start_char, s.end_char, text[s.start_char:s.end_char]) for s in doc.sents]
        # sentences before the paper's first own-work sentence are background: their costs and
        # losses ("overheads of up to 20%") describe the problem, not the paper's results
        first_own = next((i for i, s in enumerate(sents) if i > 0 and self.own_sentence.search(s[2])), 0)
        for i, (s0, s1, st) in enumerate(sents):
            if i == 0 and "\n" in text[s1 - 1: s1 + 1]:
                continue  # the title repeats the abstract's numbers
            if 0 < i < first_own and self.background_cost.search(st):
                continue
            for start, end, value, unit in self._numbers(st):
                a, b = s0 + start, s0 + end
                claim_text = self._clause(st, start, end)
                key = (round(value, 6), unit, claim_text)
                if key in seen or any(s <= a < e for (s, e, *_r) in spans):
                    continue
                if unit == "GB" and any(0 <= a - e <= 2 for (_s, e, *_r) in spans):
                    continue  # "H100 80GB": the memory of the hardware just named
                seen.add(key)
                out.append(Claim(
                    text=claim_text, value=value, unit=unit,
                    metric=self._metric(st, start, end),
                    hardware=self._hardware(spans, s0, s1, target),
                    evidence=Evidence(st, a, b, "kg_claims.regex", 0.8)))
        return doc

    # -- numbers ------------------------------------------------------------------------------
    def _numbers(self, s: str) -> list[tuple[int, int, float, str]]:
        # LaTeX number formatting ("$4{,}918\\,$ms", "$\\mathbf{26.7}\\%$", "$7.5\\times$") is
        # rewritten to plain text first; offsets are mapped back to the sentence afterwards
        plain, back = _delatex(s)
        return [(back[start], max(back[start] + 1, back[end]), value, unit)
                for start, end, value, unit in self._numbers_plain(plain)]

    def _numbers_plain(self, s: str) -> list[tuple[int, int, float, str]]:
        found: list[tuple[int, int, float, str]] = []
        claim_re, named_metric, signed_points, spelled_points = \
            self._scans_ascii if plain_ascii(s) else self._scans
        for m in claim_re.finditer(s):
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
                value = hi if re.search(r"\bfrom\b|\bto\b", m.group(0)) else max(lo, hi)
                found.append((m.start(), m.end(), value, unit))
            elif g["v"] is not None:
                found.append((m.start(), m.end(), _num(g["v"]), self._unit(g["u1"])))
            elif g["c"] is not None:
                found.append((m.start(), m.end(), _num(g["c"]), self._unit(g["cu"])))
            elif g["t"] is not None or g["f"] is not None:
                found.append((m.start(), m.end(), _num(g["t"] or g["f"]), "x"))
            elif g["mv"] is not None:
                found.append((m.start(), m.end(), _num(g["mv"]), "other"))
            elif g["fa"] is not None:
                found.append((m.start("fa"), m.end(), _num(g["fa"]), "x"))
            elif g["px"] is not None:
                found.append((m.start(), m.end(), _num(g["px"]), "x"))
            elif g["kv"] is not None:
                found.append((m.start(), m.end(), _num(g["kv"]) * 1000, "tokens/s"))
            elif g["broken"] is not None:
                found.append((m.start(), m.end(), float(f"{g['broken']}.{g['frac']}"), "%"))
        named = set()
        for m in named_metric.finditer(s):
            found.append((m.start(), m.end(), _num(m.group("n")), "other"))
            named.add(m.start())
        for m in spelled_points.finditer(s):
            found.append((m.start(), m.end(), self.spelled_value[m.group("w").lower()], "points"))
        for m in signed_points.finditer(s):
            found.append((m.start(1) - 1, m.end(1), _num(m.group(1)), "points"))
        keep = []
        for start, end, value, unit in sorted(found):
            if self._skip(s, start, end, unit, named=start in named):
                continue
            keep.append((start, end, value, unit))
        return keep

    def _unit(self, written: str) -> str:
        return self.unit_of.get(written, self.unit_of.get(written.lower(), "other"))

    def _skip(self, s: str, start: int, end: int, unit: str, named: bool = False) -> bool:
        if self.skip_before_any.search(s[max(0, start - 60):start]):
            return True  # "e.g. 4x", "75.4% vs. 74.2%": an example or the baseline's value
        after = s[end:end + 40].lstrip("+")
        if unit in ("GB", "other", "s", "x") and self.skip_after.match(after):
            return True
        if unit == "x" and re.match(r"\s*(?:NVIDIA|AMD|Intel|Google|Nvidia|[A-Z]{1,4}\d{2,4}\b|RTX|GTX|TPU|GPU)", s[end:end + 20]):
            return True  # "8x A100", "4x NVIDIA A6000": a quantity, not a speedup
        if unit in ("s", "other") and re.search(r"(?:duration|length|clip|video)s?\s+(?:\w+\s+){0,3}$", s[max(0, start - 50):start]):
            return True
        if unit == "s" and not re.match(r"\d", s[start:start + 1]) and False:
            return True
        # "with 8TB", "of 3M": a size; "with MAE of 0.77" names its metric and is a result
        return bool(unit in ("GB", "other") and not named and self.skip_before.search(s[max(0, start - 30):start]))

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
                    r"|\\sim\b|\\to\b|\\[,;:! ]|\\%|\\times\b|\\approx\b|\$|~")
_LATEX_PLAIN = {"{,}": ",", "{\\sim}": "~", "\\sim": "~", "\\%": "%", "\\times": "×", "\\approx": "~",
                "$": "", "~": " ", "\\!": "", "}": "", "\\to": " to "}


def _delatex(s: str) -> tuple[str, list[int]]:
    """``s`` without LaTeX number formatting, and for each of its offsets (plus the end) the
    offset in ``s`` it came from."""
    if "\\" not in s and "$" not in s and "~" not in s and "{" not in s:
        return s, list(range(len(s) + 1))
    out: list[str] = []
    back: list[int] = []
    pos = 0
    for m in _LATEX.finditer(s):
        out.append(s[pos:m.start()])
        back.extend(range(pos, m.start()))
        tok = m.group(0)
        # "\mathbf{" and its "}" vanish (the number inside stays); "\," and "\;" are thin spaces
        rep = "" if tok.endswith("{") else _LATEX_PLAIN.get(tok, " ")
        out.append(rep)
        back.extend([m.start()] * len(rep))
        pos = m.end()
    out.append(s[pos:])
    back.extend(range(pos, len(s)))
    back.append(len(s))
    return "".join(out), back


def _num(s: str) -> float:
    return float(s.replace(",", ""))
