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
another ("pipeline parallelism" while "training" -> distributed training). A concept's
``gated`` labels ("scheduling", "batching") count only in a text that has one of its
``doc_words`` (a systems text: "requests", "GPU", "inference").

A model name that ends in a family acronym names that family (``name_suffixes``: "nnU-Net" ->
u-net, "BiLSTM" -> recurrent neural network), found by one regex over the text.

A technique the text names only where the paper does not use or study it is not tagged
(:class:`ContextFilter`): in a concessive background sentence about its limitations ("While
CNNs and ViTs have advanced X, they face limitations"), in the scope of a negation
("avoiding ... autoregressive sequences") or as a compared baseline ("outperforms
Transformer-based models"). One mention elsewhere keeps it.

Only what the text names is tagged: no outside knowledge beyond canonicalising a name.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.attrs import SENT_START
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
#: a gated label, and a word that opens its gate
_GATED = "G"
_GATE_WORD = "W"


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
    #: concepts (by id) whose mention in the text makes the rule not count ("low-rank" names
    #: low-rank decomposition, but in a LoRA text it is part of the adapter)
    unless: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Technique:
    """One SKOS concept of the vocabulary, as the matcher needs it."""

    id: str
    pref_label: str
    alt_labels: tuple[str, ...]
    exclude: tuple[str, ...]
    windows: tuple[WindowRule, ...] = ()
    #: labels that name the technique only in a text with one of ``gate_words``
    gated: tuple[str, ...] = ()
    gate_words: tuple[str, ...] = ()
    #: family acronyms that name the technique at the end of a model name ("nnU-Net",
    #: "BiLSTM", "CycleGAN"), case-exact
    name_suffixes: tuple[str, ...] = ()


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
                                 allowed_between=frozenset(w.get("allowed_between", ())),
                                 unless=frozenset(w.get("unless", ())))
                      for w in c.get("windows", ())),
                  gated=tuple(c.get("gated", {}).get("labels", ())),
                  gate_words=tuple(w.lower() for w in c.get("gated", {}).get("doc_words", ())),
                  name_suffixes=tuple(c.get("name_suffixes", ())))
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


def _alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of ``phrases`` (longest first; spaces match any whitespace); one
    that never matches if there are none."""
    phrases = list(phrases)
    if not phrases:
        return "(?!)"
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(set(phrases), key=len, reverse=True))


class ContextFilter:
    """Tells whether a mention is one the paper neither uses nor studies (the ``context``
    block of the vocabulary): in a concessive background sentence, negated, or a compared
    baseline.

    The negation and comparison cues are found by the tagger's phrase matcher in its one pass
    (a regex alternation searched over every sentence cost as much as the whole tagger); the
    regexes here only run on the short text between a cue and a mention, or at a sentence
    start.
    """

    def __init__(self, ctx: dict[str, Any], concept_ids: Iterable[str]) -> None:
        flags = re.IGNORECASE
        self.active = bool(ctx)
        self.exempt = frozenset(ctx.get("background_exempt", ())) & frozenset(concept_ids)
        self.negation_cues = tuple(p.lower() for p in ctx.get("negation_cues", ()))
        self.negation_exceptions = tuple(p.lower() for p in ctx.get("negation_exceptions", ()))
        self.compare_cues = tuple(p.lower() for p in ctx.get("compare_cues", ()))
        self.neg_window = int(ctx.get("negation_window", 60))
        self._opener = re.compile(rf"\W*(?:{_alternation(ctx.get('concessive_openers', ()))})\b", flags)
        self._self = re.compile(rf"\b(?:{_alternation(ctx.get('self_cues', ()))})\b", flags)
        self._limit = re.compile(rf"(?<![\w-])(?:{_alternation(ctx.get('limitation_cues', ()))})(?![\w-])", flags)
        self._head = re.compile(
            rf"(?:\s*-?\s*based)?(?:\s+[\w-]+)?\s+(?:{_alternation(ctx.get('baseline_heads', ()))})\b", flags)
        words = _alternation(ctx.get("clause_words", ()))
        self._clause = re.compile(rf"[;:()\[\]]|,\s|\b(?:{words})\b", flags)
        neg_breaks = _alternation(ctx.get("negation_breaks", ()))
        self._neg_break = re.compile(rf"[;:()\[\]]|,\s|\b(?:{words}|{neg_breaks})\b", flags)
        breaks = _alternation(ctx.get("compare_object_breaks", ()))
        self._object_break = re.compile(rf"[;:()\[\]]|,\s|\b(?:{words}|{breaks})\b", flags)

    def background(self, text: str, start: int, end: int) -> bool:
        """``text[start:end]`` is a concessive sentence about others' limitations: "While X
        ..., they face ...", with no "we"."""
        if not self._opener.match(text, start, end) or self._self.search(text, start, end):
            return False
        comma = text.find(", ", start, end)
        return comma >= 0 and self._limit.search(text, comma, end) is not None

    def negated(self, text: str, cue: int, start: int) -> bool:
        """A negation cue at char ``cue`` scopes over the mention at char ``start``: same
        clause and phrase, at most ``negation_window`` characters before it."""
        return start - cue <= self.neg_window and self._neg_break.search(text, cue, start) is None

    def compared(self, text: str, cue_end: int, start: int, end: int) -> bool:
        """The comparison cue that ends at char ``cue_end`` has the mention ``text[start:end]``
        as its object, and a baseline head follows it ("than transformer-based models")."""
        return self._object_break.search(text, cue_end, start) is None and self._head.match(text, end) is not None


