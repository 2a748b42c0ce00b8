"""kg_hardware: named hardware products and device classes, with a role per paper.

How it works, and why:

* Products, generations and systems come from the registry (``kg/data/hardware.json``) through
  one trie-shaped regex (see :mod:`kg.extract.hardware_registry`) that takes every spelling
  (``RTX4090``, ``RTX-4090``, ``8xA100``, ``TPUv4``) without per-token Python work.
* Most abstracts name no hardware, and proving that with the exact patterns costs ~0.5 ms per
  abstract (sre tries their alternations at every character). A word gate
  (:mod:`kg.extract.word_gate`) built from the same aliases and class patterns finds, in one
  fast scan, the few offsets where a name can start; the exact patterns are only tried there.
* Ambiguous aliases (bare ``4090``, ``Hopper``, ``T4``, ``M2``, ``Xavier``) count only when a
  context word of their class (``GPU``, ``NVIDIA``, ``Apple`` ...) is in the same sentence.
* Device classes (GPU, CPU, FPGA, ... mobile device, edge device) come from one combined regex
  built from ``kg/data/hardware_rules.json``. Acronyms are rejected when the paper defines them
  as something else (``Dynamic Sequence Parallelism (DSP)``) or when they start a method name
  (``PIM-GPT``); FPGA ``DSP blocks`` are not DSP processors.
* The role is decided per mention from cue regexes around it (comparison, design target,
  evaluation platform, background list) and then per paper with the guideline's priority
  targets > evaluated_on > compared_against > mentioned.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import doc_ext
from kg.extract.hardware_registry import HardwareRegistry, load_registry
from kg.extract.vocab import ascii_twin, load_json, plain_ascii
from kg.extract.word_gate import WordGate, finditer_at, pattern_starts, word_text
from kg.model import TITLE_SEPARATOR, Evidence, Mention

#: ``doc.user_data`` key holding every hardware occurrence: (start, end, name, role, kind).
HARDWARE_SPANS_KEY = "kg_hardware_spans"
ROLE_PRIORITY = ("targets", "evaluated_on", "compared_against", "mentioned")
#: How far (characters) role and quantity cues look around a mention.
_LEFT_WINDOW = 90
_RIGHT_WINDOW = 60


@dataclass(slots=True)
class _Hit:
    """One occurrence of a hardware name in the text."""

    name: str
    start: int
    end: int
    text: str
    rule: str
    kind: str  # "product" or "class"
    quantity: int | None = None
    role: str = "mentioned"
    why: str = ""  # which role rule decided (debugging and evidence)
    on_device: bool = False  # a phone / edge / embedded platform, or named inside one ("mobile GPU")
    np_with: str | None = None  # the hardware named just before, in the same noun phrase


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    text: str
    is_title: bool
    own_region: bool = False  # after the paper's first contribution sentence ("We propose ...")


@dataclass(slots=True)
class _Entity:
    name: str
    hits: list[_Hit] = field(default_factory=list)


class HardwareRules:
    """The compiled class patterns and role cues (built once per pipeline)."""

    def __init__(self, rules: dict[str, Any]) -> None:
        alts = []
        self.group_class: dict[str, str] = {}
        self.acronyms: dict[str, tuple[re.Pattern[str], re.Pattern[str] | None]] = {}
        for i, c in enumerate(rules["classes"]):
            pats = []
            for p in c["patterns"]:
                acr = c.get("acronym")
                # acronyms are matched in their written case: "GPU", "GPUs" (not "gpu" in a URL)
                if acr and p.upper().startswith(acr[:2]) and "?:" not in p[:4] and p[0].isupper():
                    pats.append(f"(?-i:{p})")
                else:
                    pats.append(p)
            g = f"c{i}"
            self.group_class[g] = c["class"]
            alts.append(f"(?P<{g}>" + "|".join(pats) + ")")
            if c.get("acronym"):
                lf = re.compile(c["long_form"], re.I) if c.get("long_form") else None
                self.acronyms[c["class"]] = (re.compile(r"\(\s*" + re.escape(c["acronym"]) + r"s?\s*\)"), lf)
        self.class_re = re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(alts) + r")(?![A-Za-z0-9])", re.I)
        self.acronym_of = {c["class"]: c["acronym"] for c in rules["classes"] if c.get("acronym")}
        self.ok_suffix = {s.lower() for s in rules["compound_ok_suffixes"]}
        self.number_words: dict[str, int | None] = rules["number_words"]
        self.quantity_left = re.compile(rules["quantity_left"], re.I)
        self._compile_roles(rules["roles"])
        self.product_reject_right = re.compile(rules["product_reject_right"], re.I)
        self.class_acronym_re = re.compile(
            r"(?<![A-Za-z0-9])(?:" + "|".join(f"(?P<a{i}>{a}s?)" for i, a in enumerate(self.acronym_of.values()))
            + r")(?![A-Za-z0-9])")
        self.acr_group = {f"a{i}": cls for i, cls in enumerate(self.acronym_of)}
        #: The class word heading a product's noun phrase ("H100 GPU hours", "A100 GPUs for"):
        #: a product's right-hand cues are read after it, as the class word's are.
        self.np_head_right = re.compile(
            r"(?:'?s)?\s*(?:\d+\s*[GT]B\s*)?(?-i:" + "|".join(self.acronym_of.values()) + r")s?(?![A-Za-z0-9])")

    #: Role cues written in any case (compiled with re.I) and in the written case only.
    #: Each key of ``hardware_rules.json``'s "roles" becomes an attribute of the same name.
    _ROLE_CUES_ANY_CASE = (
        "title_eval", "compared_left", "compared_blockers", "compared_right", "targets_right",
        "evaluated_left", "evaluated_sentence", "mentioned_left", "own_work", "list_connector",
        "np_gap", "lead_preposition", "resource_right", "resource_keep_left", "measured",
        "on_device_products", "efficiency_left", "efficiency_right", "generic_sentence",
        "evaluation_context_left", "context_right", "negated_left", "negated_right",
        "evaluation_words", "compared_running", "survey_title", "realtime_left",
        "performance_right", "range_from_left", "range_to_right", "blocked_deployment",
        "deployment_own", "contribution", "addressed_opener", "constraint_left", "distributed_left",
        "trained_sentence", "deployment_purpose", "purpose_clause", "device_constraint",
        "product_modifiers_left",
        "execution_left", "execution_right", "prospect_left", "device_goal", "removal_left", "need_right",
        "efficient_answer", "agent_text", "agent_right", "agent_left", "context_left",
        "study_opener", "agent_context", "timed_left", "runs_on_left", "timed_right",
        "hardware_kind")
    _ROLE_CUES_CASED = ("mentioned_sentence", "results", "title_name", "results_numeric",
                        "device_title", "title_own_paren", "measured_between")
    _ROLE_SETS = ("strong_target_rules", "on_device_classes", "deployment_classes",
                  "context_classes", "addressed_from_rules", "deployed_when_measured",
                  "agent_classes", "measured_classes")

    def _compile_roles(self, r: dict[str, Any]) -> None:
        """Compiles the role cues once; a cue missing from the data file is a KeyError here,
        at pipeline construction, not a silent miss while extracting."""
        for key in self._ROLE_CUES_ANY_CASE:
            setattr(self, key, re.compile(r[key], re.I))
        for key in self._ROLE_CUES_CASED:
            setattr(self, key, re.compile(r[key]))
        for key in self._ROLE_SETS:
            setattr(self, key, frozenset(r[key]))
        # the strict variant of the design cue is the one in use
        self.targets_left = re.compile(r["targets_left_strict"], re.I)


@Language.factory("kg_hardware")
def make_hardware(nlp: Language, name: str) -> "HardwareComponent":
    return HardwareComponent(load_registry(), HardwareRules(load_json("hardware_rules.json")))


class HardwareComponent:
    """Appends one hardware :class:`Mention` per canonical name to ``doc._.kg_mentions``."""

    def __init__(self, registry: HardwareRegistry, rules: HardwareRules) -> None:
        self.reg = registry
        self.rules = rules
        # the whole-text scans, and their re.ASCII twins for plain ASCII text (vocab.ascii_twin)
        # registry.pattern (re.I) is not here: it is only for text whose lowercasing changes
        # its length, which plain ASCII text never is, so it needs no twin (_scans_for)
        self._scans = (rules.class_re, registry.pattern_lower, registry.pattern_cs)
        self._scans_ascii = tuple(p if p is None else ascii_twin(p) for p in self._scans)
        self._class_acronym_ascii = ascii_twin(rules.class_acronym_re)
        self._gate = self._word_gate()

    def _word_gate(self) -> WordGate | None:
        """A word gate that passes on every plain ASCII text where one of the scans matches.

        Why: the scans cost ~0.5 ms per abstract, nearly all of it spent proving that an
        abstract names no hardware; the gate (see :mod:`kg.extract.word_gate`) decides that in
        ~0.04 ms and lets the exact scans run on the few texts it passes. None (no gate, the
        scans decide alone) when the class patterns cannot be read as word starts.
        """
        class_starts = pattern_starts(self.rules.class_re)
        if class_starts is None:
            return None
        sequences = self.reg.gate_sequences() + [(s, False) for s in class_starts]
        return WordGate(sequences, leads=self.reg.GATE_LEADS, right=self.reg.GATE_RIGHT)

    # -- pipeline entry -------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        text = doc_ext.doc_text(doc)
        # most abstracts name no hardware: the word gate (plain ASCII text) or three C-level
        # scans decide that before any per-sentence Python work
        starts = None
        if self._gate is not None and plain_ascii(text):
            starts = self._gate.starts(word_text(text))
            if not starts:
                return doc
        if not self._names_hardware(text, starts):
            return doc
        title_end = text.find(TITLE_SEPARATOR)  # every sentence before it is part of the title
        sents = [_Sentence(s, e, text[s:e], i == 0 or s < title_end)
                 for i, (s, e) in enumerate(doc_ext.sentence_bounds(doc))]
        if not sents:
            return doc
        hits = self.find(text, sents, starts)
        if hits:
            mentions = self.to_mentions(hits, text, sents)
            doc_ext.mentions(doc).extend(mentions)
            # every occurrence, for kg_claims to tie a number to the hardware in its sentence
            roles = {m.name: m.role for m in mentions}
            doc.user_data[HARDWARE_SPANS_KEY] = [
                (h.start, h.end, h.name, roles.get(h.name, h.role), h.kind) for h in hits]
        return doc

    def _scans_for(self, text: str) -> tuple[list[tuple[re.Pattern[str], str]], re.Pattern[str]]:
        """(product pattern, haystack) pairs and the class pattern for ``text``.

        The ASCII twins on plain ASCII text; the lowercase-keyed trie on lowered text when
        lowering keeps every offset, the re.I trie on the text otherwise.
        """
        if plain_ascii(text):
            class_re, pattern_lower, pattern_cs = self._scans_ascii
        else:
            class_re, pattern_lower, pattern_cs = self._scans
        lowered = text.lower()
        scans = [(pattern_lower, lowered) if len(lowered) == len(text) else (self.reg.pattern, text)]
        if pattern_cs is not None:
            scans.append((pattern_cs, text))
        return scans, class_re

    def _names_hardware(self, text: str, starts: list[int] | None) -> bool:
        """Whether the class pattern or a product pattern matches in ``text`` (anywhere, or
        at one of ``starts`` when the word gate gave them)."""
        scans, class_re = self._scans_for(text)
        for pattern, haystack in [(class_re, text), *scans]:
            if starts is None:
                if pattern.search(haystack) is not None:
                    return True
            elif any(pattern.match(haystack, q) is not None for q in starts):
                return True
        return False

    # -- finding ----------------------------------------------------------------------------------
    def find(self, text: str, sents: list[_Sentence], starts: list[int] | None = None) -> list[_Hit]:
        """All product and class occurrences, overlaps resolved (longest, products first).

        ``starts``, when given, holds every offset where a name can start (the word gate's);
        the scans then try those offsets only.
        """
        cands: list[_Hit] = []
        scans, class_re = self._scans_for(text)
        for pat, haystack in scans:
            for m in _finditer(pat, haystack, starts):
                hit = self._product_hit(m, text, sents)
                if hit is not None:
                    cands.append(hit)
        products = _non_overlapping(cands)
        taken = [(h.start, h.end) for h in products]
        acronym_re = self._class_acronym_ascii if plain_ascii(text) else self.rules.class_acronym_re
        classes = [h for h in self._class_hits(text, _finditer(class_re, text, starts), acronym_re)
                   if not _overlaps(h, taken)]
        classes += self._class_in_products(text, products, acronym_re)
        return sorted(products + classes, key=lambda h: h.start)

    def _product_hit(self, m: re.Match[str], text: str, sents: list[_Sentence]) -> _Hit | None:
        start, end = m.start(1), m.end(1)
        written = text[start:end]
        entry = self.reg.lookup_match(written)
        if entry is None:
            return None
        if self.rules.product_reject_right.match(text, end):
            return None
        if _ARTICLE_NUMBER.fullmatch(written):
            return None  # "a 40-language corpus", "a 100-fold": the article and a number, not A40 / A100
        info = self.reg.get(entry.canonical)
        if entry.needs_context:
            # a bare "4090", "T4", "Hopper" is written as a name: no inner space ("a 2"),
            # not shouted ("PASCAL VOC")
            if " " in written or (written.isupper() and len(written) > 3) or written[0].islower():
                return None
            if _RESOLUTION_LEFT.search(text, max(0, start - 8), start):
                return None  # "1920x1080": a frame size, not a GTX 1080
            sent = _sentence_at(sents, start)
            ctx = self.reg.contexts.get(info.hw_class if info else "GPU")
            around = sent.text[: start - sent.start] + " " + sent.text[end - sent.start:]
            if ctx is None or not ctx.search(around):
                return None
        # the mention is the shortest exact name: drop a vendor prefix when the rest names it
        vendor = self.reg.vendor_of_prefix(written)
        if vendor is not None:
            rest = written.split(None, 1)[1]
            e2 = self.reg.lookup_match(rest)
            if e2 is not None and e2.canonical == entry.canonical and not e2.needs_context:
                start = end - len(rest) if written.endswith(rest) else start
                written = text[start:end]
        if written.endswith("'s"):
            written, end = written[:-2], end - 2
        return _Hit(entry.canonical, start, end, written, "alias", "product")

    def _class_in_products(self, text: str, products: list[_Hit], acronym_re: re.Pattern[str]) -> list[_Hit]:
        """A class word written inside a product alias ("Ascend NPUs") names the class too."""
        out: list[_Hit] = []
        for p in products:
            info = self.reg.get(p.name)
            if info is None:
                continue
            for m in acronym_re.finditer(text, p.start, min(len(text), p.end + 1)):
                cls = self.rules.acr_group[m.lastgroup or ""]
                if cls == info.hw_class and m.start() > p.start:
                    out.append(_Hit(cls, m.start(), m.end(), m.group(0), "class", "class"))
        return out

    def _class_hits(self, text: str, matches: Iterable[re.Match[str]], acronym_re: re.Pattern[str]) -> list[_Hit]:
        """Device-class words, from the class pattern's ``matches`` in ``text``."""
        rules = self.rules
        redefined = {cls for cls, (paren, lf) in rules.acronyms.items() if self._redefined(text, paren, lf)}
        out: list[_Hit] = []
        for m in matches:
            g = m.lastgroup
            if g is None:
                continue
            cls = rules.group_class[g]
            s, e = m.start(), m.end()
            written = m.group(0)
            acr = rules.acronym_of.get(cls)
            is_acr = acr is not None and written.rstrip("s").upper() == acr.upper()
            if is_acr and (cls in redefined or not self._compound_ok(text, e)):
                continue
            if cls in rules.agent_classes and rules.agent_text.search(written) and not rules.agent_context.search(text):
                continue  # a "mobile agent" that is a robot or a vehicle: no phone, app or GUI in the text
            out.append(_Hit(cls, s, e, written, "class", "class"))
            if cls in ("mobile device", "edge device"):
                # "mobile GPU" also names the class word GPU
                for am in acronym_re.finditer(written):
                    acls = rules.acr_group[am.lastgroup or ""]
                    if acls not in redefined:
                        out.append(_Hit(acls, s + am.start(), s + am.end(), am.group(0), "class", "class"))
        return out

    @staticmethod
    def _redefined(text: str, paren: re.Pattern[str], long_form: re.Pattern[str] | None) -> bool:
        """True when the paper defines the acronym as something else: "Dynamic ... (DSP)"."""
        for m in paren.finditer(text):
            before = text[max(0, m.start() - 80): m.start()]
            if long_form is None or not long_form.search(before):
                if len(re.findall(r"[A-Za-z][\w-]*", before)) >= 2 and _initials_spell(before, m.group(0)):
                    return True
        return False

    def _compound_ok(self, text: str, end: int) -> bool:
        """``GPU-based`` and ``CPU-GPU`` are hardware; ``PIM-GPT`` is a method name."""
        if end >= len(text) or text[end] != "-":
            return True
        m = re.match(r"-([A-Za-z0-9]+)", text[end:])
        if not m:
            return True
        word = m.group(1)
        if word.lower() in self.rules.ok_suffix:
            return True
        return not (word[0].isupper() or word[0].isdigit())

    # -- roles and output ------------------------------------------------------------------------
    def to_mentions(self, hits: list[_Hit], text: str, sents: list[_Sentence]) -> list[Mention]:
        title = _title(sents)
        analysis_paper = bool(self.rules.title_eval.search(title.text))
        survey_paper = bool(self.rules.survey_title.search(title.text))
        # the paper's own system, named before the title's colon ("DistServe: ..."), is own work too
        tm = self.rules.title_name.match(title.text)
        own_name = re.compile(r"\b" + re.escape(tm.group(1)) + r"\b") if tm else None
        if own_name is None and (pm := self.rules.title_own_paren.search(title.text)):
            own_name = re.compile(r"\b" + re.escape(pm.group(1)) + r"\b")  # "JD Oxygen ... (Oxygen AIIC) V1"
        contrib = self._mark_own_region(sents)
        prev: _Hit | None = None
        for h in hits:
            sent = _sentence_at(sents, h.start)
            if prev is not None and not text[prev.end:h.start].strip():
                h.quantity = prev.quantity  # "4 A100 GPUs": the class word shares the count
            else:
                h.quantity = self._quantity(text, h, sent, prev.end if prev else 0)
            h.on_device = self._is_on_device(h)
            # one noun phrase, one role: "NVIDIA Hopper GPUs", "mobile CPUs", "on mobile GPUs",
            # "Jetson Orin NX 16GB edge device"; the stronger role of the two wins
            if prev is not None and (h.start < prev.end or self.rules.np_gap.fullmatch(text, prev.end, h.start)):
                h.role, h.why = self._role(h, sent, analysis_paper, own_name)
                if ROLE_PRIORITY.index(prev.role) <= ROLE_PRIORITY.index(h.role):
                    h.role, h.why = prev.role, prev.why
                else:
                    prev.role, prev.why = h.role, h.why
                h.on_device = prev.on_device = h.on_device or prev.on_device
                h.np_with = prev.name
            # items of one list ("on GPU, mobile GPU and ARM CPU") share the first item's role
            elif prev is not None and sent.start <= prev.start and \
                    self.rules.list_connector.match(text[prev.end:h.start]):
                h.role, h.why = prev.role, "list"
                h.on_device = h.on_device or prev.on_device
            else:
                h.role, h.why = self._role(h, sent, analysis_paper, own_name)
            prev = h
        if not analysis_paper:
            if self.rules.device_title.search(title.text):
                self._device_title(hits)
            self._deployment_motivation(hits, sents, own_name)
            if not survey_paper:
                self._addressed_constraint(hits, sents, contrib)
            self._device_paper(hits)
            self._device_goal(hits, sents, own_name)
            self._device_from_product(hits)
            self._deployed_class(hits, sents)
            self._title_kind(hits, text, title)
        entities: dict[str, _Entity] = {}
        for h in hits:
            entities.setdefault(h.name, _Entity(h.name)).hits.append(h)
        self._merge_families(entities)
        self._propagate_targets(entities, text, sents)
        ent_role = {n: min((h.role for h in e.hits), key=ROLE_PRIORITY.index) for n, e in entities.items()}
        for h in hits:
            if h.np_with and h.np_with in ent_role and \
                    ROLE_PRIORITY.index(ent_role[h.np_with]) < ROLE_PRIORITY.index(h.role):
                h.role, h.why = ent_role[h.np_with], "np"
        out = []
        for ent in entities.values():
            first = ent.hits[0]
            role = min((h.role for h in ent.hits), key=ROLE_PRIORITY.index)
            if analysis_paper and role == "targets" and not (
                    ent.name in self.rules.deployment_classes
                    and all(h.why in ("targets_cue", "list", "agent") for h in ent.hits if h.role == "targets")) \
                    and not any(h.role == "targets" and h.why == "targets_cue"
                                and self.rules.purpose_clause.search(_sentence_at(sents, h.start).text)
                                for h in ent.hits):
                # an analysis paper measures on hardware; a deployment class it only designs
                # for ("insights for deploying models on mobile platforms") stays targeted, and
                # so does the platform its study is for ("To enable deployment on consumer-grade
                # GPUs, we conduct a systematic comparison ...")
                role = "evaluated_on"
            if survey_paper and role in ("targets", "evaluated_on"):
                role = "mentioned"  # a survey neither designs for nor measures on hardware
            info = self.reg.get(ent.name)
            shortest = min((h for h in ent.hits if h.text), key=lambda h: (len(h.text), h.start)).text
            mention_hit = next((h for h in ent.hits if h.text == shortest), first)
            sent = _sentence_at(sents, mention_hit.start)
            qty = next((h.quantity for h in ent.hits if h.quantity), None)
            attrs: dict[str, Any] = {
                "vendor": info.vendor if info else None,
                "hw_class": info.hw_class if info else ent.name,
                "generation": info.generation if info and info.kind == "product" else None,
                "quantity": qty,
                "broader": self.reg.broader_chain(ent.name),
            }
            decisive = next(h for h in ent.hits if h.role == role) if any(h.role == role for h in ent.hits) else first
            out.append(Mention(
                type="hardware", name=ent.name, role=role, text=shortest,
                evidence=Evidence(sent.text, mention_hit.start, mention_hit.end,
                                  f"kg_hardware.{first.rule}.{decisive.role}",
                                  0.95 if first.kind == "product" else 0.85),
                aliases=tuple(dict.fromkeys(h.text for h in ent.hits if h.text != shortest)),
                attrs=attrs))
        return out

    def _class_of(self, h: _Hit) -> str | None:
        info = self.reg.get(h.name)
        return info.hw_class if info is not None else None

    def _general_purpose(self, h: _Hit) -> bool:
        """Whether ``h`` is a general-purpose processor (``measured_classes``: GPU, CPU) or a
        product of one: a platform a general method is measured on, not one it is designed as."""
        return (self._class_of(h) or h.name) in self.rules.measured_classes

    def _is_on_device(self, h: _Hit) -> bool:
        r = self.rules
        if h.name in r.on_device_classes:
            return True
        info = self.reg.get(h.name)
        if info is None or info.kind != "product":
            return False
        return info.hw_class in r.on_device_classes or bool(r.on_device_products.search(h.name))

    def _mark_own_region(self, sents: list[_Sentence]) -> int | None:
        """Marks the sentences after the paper's first contribution sentence as its own work.

        An abstract runs motivation -> contribution ("We propose X") -> description and results;
        the description sentences often name no "we"/"our" ("At the system level, the framework
        shards Gaussians across GPUs"), yet they describe the paper's own system. Returns the
        index of the contribution sentence (None when there is none).
        """
        r = self.rules
        contrib = next((i for i, s in enumerate(sents) if i > 0 and r.contribution.search(s.text)), None)
        # "This study evaluates ..." opens the own region too, but is no contribution (design) sentence
        first = next((i for i, s in enumerate(sents) if i > 0 and (
            r.contribution.search(s.text) or r.study_opener.search(s.text))), None)
        if first is not None:
            for s in sents[first + 1:]:
                s.own_region = True
        return contrib

    def _addressed_constraint(self, hits: list[_Hit], sents: list[_Sentence], contrib: int | None) -> None:
        """A platform named as the constraint the paper's contribution addresses is its target.

        "... limited computational resources on edge devices. [Existing methods ...] To address
        these limitations, we propose X": the motivation names the platform the method is built
        for (the guideline's "a model built for phones" is ``targets``). It holds when the
        motivation sentence states a constraint there and the contribution sentence answers it
        (next sentence, an "To address ..." opener, or only background sentences in between).
        Deployment classes (edge / mobile device, microcontroller) need a constraint cue just before;
        compute classes (GPU, CPU ...) only an execution-efficiency one ("GPU inefficiency",
        "hinder execution across multiple GPUs"), not a resource demand ("GPU memory usage").
        """
        if contrib is None:
            return
        r = self.rules
        cand = [h for h in hits if h.role == "mentioned" and h.why in r.addressed_from_rules]
        if not cand:
            return
        answer = r.addressed_opener.match(sents[contrib].text) is not None
        for h in cand:
            sent = _sentence_at(sents, h.start)
            i = sents.index(sent)
            if i == 0 or i >= contrib:
                continue
            gap = sents[i + 1: contrib]
            adjacent = all(r.mentioned_sentence.match(s.text) or r.generic_sentence.search(s.text) for s in gap)
            if not (answer or adjacent):
                continue
            rel = h.start - sent.start
            left = sent.text[max(0, rel - _LEFT_WINDOW): rel]
            right = sent.text[h.end - sent.start: h.end - sent.start + _RIGHT_WINDOW]
            blocked = r.blocked_deployment.search(sent.text) is not None
            if blocked and not ((answer or r.efficient_answer.search(sents[contrib].text)) and adjacent
                                and h.name in r.deployment_classes and r.device_constraint.search(sent.text)):
                # "... hinders their deployment on edge devices": a motivation (see
                # _deployment_motivation), unless it names the device's resource limits and the
                # next own sentence answers it ("To address this, we propose ..."): the
                # constrained device is then what the method is built for
                continue
            if h.name in r.deployment_classes:
                # a blocked deployment is itself the constraint ("deploying SSMs to edge devices
                # is challenging due to ..."); otherwise a constraint cue must come just before
                ok = blocked or bool(r.constraint_left.search(left))
            else:
                ok = bool(r.execution_left.search(left) or r.execution_right.match(right))
            if ok:
                h.role, h.why = "targets", "addressed"

    def _device_title(self, hits: list[_Hit]) -> None:
        """A deployment-flavoured title ("On-Device ...", "Edge-AI", "... IoT") with no device word.

        The paper is built for the deployment classes it names anywhere in the abstract, so
        their uncompared, unnegated mentions become ``targets`` (a strong rule, so the devices it
        is measured on follow through :meth:`_device_paper`).
        """
        for h in hits:
            if h.name in self.rules.deployment_classes and h.role in ("targets", "evaluated_on", "mentioned") \
                    and h.why not in ("negated", "context", "mentioned_cue"):
                h.role, h.why = "targets", "title"  # a weak "targets" (fallback) becomes a strong one

    def _deployment_motivation(self, hits: list[_Hit], sents: list[_Sentence],
                               own_name: re.Pattern[str] | None) -> None:
        """A motivation ("... hinders deployment on edge devices") is the paper's target only
        when the paper's own work says it deploys there ("to deliver the on-device benefits",
        "we deploy the compressed models on Jetson Orin Nano")."""
        r = self.rules

        def motivation(h: _Hit) -> bool:
            # "too large for deployment in constrained environments such as edge devices": the
            # example cue does not make a blocked-deployment motivation a mere example
            return h.name in r.deployment_classes and (h.why == "motivation" or (
                h.why == "mentioned_cue" and r.blocked_deployment.search(_sentence_at(sents, h.start).text) is not None))

        motives = [h for h in hits if motivation(h)]
        if not motives:
            return
        own_deploys = any(
            (r.own_work.search(s.text) or (own_name is not None and own_name.search(s.text)))
            and not r.blocked_deployment.search(s.text) and r.deployment_own.search(s.text)
            for s in sents[1:])
        # an example of the blocked setting ("... such as edge devices") needs a named board the
        # paper deploys on ("we deploy ... on Jetson Orin Nano"); "on-device settings such as
        # mobile assistants" in a paper that deploys at the edge stays an example
        own_boards = any(
            (r.own_work.search(s.text) or (own_name is not None and own_name.search(s.text)))
            and not r.blocked_deployment.search(s.text) and r.on_device_products.search(s.text)
            for s in sents[1:])
        for h in motives:
            if own_boards or (own_deploys and h.why == "motivation"):
                h.role, h.why = "targets", "targets_cue"

    def _device_paper(self, hits: list[_Hit]) -> None:
        """A model built for phones / edge devices targets the devices it runs on.

        When a deployment class (``mobile device``, ``edge device``, ``microcontroller``) is
        targeted by the title or an explicit design cue, every on-device platform the paper
        measures on or lists (mobile CPUs, DSPs, Pixel EdgeTPU, Jetson ...) is ``targets`` too.
        A server GPU used for training is not on-device and keeps its role; baselines stay.
        """
        r = self.rules
        if not any(h.name in r.deployment_classes and h.role == "targets" and h.why in r.strong_target_rules
                   for h in hits):
            return
        for h in hits:
            if h.on_device and h.role in ("evaluated_on", "mentioned") \
                    and not (h.name in r.deployment_classes and h.why == "mentioned_cue"):
                # "on-device settings such as mobile assistants": another deployment class given
                # only as an example stays mentioned
                h.role, h.why = "targets", "device_paper"

    def _device_goal(self, hits: list[_Hit], sents: list[_Sentence], own_name: re.Pattern[str] | None) -> None:
        """A paper whose title or own sentence states an on-device deployment goal with no device
        class word ("optimized for embedded deployment", "deploying SOD on resource-constrained
        devices") targets the on-device products it is measured on (the guideline: "a model built
        for phones" is ``targets`` even when measured there). Server hardware and baselines keep
        their roles."""
        r = self.rules
        cand = [h for h in hits if h.kind == "product" and h.on_device and h.role == "evaluated_on"]
        if not cand:
            return
        goal = any(r.device_goal.search(s.text) and (
            s.is_title or r.own_work.search(s.text) or (own_name is not None and own_name.search(s.text))
            or (s.own_region and not r.mentioned_sentence.match(s.text))) for s in sents)
        if goal:
            for h in cand:
                h.role, h.why = "targets", "device_goal"

    def _device_from_product(self, hits: list[_Hit]) -> None:
        """A paper built for a named on-device product (Jetson, Snapdragon ...) targets its class.

        "enables training on NVIDIA Jetson AGX Xavier" (a strong design cue) makes the paper's
        uncompared, unnegated ``edge device`` / ``mobile device`` mentions ``targets`` too.
        """
        r = self.rules
        if not any(h.kind == "product" and h.on_device and h.role == "targets" and h.why in r.strong_target_rules
                   for h in hits):
            return
        for h in hits:
            if h.name in r.deployment_classes and h.role in ("evaluated_on", "mentioned") \
                    and h.why not in ("negated", "context", "generic", "compared"):
                h.role, h.why = "targets", "device_paper"

    def _title_kind(self, hits: list[_Hit], text: str, title: _Sentence) -> None:
        """A product described by a kind of hardware the title names is what the paper is built for.

        "End-to-End ... Recognition with Neuromorphic Computing" ... "we evaluate our model on a
        KA200 neuromorphic chip": the model is designed for neuromorphic hardware, and the chip
        of that kind it runs on is its target even though it is measured there (the guideline's
        "an NPU design ... targets even when speedups are measured on that hardware"). Only kinds
        with no device class of their own (``hardware_kind``: neuromorphic, photonic ...), named
        right next to the product; baselines and negated mentions keep their roles.
        """
        r = self.rules
        title_kind = r.hardware_kind.search(title.text)
        if title_kind is None:
            return
        # the first 6 letters, as a stem: "memristive" and "memristor-based", "analog in-memory"
        # and "analogue in-memory" are one kind
        kind = title_kind.group(0).lower()[:6]
        for h in hits:
            if h.kind != "product" or h.role != "evaluated_on":
                continue
            near = r.hardware_kind.search(text, h.end, min(len(text), h.end + 20)) \
                or r.hardware_kind.search(text, max(0, h.start - 25), h.start)
            if near is not None and near.group(0).lower()[:6] == kind:
                h.role, h.why = "targets", "title_kind"

    def _deployed_class(self, hits: list[_Hit], sents: list[_Sentence]) -> None:
        """A deployment class the paper's own model is measured on is what the model is built for.

        "3x faster inference on edge devices ..., enabling practical deployment": the guideline's
        "a model built for phones targets even when it is measured there". Edge devices and
        microcontrollers (``deployed_when_measured``) always; a mobile device only when a deploy
        cue is in its sentence or in an own purpose clause ("To facilitate deployment ..., we
        compress ..."), since a phone is also a plain measuring platform ("latency on a Pixel
        phone"). Called for non-analysis papers only: a benchmark measures on edge devices.
        """
        r = self.rules
        purpose = any(r.purpose_clause.search(s.text) for s in sents[1:])
        for h in hits:
            if h.role != "evaluated_on" or h.name not in r.deployment_classes:
                continue
            if h.name in r.deployed_when_measured or purpose \
                    or r.deployment_purpose.search(_sentence_at(sents, h.start).text):
                h.role, h.why = "targets", "deployed"

    def _propagate_targets(self, entities: dict[str, _Entity], text: str, sents: list[_Sentence]) -> None:
        """A paper that designs for a device class targets the products of that class it runs on.

        The guideline: an FPGA accelerator, GPU kernels, an NPU design are ``targets`` even when
        speedups are measured on that hardware. So when the class is targeted by an explicit
        design cue (title or ``designed for`` / ``kernels`` ...), products of the class that are
        only ``evaluated_on`` become ``targets``; baselines (``compared_against``) stay.
        A general-purpose processor (``measured_classes``: GPU, CPU) named only as the platform
        of an experiment ("Experiments ... on three GPU architectures (T4, V100, A800)") or of a
        timing ("in 3 seconds on RTX4090") stays ``evaluated_on``: a GPU method is designed for
        GPUs in general, the product is where it was measured.
        """
        strong = {name for name, ent in entities.items()
                  if any(h.role == "targets" and h.why in self.rules.strong_target_rules for h in ent.hits)}
        if not strong:
            return
        for ent in entities.values():
            info = self.reg.get(ent.name)
            if info is None or info.kind != "product" or info.hw_class not in strong:
                continue
            for h in ent.hits:
                if h.role == "evaluated_on" and not (
                        info.hw_class in self.rules.measured_classes and self._measured_here(h, text, sents)):
                    h.role, h.why = "targets", "class_targeted"

    def _measured_here(self, h: _Hit, text: str, sents: list[_Sentence]) -> bool:
        """Whether ``h`` is named as the platform of an experiment or of a timed figure."""
        r = self.rules
        sent = _sentence_at(sents, h.start)
        return bool(r.evaluation_words.search(sent.text)
                    or r.timed_left.search(text, max(sent.start, h.start - _LEFT_WINDOW), h.start))

    def _merge_families(self, entities: dict[str, _Entity]) -> None:
        """A family head (``Google Pixel EdgeTPU``) folds into the one member named with it."""
        for name in list(entities):
            info = self.reg.get(name)
            if info is None or info.kind != "product":
                continue
            members = [n for n in entities if n != name and (m := self.reg.get(n)) is not None
                       and m.family == name and m.kind == "product"]
            if len(members) == 1:
                entities[members[0]].hits = sorted(entities[members[0]].hits + entities.pop(name).hits,
                                                   key=lambda h: h.start)

    def _quantity(self, text: str, h: _Hit, sent: _Sentence, floor: int = 0) -> int | None:
        left = text[max(sent.start, h.start - 30, floor): h.start]
        m = self.rules.quantity_left.search(left)
        if not m:
            return None
        raw = (m.group("num") or m.group("num2") or "").lower()
        if raw in self.rules.number_words:
            return self.rules.number_words[raw]
        try:
            n = int(raw.replace(",", ""))
        except ValueError:
            return None
        if m.group("num2") and 1950 <= n <= 2100 and "," not in raw and \
                re.search(r"\b(?:in|since|from|by|of|until|year)\s*$", left[: m.start()]):
            return None  # "in 2023 GPUs ...": a year, not a count
        return n if n > 0 else None

    def _role(self, h: _Hit, sent: _Sentence, analysis_paper: bool,
              own_name: re.Pattern[str] | None = None) -> tuple[str, str]:
        """Sentence-level role of one occurrence; the first signal that applies decides.

        0. an agent built to operate the device ("Mobile Agents", "smartphone GUI agents",
           "GUI models on mobile devices") -> ``targets``, in a benchmark paper too;
        1. not a platform of the paper: the data's source ("smartphone photos", "images captured
           by handheld mobile devices"), a negation ("without a dedicated GPU", "GPU-free"), the
           start of a range ("from GPUs to phones") -> ``mentioned``; a negation cancels even a
           title mention;
        2. the title names it -> ``targets`` (``evaluated_on`` in an analysis/benchmark paper);
        3. a comparison cue makes it the baseline's platform -> ``compared_against``;
        4. a measurement of the paper's own work ("experiments on", "49 FPS on", "real-time CPU
           performance", "GPU memory reduced by 40%") -> ``evaluated_on``;
        5. a design cue ("designed for", "deploy on", "implemented on", "GPU kernels",
           "maximising GPU utilisation") -> ``targets`` in a sentence about the paper's own work,
           ``mentioned`` in a background or motivation sentence ("... hinders deployment on edge
           devices");
        6. the platform of the paper's own quantitative results ("30 fps on one RTX 4090",
           "trained on 8 GPUs") -> ``evaluated_on``;
        7. otherwise ``mentioned`` (background, examples, resources).
        Paper-level passes in :meth:`to_mentions` then spread a design target to the devices
        the paper runs on.
        """
        r = self.rules
        rel = h.start - sent.start
        left = sent.text[max(0, rel - _LEFT_WINDOW): rel]
        right = sent.text[h.end - sent.start: h.end - sent.start + _RIGHT_WINDOW]
        if r.lead_preposition.match(h.text):
            left += h.text.split(None, 1)[0] + " "  # "enabling rendering [on mobile] GPUs": the cue needs its "on"
        if h.kind == "product" and (head := r.np_head_right.match(right)):
            right = right[head.end():]  # "59.4K H100 GPU hours": the product's NP goes on to "hours"
        # 0. an agent built to operate the device ("Mobile Agents", "smartphone GUI agents",
        # "agents to operate mobile devices") targets it, in a benchmark too ("a model built for phones")
        if h.name in r.agent_classes and not r.negated_left.search(left) and (
                r.agent_text.search(h.text) or r.agent_right.match(right) or r.agent_left.search(left)):
            return "targets", "agent"
        # 1. not a platform
        if h.name in r.context_classes and (r.context_right.match(right) or r.context_left.search(left)):
            return "mentioned", "context"
        if r.negated_left.search(left) or r.negated_right.match(right) \
                or (r.removal_left.search(left) and r.need_right.match(right)):
            return "mentioned", "negated"
        if r.range_from_left.search(left) and r.range_to_right.match(right):
            return "mentioned", "range"
        # 2. title
        if sent.is_title:
            return ("evaluated_on" if analysis_paper else "targets"), "title"
        own = bool(r.own_work.search(sent.text) or (own_name is not None and own_name.search(sent.text))
                   or (sent.own_region and not r.mentioned_sentence.match(sent.text)))
        background = bool(r.mentioned_sentence.match(sent.text)) or not own
        # 3. comparison: "over GPUs"; not "over the baseline on GPUs", unless it compares with
        # running on that platform ("compared to running on a 3090")
        cm = r.compared_left.search(left)
        if cm and (not r.compared_blockers.search(left[cm.end("cue"):])
                   or r.compared_running.match(left[cm.end("cue"):])) \
                or r.compared_right.match(right):
            return "compared_against", "compared"
        # background examples and generic statements are never the paper's platform
        if not own and r.generic_sentence.search(sent.text):
            return "mentioned", "generic"
        if r.prospect_left.search(left):
            return "mentioned", "prospect"  # "These results pave the way for GPU-based optimization"
        if r.mentioned_left.search(left) and background and not r.results.search(sent.text) \
                and not r.evaluation_words.search(sent.text):
            return "mentioned", "mentioned_cue"
        # 4. a measurement of the paper's own work
        tl = r.targets_left.search(left)
        tr = None if tl else r.targets_right.match(right)
        if r.realtime_left.search(left) and r.performance_right.match(right):
            return "evaluated_on", "evaluated_cue"
        if r.evaluation_context_left.search(left) and not tl:
            return "evaluated_on", "evaluated_cue"
        if (tl and r.measured_between.search(tl.group(0))) or \
                (tr and r.performance_right.match(right) and r.measured_between.search(right[:40])):
            return "evaluated_on", "evaluated_cue"  # "49 FPS animation on a single A100"
        if tr and r.performance_right.match(right) and r.measured_between.search(left[-40:]):
            return "evaluated_on", "evaluated_cue"  # "a 2-5x speed-up on CPU inference": a measured figure
        if (tl or tr) and r.timed_right.match(right) and self._general_purpose(h):
            # "enabling optimization of the module on GPUs with 16GB memory in 8 hours": a timed run
            # on a GPU or CPU (an FPGA or NPU implementation timed there is still its design)
            return "evaluated_on", "evaluated_cue"
        if r.resource_right.match(right) and not r.resource_keep_left.search(left) \
                and not (r.efficiency_left.search(left) and r.efficiency_right.match(right)):
            # "GPU memory", "GPU hours": a resource measured (own result) or discussed
            # ("we invested over 12,000 GPU-days": the paper's own compute, counted)
            measured = r.measured.search(sent.text) or (h.quantity and own and not background)
            return ("evaluated_on" if measured else "mentioned"), "resource"
        # 5. a design cue
        if r.efficiency_left.search(left) and r.efficiency_right.match(right):
            return "targets", "targets_cue"  # "maximizing GPU throughput": the contribution is its efficiency
        if tl or tr:
            if not own and (r.mentioned_sentence.match(sent.text) or r.blocked_deployment.search(sent.text)):
                return "mentioned", "motivation"  # "..., which hinders their deployment on edge devices"
            return "targets", "targets_cue"
        if own and r.runs_on_left.search(left) and not (r.evaluation_words.search(sent.text)
                                                         or r.study_opener.search(sent.text)):
            # "the full framework operates on a single consumer-grade GPU": built to run there
            return "targets", "runs_on"
        if r.distributed_left.search(left):
            # "multi-GPU compression", "cross-GPU exchange": execution spread over devices is
            # designed for them (not a strong rule: the products it is timed on keep their role)
            return "targets", "distributed"
        # the paper's own contribution sentence names it, with no measured figure
        if r.contribution.search(sent.text) and not (r.results_numeric.search(sent.text)
                                                     or r.measured.search(sent.text)
                                                     or r.evaluation_words.search(sent.text)):
            return "targets", "contribution"
        # 6. the platform of own quantitative results ("on the high-bandwidth H200": a named
        # product's lower-case hyphenated modifiers are skipped)
        ev_left = left
        if h.kind == "product" and (pm := r.product_modifiers_left.search(left)):
            ev_left = left[: pm.start()]
        if (h.quantity or r.evaluated_left.search(ev_left)) \
                and (r.evaluated_sentence.search(sent.text) or r.results_numeric.search(sent.text)) \
                and (own or r.results_numeric.search(sent.text)):
            return "evaluated_on", "evaluated_cue"
        # 7. everything else
        if background:
            return "mentioned", ("mentioned_cue" if r.mentioned_left.search(left) else "background")
        # the paper's own sentence: its results or training run there, else its design does
        measured = r.results.search(sent.text) or r.trained_sentence.search(sent.text)
        return ("evaluated_on" if measured else "targets"), "fallback"


#: The first side of a frame size ("1920x1080", "1920 × 1080") just before a bare number.
_RESOLUTION_LEFT = re.compile(r"\d\s*[x×*]\s*$")
#: A lowercase one-letter word and a number ("a 40"): an article, never a product name.
_ARTICLE_NUMBER = re.compile(r"[a-z]\s+\d+")


def _initials_spell(before: str, paren: str) -> bool:
    """Whether the words just before "(DSP)" can be its long form: the acronym's letters are,
    in order, initials of those words ("Dynamic Sequence Parallelism (DSP)"). "19.25 FPS (CPU)"
    labels a measurement with its platform and defines nothing."""
    acr = re.sub(r"[^A-Za-z]|s(?=\s*\)$)", "", paren).lower()
    words = re.findall(r"[A-Za-z][A-Za-z0-9]*", before)[-(len(acr) + 3):]
    initials = iter(w[0].lower() for w in words)
    return all(ch in initials for ch in acr)


def _finditer(pattern: re.Pattern[str], string: str, starts: list[int] | None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(string)``, trying only ``starts`` when given (see word_gate.finditer_at)."""
    return pattern.finditer(string) if starts is None else finditer_at(pattern, string, starts)


def _title(sents: list[_Sentence]) -> _Sentence:
    """The whole title as one sentence. Why: a question title ("When Does X Help?
    Characterizing Y") is split into two sentences, and the title cues (analysis paper, own
    name, device words) must read all of it."""
    parts = [s for s in sents if s.is_title]
    if len(parts) <= 1:
        return sents[0]
    return _Sentence(parts[0].start, parts[-1].end, " ".join(s.text.strip() for s in parts), True)


def _sentence_at(sents: list[_Sentence], pos: int) -> _Sentence:
    for s in sents:
        if s.start <= pos < s.end:
            return s
    return sents[-1]


def _overlaps(h: _Hit, spans: list[tuple[int, int]]) -> bool:
    return any(h.start < e and s < h.end for s, e in spans)


def _non_overlapping(hits: list[_Hit]) -> list[_Hit]:
    """Longest-first, leftmost-first selection of non-overlapping hits."""
    out: list[_Hit] = []
    spans: list[tuple[int, int]] = []
    for h in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if not _overlaps(h, spans):
            out.append(h)
            spans.append((h.start, h.end))
    return sorted(out, key=lambda h: h.start)
