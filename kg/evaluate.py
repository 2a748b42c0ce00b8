"""Scores extractions against gold labels (the library behind ``kg eval``).

The matching follows the project's reference scorer (``shared/eval/score.py``) so that the
numbers agree with it exactly for the fields it scores:

* papers are paired by normalised title (case, punctuation and spaces ignored); the first
  prediction with a title wins; a gold paper without a prediction counts as all misses;
* hardware, datasets, methods: greedy one-to-one matching in gold order; a pair matches when
  any normalised name or alias on one side equals one on the other; hardware names also match
  without their vendor prefix ("NVIDIA A100" == "A100") and without "GeForce"/"RTX"/"Tesla";
  role accuracy is counted over matched pairs whose gold entity has a role;
* techniques: set comparison of the exact strings, ``other: ...`` entries ignored;
* claims: greedy, a prediction matches a gold claim with the same unit and a value within 1%;
* urls: set comparison after dropping the scheme, "www.", case and trailing "/" or ".".

It adds ``tasks``, which the reference scorer does not score: tasks are free phrases, so the
match is lenient: two tasks match when the words of one are a subset of the words of the
other ("image super-resolution" ~ "single image super-resolution"), greedy one-to-one.

Precision, recall and F1 are micro-averaged over (paper, entity) pairs.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError

#: Vendor prefixes a hardware name may carry or omit.
VENDORS: tuple[str, ...] = ("nvidia", "amd", "intel", "google", "apple", "qualcomm", "huawei",
                            "xilinx", "arm")
#: Product-line words that may be omitted after the vendor ("GeForce RTX 4090" == "4090").
HW_LINE_PREFIXES: tuple[str, ...] = ("geforce", "rtx", "tesla")

ENTITY_FIELDS: tuple[str, ...] = ("hardware", "datasets", "methods")
FIELDS: tuple[str, ...] = (*ENTITY_FIELDS, "techniques", "tasks", "claims", "urls")
TABLE_HEADER: tuple[str, ...] = ("field", "P", "R", "F1", "role", "tp", "fp", "fn")


# -- normalisation ---------------------------------------------------------------------------

def norm(s: Any) -> str:
    """Lower-case letters and digits only: "MS-COCO" -> "mscoco"."""
    return re.sub(r"[^a-z0-9]+", "", str(s).lower())


def hardware_keys(name: str) -> set[str]:
    """All keys a hardware name matches under: with and without vendor and line prefixes."""
    n = norm(name)
    keys = {n}
    for v in VENDORS:
        if n.startswith(v) and len(n) > len(v):
            keys.add(n[len(v):])
    for pre in HW_LINE_PREFIXES:
        keys |= {k[len(pre):] for k in list(keys) if k.startswith(pre) and len(k) > len(pre)}
    return keys


def entity_keys(field_name: str, ent: Any) -> set[str]:
    """Normalised keys of an entity: its name and aliases (a bare string is a name)."""
    if isinstance(ent, str):
        ent = {"name": ent}
    if not isinstance(ent, dict):
        return set()
    keys: set[str] = set()
    for n in [ent.get("name", ""), *(ent.get("aliases") or [])]:
        if not n:
            continue
        keys |= hardware_keys(n) if field_name == "hardware" else {norm(n)}
    keys.discard("")
    return keys


def url_key(u: Any) -> str:
    u = re.sub(r"^(https?://)?(www\.)?", "", str(u).strip().lower())
    return u.rstrip("/.")


def _name(ent: Any) -> str:
    return str(ent.get("name")) if isinstance(ent, dict) else str(ent)


def _techniques(items: Any) -> set[str]:
    return {t for t in items or [] if isinstance(t, str) and not t.startswith("other:")}


def _task_words(t: Any) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z0-9]+", str(t).lower()))


# -- results ---------------------------------------------------------------------------------

@dataclass(slots=True)
class FieldScore:
    """Counts for one field; precision/recall/F1 are derived."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    role_hits: int = 0
    role_total: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def role_accuracy(self) -> float | None:
        return self.role_hits / self.role_total if self.role_total else None

    def add(self, tp: int, fp: int, fn: int, role_hits: int = 0, role_total: int = 0) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn
        self.role_hits += role_hits
        self.role_total += role_total

    def to_dict(self) -> dict[str, Any]:
        ra = self.role_accuracy
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "role_accuracy": round(ra, 4) if ra is not None else None}


