"""``kg_techniques``: tags the guideline's fixed technique list from a SKOS vocabulary file.

The vocabulary (``kg/data/techniques.json``) holds one SKOS concept per technique: its
``prefLabel`` is the exact guideline string that ends up in the graph, its ``altLabels`` the
surface forms that name it ("two-branch" -> dual-stream architecture, "3DGS" -> gaussian
splatting). Matching is one pass of two PhraseMatchers built once per pipeline:

* case-insensitive (``LOWER``) for ordinary words, with spelling variants generated from each
  label (hyphen / space / closed-up compound, plural of the last word), and
* case-sensitive (``ORTH``) for acronyms and mixed-case names ("CLIP", "RAG", "ViT", "LoRA"),
  because their lower-case forms are common English words ("clip", "rag").

A concept's ``exclude`` phrases veto a match they overlap: "attention" names the mechanism,
"received significant attention" does not; "real-time" is streaming, "faster than real-time"
is a speed claim. ``implied`` rules derive a technique the guideline counts as stated by
another ("pipeline parallelism" while "training" -> distributed training).

Only what the text names is tagged: no outside knowledge beyond canonicalising a name.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
import numpy
from spacy.attrs import LOWER
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from kg.extract import doc_ext
from kg.extract.vocab import load_json
from kg.model import Evidence, Mention


#: Punctuation a window rule does not look across.
_CLAUSE_BREAKS = frozenset({".", ",", ";", ":", "(", ")", "[", "]", "!", "?"})

_POS = "T"
_NEG = "X"


@dataclass(frozen=True, slots=True)
class WindowRule:
    """An ``anchor`` word preceded, within ``window`` tokens of the same clause, by a cue.

    For phrasings a label list cannot enumerate: "fused AllReduce-RMSNorm kernel",
    "reduce the number of visual tokens". ``allowed_between`` (if not empty) restricts the
    words that may stand between cue and anchor.
    """

    anchor: frozenset[str]
    cue_before: frozenset[str]
    window: int = 5
    allowed_between: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Technique:
    """One SKOS concept of the vocabulary, as the matcher needs it."""

    id: str
    pref_label: str
    alt_labels: tuple[str, ...]
    exclude: tuple[str, ...]
    windows: tuple[WindowRule, ...] = ()


@dataclass(frozen=True, slots=True)
class ImpliedRule:
    """``technique`` is tagged when any of ``sources`` is and a cue word occurs in the text."""

    technique: str
    sources: frozenset[str]
    cue_words: frozenset[str]


def load_techniques(filename: str = "techniques.json") -> tuple[list[Technique], list[ImpliedRule]]:
    """The concepts and implication rules of a technique vocabulary in ``kg/data``."""
    data: dict[str, Any] = load_json(filename)
    concepts = [
        Technique(id=c["id"], pref_label=c["prefLabel"],
                  alt_labels=tuple(c.get("altLabels", ())), exclude=tuple(c.get("exclude", ())),
                  windows=tuple(
                      WindowRule(anchor=frozenset(w["anchor"]), cue_before=frozenset(w["cue_before"]),
                                 window=int(w.get("window", 5)),
                                 allowed_between=frozenset(w.get("allowed_between", ())))
                      for w in c.get("windows", ())))
        for c in data["concepts"]
    ]
    rules = [
        ImpliedRule(technique=r["technique"], sources=frozenset(r["from"]),
                    cue_words=frozenset(w.lower() for w in r.get("cue_words", ())))
        for r in data.get("implied", ())
    ]
    return concepts, rules


def is_case_sensitive(label: str) -> bool:
    """True for acronyms and mixed-case names, whose lower-case form may be another word."""
    for word in re.split(r"[\s\-/]+", label):
        core = word.strip("()")
        if len(core) >= 2 and any(ch.isupper() for ch in core[1:]):
            return True
    return False


def add_phrases(nlp: Language, lower_matcher: PhraseMatcher, orth_matcher: PhraseMatcher,
                key: str, labels: Iterable[str]) -> None:
    """Adds every written variant of ``labels`` under ``key``.

    Acronyms and mixed-case names go to the case-exact matcher (so "CLIP" does not fire on
    "video clip"), plain words to the lower-case one.
    """
    lower: dict[str, Doc] = {}
    orth: dict[str, Doc] = {}
    for label in labels:
        for form in label_variants(label):
            if is_case_sensitive(form):
                orth.setdefault(form, nlp.make_doc(form))
            else:
                lower.setdefault(form.lower(), nlp.make_doc(form.lower()))
    if lower:
        lower_matcher.add(key, list(lower.values()))
    if orth:
        orth_matcher.add(key, list(orth.values()))


def label_variants(label: str) -> Iterator[str]:
    """Spellings of one label that abstracts use interchangeably.

    "dual-stream" is also written "dual stream" and "dualstream"; every noun phrase also
    occurs in the plural. Generating these here keeps the data file short and readable.
    """
    forms = {label}
    if "-" in label:
        forms.add(label.replace("-", " "))
        forms.add(label.replace("-", ""))
    elif " " in label and len(label.split()) == 2:
        forms.add(label.replace(" ", "-"))
    for f in list(forms):
        last = re.split(r"[\s\-]", f)[-1]
        if len(last) < 2 or not last[-1].isalpha():
            continue
        if last.endswith(("ss", "sh", "ch", "x")):
            forms.add(f + "es")
        elif last.endswith("y") and last[-2:-1].lower() not in "aeiou":
            forms.add(f[:-1] + "ies")
        elif not last.endswith("s") and not last.endswith("ing") and not last.endswith("ed"):
            forms.add(f + "s")
    yield from sorted(forms)


class TechniqueTagger:
    """Appends one technique :class:`Mention` per concept named in the text."""

    def __init__(self, nlp: Language, vocab_file: str = "techniques.json") -> None:
        self.concepts, self.rules = load_techniques(vocab_file)
        self.by_id = {c.id: c for c in self.concepts}
        self.by_label = {c.pref_label: c for c in self.concepts}
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        # Window rules are checked only at anchor tokens, found by one vectorised lookup
        # (a spaCy Matcher with wildcard operators cost more than the rest of the pipeline).
        self.windows = [(c.id, w) for c in self.concepts for w in c.windows]
        strings = nlp.vocab.strings
        self._anchor_hashes = numpy.asarray(
            sorted({strings.add(a) for _, w in self.windows for a in w.anchor}), dtype="uint64")
        self._anchor_set = frozenset(self._anchor_hashes.tolist())
        for c in self.concepts:
            self._add(nlp, f"{_POS}|{c.id}", (c.pref_label, *c.alt_labels))
            if c.exclude:
                self._add(nlp, f"{_NEG}|{c.id}", c.exclude)

    def _add(self, nlp: Language, key: str, labels: Iterable[str]) -> None:
        add_phrases(nlp, self.lower, self.orth, key, labels)

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        found: dict[str, list[tuple[int, int]]] = {}
        vetoes: dict[str, list[tuple[int, int]]] = {}
        for match_id, start, end in (*self.lower(doc), *self.orth(doc)):
            kind, cid = strings[match_id].split("|", 1)
            (found if kind == _POS else vetoes).setdefault(cid, []).append((start, end))
        if self.windows:
            for cid, start, end in self._window_matches(doc):
                found.setdefault(cid, []).append((start, end))
        first: dict[str, tuple[int, int]] = {}
        for cid, spans in found.items():
            bad = vetoes.get(cid, ())
            for start, end in sorted(spans):
                if not any(s < end and start < e for s, e in bad):
                    first[cid] = (start, end)
                    break
        out = doc_ext.mentions(doc)
        tagged: dict[str, Mention] = {}
        for cid, (start, end) in sorted(first.items(), key=lambda kv: kv[1]):
            c = self.by_id[cid]
            span = doc[start:end]
            rule = "acronym" if is_case_sensitive(span.text) else "phrase"
            tagged[c.pref_label] = self._mention(c.pref_label, span, f"kg_techniques.{rule}")
        if self.rules:
            # the distinct lower-case forms, from one array read instead of a Token per word
            words = {strings[h] for h in numpy.unique(doc.to_array(LOWER)).tolist()}
            for r in self.rules:
                if r.technique in tagged or not (r.cue_words & words):
                    continue
                src = next((tagged[s] for s in r.sources if s in tagged), None)
                if src is not None:
                    ev = src.evidence
                    tagged[r.technique] = Mention(
                        type="technique", name=r.technique, role=None, text=src.text,
                        evidence=Evidence(sentence=ev.sentence, start=ev.start, end=ev.end,
                                          extractor="kg_techniques.implied", confidence=0.7))
        out.extend(tagged.values())
        return doc

    def _window_matches(self, doc: Doc) -> Iterator[tuple[str, int, int]]:
        lower = doc.to_array(LOWER)
        for i in doc_ext.positions_in(lower, self._anchor_set):
            anchor = doc[i].lower_
            for cid, rule in self.windows:
                if anchor not in rule.anchor:
                    continue
                for j in range(i - 1, max(-1, i - 1 - rule.window), -1):
                    t = doc[j]
                    word = t.lower_
                    if word in rule.cue_before:
                        yield cid, j, i + 1
                        break
                    if t.is_space or t.text in _CLAUSE_BREAKS or (
                            rule.allowed_between and word not in rule.allowed_between):
                        break

    @staticmethod
    def _mention(name: str, span: Span, extractor: str) -> Mention:
        sent = span.sent
        return Mention(type="technique", name=name, role=None, text=span.text,
                       evidence=Evidence(sentence=sent.text.strip(), start=span.start_char,
                                         end=span.end_char, extractor=extractor))


@Language.factory("kg_techniques", default_config={"vocab_file": "techniques.json"})
def make_technique_tagger(nlp: Language, name: str, vocab_file: str) -> TechniqueTagger:
    """The technique tagger; ``vocab_file`` names a SKOS JSON vocabulary in ``kg/data``."""
    return TechniqueTagger(nlp, vocab_file=vocab_file)
