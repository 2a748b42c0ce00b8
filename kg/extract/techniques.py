"""``kg_techniques``: tags the guideline's fixed technique list from a SKOS vocabulary file.

The vocabulary (``kg/data/techniques.json``) holds one SKOS concept per technique: its
``prefLabel`` is the exact guideline string that ends up in the graph, its ``altLabels`` the
surface forms that name it ("two-branch" -> dual-stream architecture, "3DGS" -> gaussian
splatting). Matching is one pass of a :class:`CaseAwarePhrases` matcher built once per
pipeline:

* case-insensitive for ordinary words, with spelling variants generated from each label
  (hyphen / space / closed-up compound, plural of the last word), and
* case-sensitive for acronyms and mixed-case names ("CLIP", "RAG", "ViT", "LoRA"), because
  their lower-case forms are common English words ("clip", "rag").

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
from functools import lru_cache
from typing import Any

from spacy.language import Language
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


@lru_cache(maxsize=4096)  # called per mention on the same few spellings
def is_case_sensitive(label: str) -> bool:
    """True for acronyms and mixed-case names, whose lower-case form may be another word."""
    for word in re.split(r"[\s\-/]+", label):
        core = word.strip("()")
        if len(core) >= 2 and any(ch.isupper() for ch in core[1:]):
            return True
    return False


class CaseAwarePhrases:
    """Phrase matching in one ``PhraseMatcher`` pass, case-exact where a phrase needs it.

    Acronyms and mixed-case names go in case-exact (so "CLIP" does not fire on "video
    clip"), plain words case-insensitively. A second, ``ORTH`` PhraseMatcher for the former
    cost as much as the first: the walk over the Doc is the cost, not the number of
    patterns. So every pattern goes into one ``LOWER`` matcher (a case-exact pattern matches
    there wherever it matches case-exactly, and on other casings too), and a case-exact
    pattern's match is kept only when the tokens' ORTH equal the pattern's.
    """

    def __init__(self, nlp: Language) -> None:
        self._nlp = nlp
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        #: case-exact key -> (the caller's key, the ORTH sequences of its patterns)
        self._exact: dict[int, tuple[int, set[tuple[int, ...]]]] = {}

    def add(self, key: str, labels: Iterable[str]) -> None:
        """Adds every written variant of ``labels`` under ``key``."""
        lower: dict[str, Doc] = {}
        orth: dict[str, Doc] = {}
        for label in labels:
            for form in label_variants(label):
                if is_case_sensitive(form):
                    orth.setdefault(form, self._nlp.make_doc(form))
                else:
                    lower.setdefault(form.lower(), self._nlp.make_doc(form.lower()))
        if lower:
            self.matcher.add(key, list(lower.values()))
        if orth:
            exact_key = f"{key}|case-exact"
            self.matcher.add(exact_key, list(orth.values()))
            strings = self._nlp.vocab.strings
            _, sequences = self._exact.setdefault(strings.add(exact_key), (strings.add(key), set()))
            sequences.update(tuple(t.orth for t in d) for d in orth.values())

    def add_words(self, key: str, words: Iterable[str]) -> None:
        """Adds single lower-case words under ``key``: a match is a token whose ``lower_`` is
        one of them, as a set lookup would find it, without visiting every token."""
        docs = []
        for word in sorted(set(words)):
            doc = self._nlp.make_doc(word)
            if len(doc) != 1 or doc[0].lower_ != word:
                raise ValueError(f"{word!r} is not a single lower-case token")
            docs.append(doc)
        if docs:
            self.matcher.add(key, docs)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """``(key, start, end)`` per match: the case-insensitive ones, then the case-exact
        ones, each in order of position (the order two separate matchers gave)."""
        matches = self.matcher(doc)
        if not self._exact:
            return matches
        plain: list[tuple[int, int, int]] = []
        exact: list[tuple[int, int, int]] = []
        for match in matches:
            entry = self._exact.get(match[0])
            if entry is None:
                plain.append(match)
            else:
                key, sequences = entry
                start, end = match[1], match[2]
                if tuple(doc[i].orth for i in range(start, end)) in sequences:
                    exact.append((key, start, end))
        return plain + exact


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
    for f in list(forms):  # noqa: PERF101  (the loop adds to forms)
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

    #: matcher key of the window rules' anchor words
    _ANCHOR = "anchor"

    def __init__(self, nlp: Language, vocab_file: str = "techniques.json") -> None:
        self.concepts, self.rules = load_techniques(vocab_file)
        self.by_id = {c.id: c for c in self.concepts}
        self.by_label = {c.pref_label: c for c in self.concepts}
        self.phrases = CaseAwarePhrases(nlp)
        # Window rules are checked only at anchor tokens, which the phrase matcher finds in
        # the same pass (a spaCy Matcher with wildcard operators cost more than the rest of
        # the pipeline; a token array lookup costs as much as the phrase matching).
        self.windows = [(c.id, w) for c in self.concepts for w in c.windows]
        strings = nlp.vocab.strings
        self.phrases.add_words(self._ANCHOR, (a for _, w in self.windows for a in w.anchor))
        self._anchor_key = strings.add(self._ANCHOR)
        #: matcher key -> (kind, concept id), so a match needs no string lookup
        self._keys: dict[int, tuple[str, str]] = {}
        for c in self.concepts:
            for kind, labels in ((_POS, (c.pref_label, *c.alt_labels)), (_NEG, c.exclude)):
                if labels:
                    key = f"{kind}|{c.id}"
                    self.phrases.add(key, labels)
                    self._keys[strings.add(key)] = (kind, c.id)

    def __call__(self, doc: Doc) -> Doc:
        found: dict[str, list[tuple[int, int]]] = {}
        vetoes: dict[str, list[tuple[int, int]]] = {}
        anchors: list[int] = []
        for match_id, start, end in self.phrases(doc):
            if match_id == self._anchor_key:
                anchors.append(start)
                continue
            kind, cid = self._keys[match_id]
            (found if kind == _POS else vetoes).setdefault(cid, []).append((start, end))
        for cid, start, end in self._window_matches(doc, anchors):
            found.setdefault(cid, []).append((start, end))
        if not found:
            return doc
        first: dict[str, tuple[int, int]] = {}
        for cid, spans in found.items():
            bad = vetoes.get(cid, ())
            for start, end in sorted(spans):
                if not any(s < end and start < e for s, e in bad):
                    first[cid] = (start, end)
                    break
        text = doc_ext.doc_text(doc)
        tagged: dict[str, Mention] = {}
        for cid, (start, end) in sorted(first.items(), key=lambda kv: kv[1]):
            c = self.by_id[cid]
            span = doc[start:end]
            surface = text[span.start_char:span.end_char]  # == span.text, without a Token per word
            rule = "acronym" if is_case_sensitive(surface) else "phrase"
            tagged[c.pref_label] = self._mention(c.pref_label, span, surface, text,
                                                 f"kg_techniques.{rule}")
        words: set[str] | None = None  # read only if needed: a source technique is rare
        for r in self.rules:
            if r.technique in tagged:
                continue
            src = next((tagged[s] for s in r.sources if s in tagged), None)
            if src is None:
                continue
            if words is None:
                words = {t.lower_ for t in doc}
            if r.cue_words & words:
                ev = src.evidence
                tagged[r.technique] = Mention(
                    type="technique", name=r.technique, role=None, text=src.text,
                    evidence=Evidence(sentence=ev.sentence, start=ev.start, end=ev.end,
                                      extractor="kg_techniques.implied", confidence=0.7))
        doc_ext.mentions(doc).extend(tagged.values())
        return doc

    def _window_matches(self, doc: Doc, anchors: list[int]) -> Iterator[tuple[str, int, int]]:
        for i in anchors:
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
    def _mention(name: str, span: Span, surface: str, text: str, extractor: str) -> Mention:
        sent = span.sent
        # the text slice == sent.text, which would build a Token per word of the sentence
        return Mention(type="technique", name=name, role=None, text=surface,
                       evidence=Evidence(sentence=text[sent.start_char:sent.end_char].strip(),
                                         start=span.start_char, end=span.end_char,
                                         extractor=extractor))


@Language.factory("kg_techniques", default_config={"vocab_file": "techniques.json"})
def make_technique_tagger(nlp: Language, name: str, vocab_file: str) -> TechniqueTagger:
    """The technique tagger; ``vocab_file`` names a SKOS JSON vocabulary in ``kg/data``."""
    return TechniqueTagger(nlp, vocab_file=vocab_file)
