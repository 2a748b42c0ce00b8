"""Plain data passed between the layers: papers in, extractions out.

These dataclasses are the contract between ingest, extract and graph. They are small and
picklable so that worker processes can send extraction results back cheaply (spaCy Docs are
never sent between processes).
"""
from __future__ import annotations

import hashlib
import operator
import re
import unicodedata
from dataclasses import dataclass, field, fields
from typing import Any, Literal, TypeVar

_T = TypeVar("_T")

EntityType = Literal["hardware", "dataset", "method", "technique", "task"]
ENTITY_TYPES: tuple[EntityType, ...] = ("hardware", "dataset", "method", "technique", "task")

HARDWARE_ROLES = ("targets", "evaluated_on", "compared_against", "mentioned")
DATASET_ROLES = ("introduced", "used")
METHOD_ROLES = ("proposed", "used", "compared", "mentioned")

#: Title and abstract are analysed as one text, the title first: offsets in Evidence are
#: offsets into ``Paper.text``.
TITLE_SEPARATOR = "\n"


_WS_TO_SPACE = {9: 32, 10: 32, 13: 32}


def normalise_text(s: str) -> str:
    """Unicode NFC with runs of whitespace folded to one space; control characters dropped.

    The per-character filter runs only when the text holds something unprintable: it was
    60% of ingest time when it ran on every abstract.
    """
    s = unicodedata.normalize("NFC", s)
    if not s.translate(_WS_TO_SPACE).isprintable():
        s = "".join(ch if ch.isprintable() else " " for ch in s)
    # str.split() splits on exactly the characters re's \s matches (both use
    # Py_UNICODE_ISSPACE) and drops the ends, like the former _WS.sub(" ", s).strip(),
    # at a fifth of the cost: this ran 10 times a record and was a fifth of ingest time
    return " ".join(s.split())


def title_key(title: str) -> str:
    """The key two records with the same title share (case, punctuation and spaces ignored).

    Letters of every script count (``\\w``), so two different Chinese titles do not share
    an empty key.
    """
    folded = unicodedata.normalize("NFKD", title).casefold()
    if not folded.isascii():  # ASCII has no combining marks: skip the per-character pass
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", "", folded)


def _pickled_by_constructor(cls: type[_T]) -> type[_T]:
    """Pickles instances as one constructor call with their fields in order.

    Why: worker processes send mentions, claims and urls back to the parent, and the
    default pickling of a ``slots=True`` dataclass calls ``dataclasses.fields()`` for every
    object it restores; a py-spy profile of a 2-worker build showed that at about a tenth
    of the parent's time, the parent being what limits a multi-worker build.
    """
    getter = operator.attrgetter(*(f.name for f in fields(cls)))  # type: ignore[arg-type]

    def __reduce__(self: Any) -> tuple[type[_T], tuple[Any, ...]]:
        return cls, getter(self)

    cls.__reduce__ = __reduce__  # type: ignore[assignment,method-assign]
    return cls


@dataclass(frozen=True, slots=True)
class Paper:
    """One paper as read from a source. ``id`` is stable: the source's id, else a title hash."""

    id: str
    title: str
    abstract: str
    authors: tuple[str, ...] = ()
    date: str | None = None  # ISO 8601: YYYY-MM-DD, or YYYY when only the year is known
    url: str | None = None
    categories: tuple[str, ...] = ()
    doi: str | None = None
    source: str | None = None  # "file:line" of the record, for messages

    @property
    def text(self) -> str:
        return f"{self.title}{TITLE_SEPARATOR}{self.abstract}"

    @property
    def year(self) -> int | None:
        if self.date and re.match(r"^\d{4}", self.date):
            return int(self.date[:4])
        return None

    @property
    def content_hash(self) -> str:
        """Changes exactly when re-extraction could give a different result."""
        h = hashlib.sha256()
        for part in (self.title, self.abstract, "\x1f".join(self.authors), self.date or "",
                     self.url or "", "\x1f".join(self.categories), self.doi or ""):
            h.update(part.encode("utf-8"))
            h.update(b"\x1e")
        return h.hexdigest()[:32]

    @staticmethod
    def id_from_title(title: str) -> str:
        return "t-" + hashlib.sha1(title_key(title).encode()).hexdigest()[:16]


@_pickled_by_constructor
@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a link exists: the sentence, the mention's offsets in ``Paper.text``, who made it."""

    sentence: str
    start: int
    end: int
    extractor: str
    confidence: float = 1.0


@_pickled_by_constructor
@dataclass(slots=True)
class Mention:
    """An entity named in a paper, with its canonical name and the role it plays there.

    ``attrs`` holds type-specific facts: for hardware ``vendor``, ``hw_class``, ``generation``,
    ``quantity``, ``broader`` (list of canonical ancestors); free for other types.
    """

    type: EntityType
    name: str
    role: str | None
    text: str
    evidence: Evidence
    aliases: tuple[str, ...] = ()
    attrs: dict[str, Any] = field(default_factory=dict)


@_pickled_by_constructor
@dataclass(slots=True)
class Claim:
    """A quantitative result: ``292.3 times faster than real-time`` on an RTX 4090."""

    text: str
    value: float
    unit: str
    metric: str | None
    hardware: str | None
    evidence: Evidence


@_pickled_by_constructor
@dataclass(slots=True)
class CodeUrl:
    url: str
    evidence: Evidence


@dataclass(slots=True)
class PaperExtraction:
    """Everything extracted from one paper."""

    paper: Paper
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    urls: list[CodeUrl] = field(default_factory=list)
    extractor_version: str = ""

    def of_type(self, type_: EntityType) -> list[Mention]:
        return [m for m in self.mentions if m.type == type_]

    def to_record(self, evidence: bool = True) -> dict[str, Any]:
        """The guideline's JSON object (what ``kg extract --format jsonl`` prints)."""

        def ev(e: Evidence) -> dict[str, Any]:
            return {"sentence": e.sentence, "start": e.start, "end": e.end,
                    "extractor": e.extractor, "confidence": round(e.confidence, 3)}

        def ent(m: Mention, with_mention: bool = False) -> dict[str, Any]:
            d: dict[str, Any] = {"name": m.name}
            if with_mention:
                d["mention"] = m.text
            else:
                d["aliases"] = list(m.aliases)
            d["role"] = m.role
            if m.type == "hardware":
                for k in ("hw_class", "vendor", "quantity"):
                    if m.attrs.get(k) is not None:
                        d[k] = m.attrs[k]
            if evidence:
                d["evidence"] = ev(m.evidence)
            return d

        p = self.paper
        rec: dict[str, Any] = {
            "id": p.id,
            "title": p.title,
            "hardware": [ent(m, True) for m in self.of_type("hardware")],
            "datasets": [ent(m) for m in self.of_type("dataset")],
            "methods": [ent(m) for m in self.of_type("method")],
            "techniques": [m.name for m in self.of_type("technique")],
            "tasks": [m.name for m in self.of_type("task")],
            "claims": [
                {"text": c.text, "value": c.value, "unit": c.unit, "metric": c.metric,
                 "hardware": c.hardware, **({"evidence": ev(c.evidence)} if evidence else {})}
                for c in self.claims
            ],
            "urls": [u.url for u in self.urls],
        }
        return rec
