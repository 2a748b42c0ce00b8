"""kg_hardware_roles: a learned second opinion on the role ``kg_hardware``'s rules gave.

Why: the role rules were tuned on the errors of one labelled set after another, and each round
fixed its set and none of the next (benchmarks/heldout/notes/errors_H*.md). A logistic
regression over what the rules decided and the words around each mention, trained on every
labelled hardware role (benchmarks/heldout/role_model.py), was right on 9 entries of the four
sets the role rules never saw where the rules were wrong, and wrong on none where they were
right (0.671 -> 0.714, 210 entries, each set predicted by a model trained without it).

The model overrides the rules only where it gives its role a probability of at least
``threshold`` (in the model file): below that the rules' role stands. An override names this
component in the evidence, with the model's probability as its confidence, so a user can tell
a learned role from a rule's.

The model is data (``kg/data/hardware_role_model.json``: feature -> one weight per role), like
the vocabularies: a user who labels papers of their own can retrain it with them
(``role_model.py --also GOLD=PAPERS --write``). Features are plain
strings from :func:`role_features`, which the training script calls too, so the two cannot
drift apart.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import doc_ext
from kg.extract.vocab import load_json
from kg.model import Mention

MODEL_FILE = "hardware_role_model.json"
#: the component's name in evidence, ahead of the role it chose
EXTRACTOR = "kg_hardware_roles"

_WORD = re.compile(r"[A-Za-z][A-Za-z\-]*|\d+(?:\.\d+)?|[%×x]")
#: a sentence for the features: up to and including end punctuation or a line break (the
#: title's end). Not spaCy's sentences: the features must be computable from a record alone.
_SENT = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")
_NUMBER_UNIT = re.compile(r"\d+(\.\d+)?\s*(x|×|times|fps|ms|%)")
_WE = re.compile(r"\b(we|our)\b")
#: words of context kept on each side of a mention
WINDOW = 6


@lru_cache(maxsize=8)
def _lower_sentences(text: str) -> tuple[str, ...]:
    """The feature sentences of ``text``, lower-cased: split once per paper, not once per
    hardware entry of it."""
    return tuple(m.group(0).lower() for m in _SENT.finditer(text))


def role_features(text: str, *, name: str, mention: str, role: str, extractor: str,
                  hw_class: str | None, quantity: Any, n_hardware: int,
                  claim_on_it: bool) -> dict[str, float]:
    """Sparse binary features of one hardware entry of a paper (``text``: title, a line
    break, the abstract): the rules' decision, the product's class, and the words around each
    sentence that names it, with where that sentence sits (title, first, middle, last)."""
    f = dict.fromkeys(("rule=" + role, "extrole=" + extractor,
                       "ext=" + ".".join(extractor.split(".")[1:2]), "cls=" + str(hw_class),
                       "nhw=" + str(min(n_hardware, 4))), 1.0)
    if quantity:
        f["qty"] = 1.0
    if claim_on_it:
        f["claim_hw"] = 1.0
    forms = {mention.lower(), name.lower()} - {""}
    sents = _lower_sentences(text)
    n = 0
    for i, low in enumerate(sents):
        at = [low.find(x) for x in forms if x in low]
        if not at:
            continue
        n += 1
        f["pos=" + ("title" if i == 0 else "first" if i == 1 else
                    "last" if i == len(sents) - 1 else "mid")] = 1.0
        cut = min(at)
        for w in _WORD.findall(low[:cut])[-WINDOW:]:
            f["b:" + w] = 1.0
        for w in _WORD.findall(low[cut:])[1:WINDOW + 1]:
            f["a:" + w] = 1.0
        for w in _WORD.findall(low):
            f["s:" + w] = 1.0
        if _NUMBER_UNIT.search(low):
            f["s_num"] = 1.0
        if _WE.search(low):
            f["s_we"] = 1.0
    f["nsent=" + str(min(n, 3))] = 1.0
    return f


def record_features(text: str, record: dict[str, Any], item: dict[str, Any]) -> dict[str, float]:
    """:func:`role_features` of a hardware entry of a ``kg extract`` record (with evidence)."""
    return role_features(
        text, name=item["name"], mention=item["mention"], role=item["role"],
        extractor=item["evidence"]["extractor"], hw_class=item.get("hw_class"),
        quantity=item.get("quantity"), n_hardware=len(record["hardware"]),
        claim_on_it=any(c.get("hardware") == item["name"] for c in record.get("claims", [])))


@dataclass(frozen=True)
class RoleModel:
    """Multinomial logistic regression: per role, a bias plus the weights of the features."""

    roles: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    threshold: float

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RoleModel:
        roles = tuple(data["roles"])
        bad = [k for k, w in data["weights"].items() if len(w) != len(roles)]
        if len(data["bias"]) != len(roles) or bad:
            raise ValueError(f"role model: weight vectors must have {len(roles)} entries "
                             f"(bias, {bad[:3]})")
        if not 0 < data["threshold"] <= 1:
            raise ValueError("role model: threshold must be in (0, 1]")
        return cls(roles, tuple(data["bias"]),
                   {k: tuple(w) for k, w in data["weights"].items()}, float(data["threshold"]))

    def probabilities(self, features: dict[str, float]) -> list[float]:
        z = list(self.bias)
        for k, v in features.items():
            w = self.weights.get(k)
            if w is not None:
                for j, wj in enumerate(w):
                    z[j] += v * wj
        top = max(z)
        e = [math.exp(x - top) for x in z]
        s = sum(e)
        return [x / s for x in e]

    def decide(self, features: dict[str, float]) -> tuple[str, float] | None:
        """The model's role and its probability where it is sure enough, else None."""
        p = self.probabilities(features)
        j = max(range(len(p)), key=p.__getitem__)
        return (self.roles[j], p[j]) if p[j] >= self.threshold else None


def mention_features(text: str, m: Mention, n_hardware: int, on_hardware: set[str]
                     ) -> dict[str, float]:
    """:func:`role_features` of a hardware mention in the pipeline (what
    :func:`record_features` gives for the same entry of the paper's record)."""
    return role_features(
        text, name=m.name, mention=m.text, role=m.role or "mentioned",
        extractor=m.evidence.extractor, hw_class=m.attrs.get("hw_class"),
        quantity=m.attrs.get("quantity"), n_hardware=n_hardware,
        claim_on_it=m.name in on_hardware)


def rescore(mentions: list[Mention], text: str, claims: list[Any], model: RoleModel) -> None:
    """Replaces the rules' role of each hardware mention where the model is sure of another."""
    hardware = [m for m in mentions if m.type == "hardware"]
    on_hw = {c.hardware for c in claims if c.hardware}
    for m in hardware:
        verdict = model.decide(mention_features(text, m, len(hardware), on_hw))
        if verdict is not None and verdict[0] != m.role:
            m.role = verdict[0]
            m.evidence = replace(m.evidence, extractor=f"{EXTRACTOR}.{verdict[0]}",
                                 confidence=round(verdict[1], 3))


class HardwareRoles:
    """The spaCy component: re-scores the hardware mentions ``kg_hardware`` left on the Doc."""

    def __init__(self, model: RoleModel) -> None:
        self.model = model

    def __call__(self, doc: Doc) -> Doc:
        mentions = doc_ext.mentions(doc)
        if any(m.type == "hardware" for m in mentions):
            rescore(mentions, doc_ext.doc_text(doc), doc_ext.claims(doc), self.model)
        return doc


@Language.factory("kg_hardware_roles")
def make_hardware_roles(nlp: Language, name: str) -> HardwareRoles:
    return HardwareRoles(RoleModel.from_json(load_json(MODEL_FILE)))