class _Sentences:
    """The sentences of one Doc by token (one ``Doc.to_array`` call: ``Token.sent`` costs as
    much per call) and by character (:func:`doc_ext.sentence_bounds`); each sentence's
    background test is run once."""

    __slots__ = ("_background", "_bounds", "_starts", "text")

    def __init__(self, doc: Doc, text: str) -> None:
        starts = (doc.to_array(SENT_START) == 1).nonzero()[0].tolist()
        if not starts or starts[0] != 0:
            starts.insert(0, 0)
        self.text = text
        self._starts = starts
        self._bounds = doc_ext.sentence_bounds(doc)
        self._background: dict[int, bool] = {}

    def index(self, token: int) -> int:
        """The number of the sentence that holds ``token``."""
        return bisect_right(self._starts, token) - 1

    def first_token(self, k: int) -> int:
        return self._starts[k]

    def bounds(self, k: int) -> tuple[int, int]:
        """The characters of sentence ``k``."""
        return self._bounds[k]

    def sentence(self, k: int) -> str:
        """The text of sentence ``k`` (== ``sent.text``, without a Token per word)."""
        start, end = self.bounds(k)
        return self.text[start:end].strip()

    def background(self, k: int, ctx: ContextFilter) -> bool:
        got = self._background.get(k)
        if got is None:
            got = self._background[k] = ctx.background(self.text, *self.bounds(k))
        return got


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

    def add_lower(self, key: str, phrases: Iterable[str]) -> None:
        """Adds ``phrases`` as written (lower-cased, no variants) under ``key``."""
        docs = [self._nlp.make_doc(p.lower()) for p in sorted(set(phrases))]
        if docs:
            self.matcher.add(key, docs)

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
    #: matcher keys of the negation and comparison cues of the context filter
    _NEG_CUE = "context|negation"
    _NOT_NEG = "context|not-negation"
    _CMP_CUE = "context|compare"

    def __init__(self, nlp: Language, vocab_file: str = "techniques.json") -> None:
        self.concepts, self.rules = load_techniques(vocab_file)
        self.context = ContextFilter(load_json(vocab_file).get("context", {}), (c.id for c in self.concepts))
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
        # the context cues, found in the same pass
        self.phrases.add_lower(self._NEG_CUE, self.context.negation_cues)
        self.phrases.add_lower(self._NOT_NEG, self.context.negation_exceptions)
        self.phrases.add_lower(self._CMP_CUE, self.context.compare_cues)
        # model names that end in a family acronym ("nnU-Net", "BiLSTM"): one regex over the
        # text (a token's suffix is not something the phrase matcher can look up). It looks for
        # the acronym only; the letters before it and the name's start are checked by hand (a
        # regex that starts at every word, or has a look-behind, costs eight times as much).
        self._suffix_of = {s: c.id for c in self.concepts for s in c.name_suffixes}
        self._suffixes = re.compile(
            rf"({_alternation(self._suffix_of)})(?:s|\d+|\+\+)?(?![\w+/])"
        ) if self._suffix_of else None
        self._neg_key = strings.add(self._NEG_CUE)
        self._not_neg_key = strings.add(self._NOT_NEG)
        self._cmp_key = strings.add(self._CMP_CUE)
        #: matcher key -> (kind, concept id), so a match needs no string lookup
        self._keys: dict[int, tuple[str, str]] = {}
        for c in self.concepts:
            for kind, labels in ((_POS, (c.pref_label, *c.alt_labels)), (_NEG, c.exclude),
                                 (_GATED, c.gated if c.gate_words else ())):
                if labels:
                    key = f"{kind}|{c.id}"
                    self.phrases.add(key, labels)
                    self._keys[strings.add(key)] = (kind, c.id)
            if c.gated and c.gate_words:
                key = f"{_GATE_WORD}|{c.id}"
                self.phrases.add_words(key, c.gate_words)
                self._keys[strings.add(key)] = (_GATE_WORD, c.id)

    def __call__(self, doc: Doc) -> Doc:
        found: dict[str, list[tuple[int, int]]] = {}
        vetoes: dict[str, list[tuple[int, int]]] = {}
        gated: dict[str, list[tuple[int, int]]] = {}
        open_gates: set[str] = set()
        anchors: list[int] = []
        negations: list[tuple[int, int]] = []
        comparisons: list[tuple[int, int]] = []
        not_negations: list[tuple[int, int]] = []
        for match_id, start, end in self.phrases(doc):
            if match_id == self._anchor_key:
                anchors.append(start)
                continue
            if match_id == self._neg_key:
                negations.append((start, end))
                continue
            if match_id == self._cmp_key:
                comparisons.append((start, end))
                continue
            if match_id == self._not_neg_key:  # "with and without X" uses X
                not_negations.append((start, end))
                continue
            kind, cid = self._keys[match_id]
            if kind == _POS:
                found.setdefault(cid, []).append((start, end))
            elif kind == _NEG:
                vetoes.setdefault(cid, []).append((start, end))
            elif kind == _GATED:
                gated.setdefault(cid, []).append((start, end))
            else:
                open_gates.add(cid)
        for cid in open_gates & gated.keys():
            found.setdefault(cid, []).extend(gated[cid])
        for cid, rule, start, end in self._window_matches(doc, anchors):
            if not rule.unless or not (rule.unless & found.keys()):
                found.setdefault(cid, []).append((start, end))
        text = doc_ext.doc_text(doc)
        for cid, start, end in self._suffix_matches(doc, text):
            found.setdefault(cid, []).append((start, end))
        if not found:
            return doc
        if not_negations:
            negations = [(s, e) for s, e in negations if not any(a <= s and e <= b for a, b in not_negations)]
        sents = _Sentences(doc, text)
        first: dict[str, tuple[int, int]] = {}
        for cid, spans in found.items():
            bad = vetoes.get(cid, ())
            for start, end in sorted(spans):
                if not any(s < end and start < e for s, e in bad) and self._counts(
                        doc, sents, cid, start, end, negations, comparisons):
                    first[cid] = (start, end)
                    break
        tagged: dict[str, Mention] = {}
        for cid, (start, end) in sorted(first.items(), key=lambda kv: kv[1]):
            c = self.by_id[cid]
            span = doc[start:end]
            surface = text[span.start_char:span.end_char]  # == span.text, without a Token per word
            rule = "acronym" if is_case_sensitive(surface) else "phrase"
            tagged[c.pref_label] = self._mention(c.pref_label, span, surface,
                                                 sents.sentence(sents.index(start)),
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

    def _counts(self, doc: Doc, sents: _Sentences, cid: str, start: int, end: int,
                negations: list[tuple[int, int]], comparisons: list[tuple[int, int]]) -> bool:
        """False when the mention ``doc[start:end]`` is in a context where the paper neither
        uses nor studies the technique (see :class:`ContextFilter`)."""
        ctx = self.context
        if not ctx.active:
            return True
        k = sents.index(start)
        if cid not in ctx.exempt and sents.background(k, ctx):
            return False
        first = sents.first_token(k)
        text, at = sents.text, -1
        for cue_start, cue_end in negations:
            if first <= cue_start and cue_end <= start:
                at = doc[start].idx
                if ctx.negated(text, doc[cue_start].idx, at):
                    return False
        for cue_start, cue_end in comparisons:
            if first <= cue_start and cue_end <= start:
                at = doc[start].idx if at < 0 else at
                last = doc[end - 1]
                if ctx.compared(text, doc[cue_end].idx, at, last.idx + len(last)):
                    return False
        return True

    def _suffix_matches(self, doc: Doc, text: str) -> Iterator[tuple[str, int, int]]:
        """``(concept, start, end)`` per model name that ends in a concept's family acronym
        ("nnU-Net" -> u-net, "CycleGAN" -> generative adversarial network). An all-caps
        acronym counts only after a lower-case letter or a digit ("BiLSTM", "StyleGAN"), where
        it stands out as a part of the name."""
        if self._suffixes is None:
            return
        for m in self._suffixes.finditer(text):
            if m.start() == 0:
                continue
            suffix, before = m.group(1), text[m.start() - 1]
            if not (before.isascii() and before.isalnum()):
                continue  # the acronym alone, which the phrase matcher tags
            if suffix.isupper() and not (before.islower() or before.isdigit()):
                continue  # "OACNN", "ORGAN": an all-caps acronym does not stand out after capitals
            start = m.start() - 1
            while start > 0 and text[start - 1].isascii() and text[start - 1].isalnum():
                start -= 1
            if start > 0 and (text[start - 1] in "/.-_" or text[start - 1].isalnum()):
                continue  # part of a path, a URL or a hyphenated compound
            span = doc.char_span(start, m.end(), alignment_mode="expand")
            if span is not None:
                yield self._suffix_of[m.group(1)], span.start, span.end

    def _window_matches(self, doc: Doc, anchors: list[int]) -> Iterator[tuple[str, WindowRule, int, int]]:
        for i in anchors:
            anchor = doc[i].lower_
            for cid, rule in self.windows:
                if anchor not in rule.anchor:
                    continue
                for j in range(i - 1, max(-1, i - 1 - rule.window), -1):
                    t = doc[j]
                    word = t.lower_
                    if word in rule.cue_before:
                        yield cid, rule, j, i + 1
                        break
                    if t.is_space or t.text in _CLAUSE_BREAKS or (
                            rule.allowed_between and word not in rule.allowed_between):
                        break

    @staticmethod
    def _mention(name: str, span: Span, surface: str, sentence: str, extractor: str) -> Mention:
        return Mention(type="technique", name=name, role=None, text=surface,
                       evidence=Evidence(sentence=sentence, start=span.start_char, end=span.end_char,
                                         extractor=extractor))


@Language.factory("kg_techniques", default_config={"vocab_file": "techniques.json"})
def make_technique_tagger(nlp: Language, name: str, vocab_file: str) -> TechniqueTagger:
    """The technique tagger; ``vocab_file`` names a SKOS JSON vocabulary in ``kg/data``."""
    return TechniqueTagger(nlp, vocab_file=vocab_file)