@dataclass(frozen=True, slots=True)
class PaperDiff:
    """What one paper's prediction missed and added in one field."""

    title: str
    field: str
    missed: tuple[str, ...]
    extra: tuple[str, ...]


@dataclass(slots=True)
class EvalReport:
    """Scores per field, plus the per-paper differences for error analysis."""

    papers: int = 0
    papers_missing_in_pred: int = 0
    fields: dict[str, FieldScore] = field(default_factory=lambda: {f: FieldScore() for f in FIELDS})
    differences: list[PaperDiff] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The same shape as the reference scorer's ``--json`` output."""
        return {"papers": self.papers, "papers_missing_in_pred": self.papers_missing_in_pred,
                "fields": {f: s.to_dict() for f, s in self.fields.items()}}

    def to_table(self) -> list[list[str]]:
        """Rows for printing: the header row (:data:`TABLE_HEADER`), then one row per field."""
        rows = [list(TABLE_HEADER)]
        for f, s in self.fields.items():
            ra = s.role_accuracy
            rows.append([f, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}",
                         f"{ra:.3f}" if ra is not None else "-", str(s.tp), str(s.fp), str(s.fn)])
        return rows


# -- matching --------------------------------------------------------------------------------

def match_entities(field_name: str, gold: Sequence[Any], pred: Sequence[Any]
                   ) -> tuple[int, int, int, int, int, list[str], list[str]]:
    """Greedy one-to-one: each gold entity takes the first unused prediction sharing a key.

    Returns (tp, fp, fn, role_hits, role_total, missed names, extra names).
    """
    used: set[int] = set()
    pred_keys = [entity_keys(field_name, p) for p in pred]
    tp = role_hits = role_total = 0
    missed: list[str] = []
    for g in gold:
        gk = entity_keys(field_name, g)
        hit = next((i for i, pk in enumerate(pred_keys) if i not in used and gk & pk), None)
        if hit is None:
            missed.append(_name(g))
            continue
        used.add(hit)
        tp += 1
        p = pred[hit]
        if isinstance(g, dict) and isinstance(p, dict) and g.get("role"):
            role_total += 1
            role_hits += int(g.get("role") == p.get("role"))
    extra = [_name(p) for i, p in enumerate(pred) if i not in used]
    return tp, len(pred) - len(used), len(missed), role_hits, role_total, missed, extra


def match_claims(gold: Sequence[Any], pred: Sequence[Any]) -> tuple[int, int, int]:
    """Greedy: a gold claim takes the first unused prediction with its unit and value +-1%."""
    used: set[int] = set()
    tp = 0
    for g in gold:
        for i, p in enumerate(pred):
            if i in used:
                continue
            try:
                gv, pv = float(g["value"]), float(p["value"])
            except (KeyError, TypeError, ValueError):
                continue
            if abs(gv - pv) <= 0.01 * max(abs(gv), 1e-9) and g.get("unit") == p.get("unit"):
                used.add(i)
                tp += 1
                break
    return tp, len(pred) - tp, len(gold) - tp


def match_tasks(gold: Sequence[Any], pred: Sequence[Any]) -> tuple[int, int, int, list[str], list[str]]:
    """Lenient greedy matching: one task's words are a subset of the other's."""
    used: set[int] = set()
    pw = [_task_words(p) for p in pred]
    missed: list[str] = []
    for g in gold:
        gw = _task_words(g)
        hit = next((i for i, w in enumerate(pw)
                    if i not in used and gw and w and (gw <= w or w <= gw)), None)
        if hit is None:
            missed.append(str(g))
        else:
            used.add(hit)
    extra = [str(p) for i, p in enumerate(pred) if i not in used]
    return len(used), len(pred) - len(used), len(missed), missed, extra


