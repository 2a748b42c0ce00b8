"""``kg_tasks``: 1-3 short lowercase phrases naming the problems a paper addresses.

Tasks become graph nodes that users query ("papers-by-task"), so the same task must get the
same string in every paper. Two sources, ranked:

* the vocabulary ``kg/data/tasks.json``: canonical names with aliases ("LLM inference
  serving", "serving large language models" -> ``llm serving``); a hit in the title counts
  more than one in the abstract, repeated hits add up;
* patterns for tasks the vocabulary lacks: the title's "... for X" ("Reversible Decoupling
  Network for Single Image Reflection Removal") and the abstract's "the X task" / "the task
  of X". A phrase found this way must end in a task head noun ("removal", "generation",
  "serving", ...) so that "for Mobile Devices" or "for Free" never become tasks; generic
  openers ("efficient", "the") are stripped and a phrase that is itself a vocabulary alias is
  mapped to its canonical name.

The best three are kept; a generic task contained in a kept, more specific one
("video generation" inside "long video generation") is dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.extract import doc_ext
from kg.extract.techniques import CaseAwarePhrases
from kg.extract.vocab import load_json
from kg.model import TITLE_SEPARATOR, Evidence, Mention

#: Words that end a phrase collected after "for" / "task of".
_STOP_WORDS = frozenset({
    "with", "via", "using", "by", "from", "through", "on", "in", "under", "at", "and", "or",
    "to", "of", "which", "that", "where", "while", "is", "are", "was", "were", "has", "have",
    "as", "into", "without", "beyond", "across", "based", "we", "it", "its", "this", "for",
    "than", "such", "when", "can", "will", "aims", "aiming",
})
_MAX_WORDS = 6

_SCORE_TITLE_PATTERN = 10.0
_SCORE_TITLE_VOCAB = 8.0
_SCORE_TASK_PATTERN = 5.0
_SCORE_ABSTRACT_VOCAB = 2.0

#: Matcher keys of the pattern trigger words (task names are lower-case phrases, so no clash).
_FOR = "trigger|for"
_TASK = "trigger|task"

_KEY_SEPARATORS = re.compile(r"[\s\-]+")
_SPACES = re.compile(r"\s+")
#: "large language model(s)" is written "llm" in task names ("llm serving")
_LLM = re.compile(r"\blarge language models?\b")


def task_key(phrase: str) -> str:
    """Comparison key: case, hyphens and spacing ignored ("Text-to-Image" == "text to image")."""
    return _KEY_SEPARATORS.sub(" ", phrase.lower()).strip()


def _contains(specific: str, generic: str) -> bool:
    """Whether ``generic`` occurs in ``specific`` as whole words ("text-to-video generation"
    contains "video generation")."""
    # == re.search(rf"(?:^|[\s\-]){g}$|(?:^|[\s\-]){g}[\s\-]", specific), without compiling
    # a pattern per pair of names (``$`` before a final newline is covered by ``[\s\-]``)
    n = len(generic)
    if not n:
        return re.search(r"(?:^|[\s\-])$|(?:^|[\s\-])[\s\-]", specific) is not None
    end = len(specific)
    i = specific.find(generic)
    while i >= 0:
        j = i + n
        if (i == 0 or specific[i - 1] == "-" or specific[i - 1].isspace()) \
                and (j == end or specific[j] == "-" or specific[j].isspace()):
            return True
        i = specific.find(generic, i + 1)
    return False


@dataclass(slots=True)
class _Candidate:
    name: str
    score: float
    span: Span
    extractor: str
    hits: int = field(default=0)


class TaskTagger:
    """Appends up to ``max_tasks`` task :class:`Mention` objects per paper."""

    def __init__(self, nlp: Language, vocab_file: str = "tasks.json", max_tasks: int = 3) -> None:
        data: dict[str, Any] = load_json(vocab_file)
        self.max_tasks = max_tasks
        self.heads = frozenset(h.lower() for h in data["heads"])
        self.modifiers = frozenset(m.lower() for m in data["strip_modifiers"])
        self.reject = frozenset(task_key(r) for r in data["reject"])
        self.canonical: dict[str, str] = {}
        self.phrases = CaseAwarePhrases(nlp)
        # The pattern trigger words are found by the same matcher pass as the vocabulary
        # (reading a token array to find them cost as much as the matching).
        strings = nlp.vocab.strings
        self.phrases.add_words(_FOR, ["for"])
        self.phrases.add_words(_TASK, ["task", "tasks", "problem"])
        self._for_key, self._task_key = strings.add(_FOR), strings.add(_TASK)
        for entry in data["tasks"]:
            name = entry["name"]
            labels = (name, *entry.get("aliases", ()))
            for label in labels:
                self.canonical.setdefault(task_key(label), name)
            self.phrases.add(name, labels)

    # -- phrase patterns -------------------------------------------------------------------

    def _phrase(self, doc: Doc, text: str, start: int, end: int) -> tuple[str, Span] | None:
        """The canonical task for tokens ``start:end`` after trimming, or None if not a task.

        ``text`` is the Doc's text (slicing it is cheaper than ``Span.text``).
        """
        while start < end and (doc[start].lower_ in self.modifiers or doc[start].is_punct):
            start += 1
        while end > start and doc[end - 1].is_punct:
            end -= 1
        if end <= start:
            return None
        span = doc[start:end]
        name = _SPACES.sub(" ", text[span.start_char:span.end_char].lower()).strip()
        name = _LLM.sub("llm", name)
        key = task_key(name)
        if key in self.canonical:
            return self.canonical[key], span
        # A new task must end in a task noun and say more than the bare noun ("segmentation").
        if doc[end - 1].lower_ not in self.heads or key in self.reject or end - start < 2:
            return None
        if any(t.is_digit or t.like_url or t.is_space for t in span):
            return None
        return name, span

    def _forward(self, doc: Doc, i: int, limit: int) -> int:
        """End of the phrase that starts at token ``i`` (exclusive), bounded by ``limit``."""
        j = i
        while j < limit and j - i < _MAX_WORDS:
            t = doc[j]
            if t.is_space or t.lower_ in _STOP_WORDS or (t.is_punct and t.text not in "-/"):
                break
            j += 1
        return j

    def _backward(self, doc: Doc, i: int, floor: int) -> int:
        """Start of the phrase that ends just before token ``i``."""
        j = i
        while j > floor and i - j < _MAX_WORDS:
            t = doc[j - 1]
            if (t.is_space or t.lower_ in _STOP_WORDS or t.lower_ in self.modifiers
                    or (t.is_punct and t.text not in "-/")):
                break
            j -= 1
        return j

    @staticmethod
    def _title_end(doc: Doc, text: str) -> int:
        """The index of the first whitespace token holding the title separator (or len(doc))."""
        at = text.find(TITLE_SEPARATOR)
        if at < 0:
            return len(doc)
        # the token holding the first separator is the one, if it is a whitespace token
        span = doc.char_span(at, at + 1, alignment_mode="expand")
        if span is not None and len(span):
            tok = span[0]
            if tok.is_space and TITLE_SEPARATOR in tok.text:
                return tok.i
        for t in doc:
            if t.is_space and TITLE_SEPARATOR in t.text:
                return t.i
        return len(doc)

    # -- component -------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        text = doc_ext.doc_text(doc)
        title_end = self._title_end(doc, text)
        cands: dict[str, _Candidate] = {}

        def add(name: str, span: Span, score: float, extractor: str) -> None:
            c = cands.get(name)
            if c is None:
                cands[name] = _Candidate(name, score, span, extractor, 1)
            else:
                c.score += score if c.hits < 3 else 0.0
                c.hits += 1
                if span.start < c.span.start:
                    c.span = span

        fors: list[int] = []
        task_words: list[int] = []
        vocab: list[tuple[int, int, int]] = []
        for match in self.phrases(doc):
            if match[0] == self._for_key:
                if match[1] < title_end:
                    fors.append(match[1])
            elif match[0] == self._task_key:
                task_words.append(match[1])
            else:
                vocab.append(match)
        for i in fors:
            found = self._phrase(doc, text, i + 1, self._forward(doc, i + 1, title_end))
            if found:
                add(found[0], found[1], _SCORE_TITLE_PATTERN, "kg_tasks.title_for")
        for i in task_words:
            if i + 1 < len(doc) and doc[i + 1].lower_ == "of":
                found = self._phrase(doc, text, i + 2, self._forward(doc, i + 2, len(doc)))
            else:
                found = self._phrase(doc, text, self._backward(doc, i, 0), i)
            if found:
                add(found[0], found[1], _SCORE_TASK_PATTERN, "kg_tasks.task_pattern")
        strings = doc.vocab.strings
        # Longest match wins: "speech super-resolution" is not also "super-resolution".
        for span in filter_spans([Span(doc, s, e, label=m) for m, s, e in vocab]):
            score = _SCORE_TITLE_VOCAB if span.start < title_end else _SCORE_ABSTRACT_VOCAB
            add(strings[span.label], span, score, "kg_tasks.vocabulary")
        if not cands:
            return doc

        chosen: list[_Candidate] = []
        for c in sorted(cands.values(), key=lambda c: (-c.score, c.span.start)):
            if len(chosen) >= self.max_tasks:
                break
            if any(_contains(k.name, c.name) for k in chosen):
                continue
            chosen.append(c)
        # Keep the specific task when a generic one it contains was also chosen.
        chosen = [c for c in chosen
                  if not any(k is not c and _contains(k.name, c.name) for k in chosen)]
        out = doc_ext.mentions(doc)
        for c in chosen:
            ss, se = doc_ext.sentence_at(doc, c.span.start_char)
            # text slices == Span.text, which would build a Token per word
            out.append(Mention(
                type="task", name=c.name, role=None, text=text[c.span.start_char:c.span.end_char],
                evidence=Evidence(sentence=text[ss:se].strip(),
                                  start=c.span.start_char,
                                  end=c.span.end_char, extractor=c.extractor,
                                  confidence=min(1.0, c.score / _SCORE_TITLE_PATTERN))))
        return doc


@Language.factory("kg_tasks", default_config={"vocab_file": "tasks.json", "max_tasks": 3})
def make_task_tagger(nlp: Language, name: str, vocab_file: str, max_tasks: int) -> TaskTagger:
    """The task tagger; ``vocab_file`` names a task vocabulary in ``kg/data``."""
    return TaskTagger(nlp, vocab_file=vocab_file, max_tasks=max_tasks)