def evaluate(gold: Iterable[dict[str, Any]], pred: Iterable[dict[str, Any]]) -> EvalReport:
    """Scores predicted paper records against gold ones (both in the guideline's format)."""
    by_title: dict[str, dict[str, Any]] = {}
    for p in pred:
        by_title.setdefault(norm(p.get("title", "")), p)
    report = EvalReport()
    for g in gold:
        report.papers += 1
        title = str(g.get("title", ""))
        p = by_title.get(norm(title))
        if p is None:
            report.papers_missing_in_pred += 1
            p = {}
        short = title[:60]

        def diff(f: str, missed: Iterable[str], extra: Iterable[str]) -> None:
            missed, extra = tuple(missed), tuple(extra)
            if missed or extra:
                report.differences.append(PaperDiff(short, f, missed, extra))

        for f in ENTITY_FIELDS:
            tp, fp, fn, rh, rt, missed, extra = match_entities(f, g.get(f) or [], p.get(f) or [])
            report.fields[f].add(tp, fp, fn, rh, rt)
            diff(f, missed, extra)
        gt, pt = _techniques(g.get("techniques")), _techniques(p.get("techniques"))
        report.fields["techniques"].add(len(gt & pt), len(pt - gt), len(gt - pt))
        diff("techniques", sorted(gt - pt), sorted(pt - gt))
        tp, fp, fn, missed, extra = match_tasks(g.get("tasks") or [], p.get("tasks") or [])
        report.fields["tasks"].add(tp, fp, fn)
        diff("tasks", missed, extra)
        report.fields["claims"].add(*match_claims(g.get("claims") or [], p.get("claims") or []))
        gu = {url_key(u) for u in g.get("urls") or []}
        pu = {url_key(u) for u in p.get("urls") or []}
        report.fields["urls"].add(len(gu & pu), len(pu - gu), len(gu - pu))
        diff("urls", sorted(gu - pu), sorted(pu - gu))
    return report


# -- files -----------------------------------------------------------------------------------

def _check_records(records: Any, path: str, what: str) -> list[dict[str, Any]]:
    if not isinstance(records, list):
        raise InputError(f"{path}: {what} must be a JSON list of paper objects, "
                         f"got {type(records).__name__}.")
    for i, r in enumerate(records):
        if not isinstance(r, dict):
            raise InputError(f"{path}: record {i + 1} is {type(r).__name__}, expected an object "
                             "with at least a \"title\".")
        if not isinstance(r.get("title"), str) or not r["title"].strip():
            raise InputError(f"{path}: record {i + 1} has no \"title\" string; papers are "
                             "matched by title.")
    return records


def _read_text(path: str | Path) -> str:
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such file.")
    try:
        return p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{p}: cannot read as UTF-8 text: {e}.") from e


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """Gold labels: a JSON list of paper objects, each with a ``title``."""
    text = _read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"{path}: not valid JSON (line {e.lineno}, column {e.colno}: {e.msg}); "
                         "gold must be a JSON list of paper objects.") from e
    return _check_records(data, str(path), "gold")


def load_predictions(path: str | Path) -> list[dict[str, Any]]:
    """Predictions: JSON Lines (what ``kg extract`` prints) or a JSON list."""
    text = _read_text(path)
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            return _check_records(json.loads(text), str(path), "predictions")
        except json.JSONDecodeError as e:
            raise InputError(f"{path}: not valid JSON (line {e.lineno}: {e.msg}).") from e
    records = []
    for ln, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as e:
            raise InputError(f"{path}:{ln}: not JSON ({e.msg}); predictions must be JSON Lines, "
                             "one paper object per line, or a JSON list.") from e
    return _check_records(records, str(path), "predictions")
