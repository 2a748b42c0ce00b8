"""Finds dataset and method names in a paper and decides one type and role per name.

Why one shared analysis for two components: a name is a dataset *or* a method, never both,
and the evidence for either (``the X dataset``, ``outperforms X``) is the same scan of the
same sentences. ``kg_datasets`` runs the scan and caches it on the Doc; ``kg_methods`` reuses
the cached result (or runs the scan itself when ``kg_datasets`` is not in the pipeline).

Why regexes over the text instead of token patterns: spaCy's English tokenizer splits names
unevenly (``ImageNet-1K`` -> ``ImageNet-1`` ``K``; ``BAE-Net`` -> ``BAE`` ``-`` ``Net``), so
token-level matching misses versioned and hyphenated names. All patterns are compiled once
per process; the gazetteers are one trie-shaped regex each.

Why the rules rarely scan the whole text themselves: ``re`` tries a pattern that starts with a
look-behind or an alternation of words at every character, ~40-80 ms per 1k abstracts a
pattern, and the rules have some twenty such patterns. One scan per document
(:class:`CueIndex`) finds where their first words (and the gazetteers' names) can start; each
rule's own pattern then runs only there, with the same matches. Pure functions of a word
(``rejected_method_name``, the name shape tests) are memoised, since words recur across
abstracts.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from kg.extract import doc_ext
from kg.extract.vocab import AsciiGuarded, ascii_twin, guarded, load_json, plain_ascii
from kg.model import TITLE_SEPARATOR, Evidence, Mention

_NOT_KEY_RE = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=65536)
def norm_key(s: str) -> str:
    """The key two spellings of a name share (the scorer's normalisation: case, punctuation).
    Cached: the same names are keyed many times per document and across documents."""
    return _NOT_KEY_RE.sub("", s.lower())


def _is_word_or_dash(ch: str) -> bool:
    """``re``'s ``[\\w-]`` for one character (``\\w`` is ``isalnum()`` or ``_`` on str)."""
    return ch == "-" or ch == "_" or ch.isalnum()


def word_spans(text: str, word: str) -> list[tuple[int, int]]:
    """The spans of ``re.finditer(rf"(?<![\\w-]){re.escape(word)}(?![\\w-])", text)``.

    Why not the regex: it is built from a name found in the document, so every call compiled
    a new pattern (``re``'s cache holds 512); ``str.find`` with the two boundary checks gives
    the same non-overlapping leftmost matches without compiling anything.
    """
    n, out = len(word), []
    if not n:
        return [m.span() for m in re.finditer(r"(?<![\w-])(?![\w-])", text)]
    end = len(text)
    i = text.find(word)
    while i >= 0:
        j = i + n
        if (i == 0 or not _is_word_or_dash(text[i - 1])) and (j >= end or not _is_word_or_dash(text[j])):
            out.append((i, j))
            i = text.find(word, j)
        else:
            i = text.find(word, i + 1)
    return out


#: ``lists``: a cue word, one list item, and a whole list (compiled once, not per document).
_LIST_CUE = re.compile(r"(?<![\w-])(?:such as|including|like|e\.g\.,?|namely|on|across|over|than|against|versus|vs\.?|"
                       r"outperform(?:s|ing|ed)?|surpass(?:es|ing|ed)?|beat(?:s|ing)?|compared (?:with|to)|"
                       r"comparison (?:with|to)|over|and|with|from|of|using|to)\s+(?:the\s+|both\s+)?", re.I)
#: The first words of the ``_LIST_CUE`` alternatives, lower case (see :class:`CueIndex`): keep
#: the two in step, a cue missing here is never found.
_LIST_CUE_WORDS = frozenset({
    "such", "including", "like", "e.g.", "namely", "on", "across", "over", "than", "against", "versus", "vs",
    "outperform", "surpass", "beat", "compared", "comparison", "and", "with", "from", "of", "using", "to"})


def _is_word(ch: str) -> bool:
    return ch == "_" or ch.isalnum()


def acronym_uses(text: str, base: str) -> list[tuple[int, str | None]]:
    """(start, group 1) of each ``re.finditer(rf"(?<![\\w-]){re.escape(base)}(s\\b|-[a-z]+\\b)?", text)``,
    found with ``str.find`` instead of a pattern compiled per acronym."""
    n = len(base)
    if not n:
        return [(m.start(), m.group(1)) for m in re.finditer(r"(?<![\w-])(s\b|-[a-z]+\b)?", text)]
    end = len(text)
    out: list[tuple[int, str | None]] = []
    i = text.find(base)
    while i >= 0:
        if i and _is_word_or_dash(text[i - 1]):
            i = text.find(base, i + 1)
            continue
        j = i + n
        suf: str | None = None
        if j < end and text[j] == "s" and (j + 1 == end or not _is_word(text[j + 1])):
            suf = "s"
        elif j + 1 < end and text[j] == "-" and "a" <= text[j + 1] <= "z":
            k = j + 2
            while k < end and "a" <= text[k] <= "z":
                k += 1
            if k == end or not _is_word(text[k]):
                suf = text[j:k]
        out.append((i, suf))
        i = text.find(base, j + len(suf or ""))
    return out


# --------------------------------------------------------------------------------------------
# Vocabularies
# --------------------------------------------------------------------------------------------

def _trie_regex(words: Iterable[str]) -> str:
    """A regex alternation shaped as a trie, so lookup cost grows with name length, not count."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        end = "" in node
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch != ""]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


@dataclass(frozen=True)
class GazEntry:
    name: str
    kind: str  # "dataset" | "method"
    forms: frozenset[str]  # exact written forms
    context: bool
    #: forms naming a model family that the stop list keeps out (U-Net, LSTM, MAE): they count only
    #: where the text uses them as one named model (Scanner.family_use)
    family: frozenset[str] = frozenset()


@dataclass
class Gazetteer:
    """Known names of one kind: a compiled matcher and a lower-cased form -> entry table."""

    kind: str
    regex: re.Pattern[str]
    by_lower: dict[str, GazEntry]
    #: ``regex`` without IGNORECASE, for lower-cased ASCII text (see :func:`ascii_lower`):
    #: the trie holds lower-case forms, and case-sensitive matching is ~2x faster than re.I
    regex_lower: re.Pattern[str] | None = None


_STRIPPED = ("like|based|style|inspired|specific|aware|free|level|compatible|friendly|driven|powered|guided|"
             "generated|sized|scale|only|centric|oriented|enhanced|equipped|derived|family|series|type|format|native|"
             "tuned|adapted|finetuned")


#: Where a letter run meets a digit run, directly or across one hyphen ("YouTube-8M",
#: "CIFAR10"), and where a final version suffix starts ("NYUDv2", "NYUD-V2").
_LETTER_DIGIT_JOIN = re.compile(r"(?<=[A-UW-Za-uw-z])-?(?=\d)|(?<=[A-Za-z])-?(?=[vV]\d+$)")


def hyphen_variants(form: str) -> list[str]:
    """The other spellings of ``form`` with or without a hyphen where letters meet digits or a
    final version suffix: "YouTube-8M" -> "YouTube8M"; "NYUDv2" -> "NYUD-v2"; "CIFAR-10" ->
    "CIFAR10".

    Why: papers write a known name either way ("YouTube8M", "NYUD-V2"), and a gazetteer that
    lists one spelling misses the other; the name is then left to the shape rules, which may
    type it as a method. At most three joins vary (eight spellings), so forms with many digit
    runs do not multiply."""
    joins = list(_LETTER_DIGIT_JOIN.finditer(form))
    if not joins or len(joins) > 3:
        return []
    out: list[str] = []
    for mask in range(1 << len(joins)):
        parts, last = [], 0
        for i, m in enumerate(joins):
            parts += [form[last:m.start()], "-" if mask >> i & 1 else ""]
            last = m.end()
        spelled = "".join(parts) + form[last:]
        if spelled != form:
            out.append(spelled)
    return out


def _load_gazetteer(filename: str, kind: str) -> Gazetteer:
    by_lower: dict[str, GazEntry] = {}
    variants: list[tuple[str, GazEntry]] = []
    for e in load_json(filename)["entries"]:
        forms = frozenset([e["name"], *e.get("aliases", [])])
        fam = e.get("family")
        entry = GazEntry(e["name"], kind, forms, bool(e.get("context")),
                         forms if fam is True else frozenset(fam or ()))
        for f in forms:
            by_lower.setdefault(f.lower(), entry)
            variants += [(v.lower(), entry) for v in hyphen_variants(f)]
    for v, entry in variants:  # after every listed form: a listed spelling always wins
        by_lower.setdefault(v, entry)
    alt = _trie_regex(sorted(by_lower, key=len, reverse=True))
    body = rf"(?<![\w\-/.@])(?:{alt})(?![\w]|-(?!(?:{_STRIPPED})\b)[A-Za-z]{{3,}}|\.\w|\s?[Ss]core)"
    regex = re.compile(body, re.IGNORECASE)
    # Exact on lower-cased ASCII text: every letter of ``body`` outside the case-closed classes
    # ([A-Za-z], [Ss]) is lower case, and no form holds a character that re.I folds onto an
    # ASCII letter (dotted/dotless i, long s, Kelvin sign).
    lower_ok = not any(ch in body for ch in _FOLDS_TO_ASCII) and alt == alt.lower()
    return Gazetteer(kind, regex, by_lower, re.compile(body) if lower_ok else None)


#: Non-ASCII characters that IGNORECASE matches with an ASCII letter.
_FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"


def ascii_lower(text: str) -> str | None:
    """``text.lower()`` when ``text`` is ASCII (same offsets, and re.I on ``text`` equals
    case-sensitive matching of a lower-case pattern on it); None otherwise."""
    return text.lower() if text.isascii() else None


#: Entries a per-vocabulary memo holds before it starts over (bounds memory on huge corpora).
_MEMO_MAX = 1 << 17


@dataclass
class Vocab:
    datasets: Gazetteer
    methods: Gazetteer
    not_method: frozenset[str]
    not_method_lower: frozenset[str]
    task_suffix: frozenset[str]
    keep_suffix: frozenset[str]
    dataset_heads: frozenset[str]
    dataset_name_res: tuple[re.Pattern[str], ...]
    #: ``dataset_name_res`` as one alternation (one ``match`` call instead of one per pattern)
    dataset_name_re: re.Pattern[str]
    method_heads: frozenset[str]
    stop_cap: frozenset[str]
    self_re: re.Pattern[str]
    propose_re: re.Pattern[str]
    introduce_re: re.Pattern[str]
    name_re: re.Pattern[str]
    use_re: re.Pattern[str]
    compare_re: re.Pattern[str]
    background_re: re.Pattern[str]
    list_re: re.Pattern[str]
    dataset_head_re: re.Pattern[str]
    stripped_suffix_re: re.Pattern[str]
    generic_phrases: frozenset[str]
    concept_heads: frozenset[str] = frozenset()
    #: words that, right after an ambiguous known dataset name, make it a modifier of another head
    #: (method heads, concept heads and cues.json dataset_context_not_before)
    dataset_not_before: frozenset[str] = frozenset()
    #: "(TAAD) is a life-threatening cardiovascular emergency": a definition by a concept noun
    copula_concept_re: re.Pattern[str] = re.compile(r"(?!)")
    #: cues.json organisation_names: agencies, funders, venues, companies (not methods unless defined)
    organisations: frozenset[str] = frozenset()
    #: endings of process nouns ("Verification", "Distillation"): cues.json process_endings
    process_endings: tuple[str, ...] = ()
    modifier_heads: frozenset[str] = frozenset()
    dataset_longform_words: frozenset[str] = frozenset()
    metric_after_re: re.Pattern[str] = re.compile(r"(?!)")
    title_nonname_first: frozenset[str] = frozenset()
    appositive_concept_re: re.Pattern[str] = re.compile(r"(?!)")
    appositive_method_re: re.Pattern[str] = re.compile(r"(?!)")
    appositive_dataset_re: re.Pattern[str] = re.compile(r"(?!)")
    #: cues.json evaluation_frameworks: "X, a benchmarking framework" / "X, a platform for ...
    #: evaluation" types X as a benchmark (Scanner.appositive_kind)
    evaluation_frame_heads: frozenset[str] = frozenset()
    evaluation_word_re: re.Pattern[str] = re.compile(r"(?!)")
    evaluation_for_heads: frozenset[str] = frozenset()
    evaluation_any_re: re.Pattern[str] = re.compile(r"(?!)")
    evaluation_for_re: re.Pattern[str] = re.compile(r"(?!)")
    metric_list_re: re.Pattern[str] = re.compile(r"(?!)")
    method_list_re: re.Pattern[str] = re.compile(r"(?!)")
    dataset_on_re: re.Pattern[str] = re.compile(r"(?!)")
    concept_called_re: re.Pattern[str] = re.compile(r"(?!)")
    #: "novel accelerated projected gradient ascent (APGA) algorithms", "..., called depth-aided
    #: low-rank ... (D-LRQMC)": the words right before a long form that name it as the paper's own
    own_long_before_re: re.Pattern[str] = re.compile(r"(?!)")
    named_long_before_re: re.Pattern[str] = re.compile(r"(?!)")
    #: "a sharp reduction in Effective Receptive Field (ERF)": a change of a quantity names it
    quantity_change_before_re: re.Pattern[str] = re.compile(r"(?!)")
    #: "a novel FSS method called I$^2$R": a head noun and a naming verb after a proposal's first word
    head_named_after_re: re.Pattern[str] = re.compile(r"(?!)")
    shape_cues: "ShapeCues | None" = None
    class_suffix_re: re.Pattern[str] = re.compile(r"(?!)")
    class_before_re: re.Pattern[str] = re.compile(r"(?!)")
    class_plural_before_re: re.Pattern[str] = re.compile(r"(?!)")
    class_plural_after_re: re.Pattern[str] = re.compile(r"(?!)")
    concept_long_heads: frozenset[str] = frozenset()
    entity_long_heads: frozenset[str] = frozenset()
    measure_name_heads: frozenset[str] = frozenset()
    submodule_heads_after: frozenset[str] = frozenset()
    eponym_re: re.Pattern[str] = re.compile(r"(?!)")
    eponym_keep_head: frozenset[str] = frozenset()
    category_re: re.Pattern[str] = re.compile(r"(?!)")
    number_on_re: re.Pattern[str] = re.compile(r"(?!)")
    dataset_use_re: re.Pattern[str] = re.compile(r"(?!)")
    dataset_on_not_before_re: re.Pattern[str] = re.compile(r"(?!)")
    suite_of_models_re: re.Pattern[str] = re.compile(r"(?!)")
    concept_head_re: re.Pattern[str] = re.compile(r"(?!)")
    size_variant_re: re.Pattern[str] = re.compile(r"(?!)")
    dataset_next_re: re.Pattern[str] = re.compile(r"(?!)")
    contribution_re: re.Pattern[str] = re.compile(r"(?!)")
    title_task_words: frozenset[str] = frozenset()
    others_propose_re: re.Pattern[str] = re.compile(r"(?!)")
    role_use_before_re: re.Pattern[str] = re.compile(r"(?!)")
    #: capitalised heads a Title Case name keeps ("Shape Extractor Module"): cues.json component_heads_kept
    kept_heads: frozenset[str] = frozenset()
    #: "... a Semantic-Visual Contrastive Loss to align ... and a Spatial Enhanced Module": a second
    #: named part coordinated later in a proposal sentence (group 1), ending in a kept head
    coord_part_re: re.Pattern[str] = re.compile(r"(?!)")
    #: "The (proposed) framework", "Our model" at a sentence start: the paper's own system
    own_subject_re: re.Pattern[str] = re.compile(r"(?!)")
    #: "integrates two complementary modes:" ending at a colon (cues.json component_list)
    component_colon_re: re.Pattern[str] = re.compile(r"(?!)")
    #: "comprises", "consists of" ... anywhere before a part (cues.json component_list verbs)
    component_verb_re: re.Pattern[str] = re.compile(r"(?!)")
    #: "the idea of employing": between a proposal verb and the proposed object (cues.json component_list)
    proposal_frame_re: re.Pattern[str] = re.compile(r"(?!)")
    #: keys of known and stop-listed method names: a proposed name's tail that is one of them
    #: (PSO-UNet = PSO + U-Net) makes the head a component, not a variant (Scanner.method_role)
    name_keys: frozenset[str] = frozenset()
    #: keys of the known method forms only (EVA02 is EVA-02): Scanner.known_variant
    method_keys: frozenset[str] = frozenset()
    #: cues.json propose_verbs, lower case (one-word look-ups)
    propose_words: frozenset[str] = frozenset()
    cue_index: CueIndex | None = None
    #: :meth:`rejected_method_name` by word (a pure function of the word and this vocabulary,
    #: asked ~15 times per abstract for words that recur across abstracts)
    rejected_memo: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)
    shape_memo: dict[str, tuple[str, str | None, bool, bool]] = field(default_factory=dict, repr=False, compare=False)
    dataset_shape_memo: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)

    def rejected_method_name(self, w: str) -> bool:
        """Is ``w`` never a method name (stop list, generic acronym, hardware, size, modifier)?"""
        r = self.rejected_memo.get(w)
        if r is None:
            if len(self.rejected_memo) >= _MEMO_MAX:
                self.rejected_memo.clear()
            r = self.rejected_memo[w] = self._rejected_method_name(w)
        return r

    def shape_word(self, word: str) -> tuple[str, str | None, bool, bool]:
        """What a name-shaped word of the text stands for (:meth:`Scanner.namey_tokens`): the
        word without a trailing period, possessive, stripped suffix (``-based``) or ``+``
        combination; the acronym it stands for instead when it is one glued to a lower-case word
        (``OWL-trained``) that the text does not know as a whole (else None); and whether each
        can be a method name at all (name-shaped, not rejected, not an acronym's plural:
        ``CNNs``, ``Audio-LLMs`` name a class). Memoised: a pure function of the word."""
        r = self.shape_memo.get(word)
        if r is None:
            w = _POSSESSIVE_RE.sub("", word.rstrip("."))
            sm = self.stripped_suffix_re.match(w)
            if sm:
                w = sm.group(1)
            if "+" in w.rstrip("+"):
                w = w.split("+", 1)[0]  # a combination: its first system
            lt = LOWER_TAIL_RE.match(w)
            acronym = lt.group(1) if lt and lt.group(2) not in self.keep_suffix else None
            if len(self.shape_memo) >= _MEMO_MAX:
                self.shape_memo.clear()
            r = self.shape_memo[word] = (w, acronym, self._shape_ok(w), acronym is not None and self._shape_ok(acronym))
        return r

    def dataset_shaped(self, w: str) -> bool:
        """A name-shaped word spelled like a dataset (``XBench``, ``X-Eval``, ``XQA``) that may be a
        name. Memoised: a pure function of the word."""
        r = self.dataset_shape_memo.get(w)
        if r is None:
            if len(self.dataset_shape_memo) >= _MEMO_MAX:
                self.dataset_shape_memo.clear()
            r = self.dataset_shape_memo[w] = is_namey(w) and self.dataset_name_re.match(w) is not None \
                and not self.rejected_method_name(w)
        return r

    def _shape_ok(self, w: str) -> bool:
        return is_namey(w) and not self.rejected_method_name(w) and not _ACRONYM_PLURAL_RE.search(w)

    def _rejected_method_name(self, w: str) -> bool:
        """A generic acronym, a hardware or size shape, a modifier compound: not a method name."""
        if w in self.not_method or w.lower() in self.not_method_lower:
            return True
        base = w[:-1] if w.endswith("s") and len(w) > 2 and w[-2].isupper() else w
        if base in self.not_method:
            return True
        if HARDWARE_RE.match(w) or "times" in w or w.lower() in self.generic_phrases:
            return True
        if self.shape_cues is not None and any(r.search(w) for r in self.shape_cues.reject_res):
            return True  # 30B-A3B (a size), FP32-versus-FP64 (a comparison), RG'G (a variable)
        if self.class_suffix_re.search(w) and re.search(r"-[A-Za-z][a-z]+$", w) and \
                self.class_suffix_re.match(w[w.rfind("-"):].lower()):
            return True  # "LLM-Driven", "DUN-based": a modifier, not a name
        parts = [p for p in re.split(r"[-/]", w) if p]
        if len(parts) > 1 and all(p.islower() or p in self.not_method or p.rstrip("s") in self.not_method
                                  for p in parts):
            return True  # AI-assisted, LLM-as-a-judge: only a generic acronym carries the shape
        return bool(PURE_NUMBERISH.match(w))



def _words_re(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    """Everything compiled once per process."""
    c = load_json("cues.json")
    datasets, methods = _load_gazetteer("datasets.json", "dataset"), _load_gazetteer("methods.json", "method")
    return Vocab(
        datasets=datasets,
        methods=methods,
        not_method=frozenset(c["not_method_exact"]),
        not_method_lower=frozenset(w.lower() for w in c["not_method_exact"] if len(w) > 3),
        task_suffix=frozenset(c["not_method_suffix_words"]),
        keep_suffix=frozenset(c["method_keep_suffix_words"]),
        dataset_heads=frozenset(c["dataset_heads"]),
        dataset_name_res=tuple(re.compile(p) for p in c["dataset_name_patterns"]),
        dataset_name_re=re.compile("|".join(f"(?:{p})" for p in c["dataset_name_patterns"]) or "(?!)"),
        method_heads=frozenset(c["method_heads"]),
        stop_cap=frozenset(c["stop_capitalised"]),
        self_re=re.compile(rf"(?<![\w-])(?:{_words_re(c['self_cues'])})(?![\w-])", re.I),
        propose_re=re.compile(rf"(?<![\w-])(?:{_words_re(c['propose_verbs'])})(?![\w-])", re.I),
        introduce_re=re.compile(rf"(?<![\w-])(?:{_words_re(c['introduce_verbs'])})(?![\w-])", re.I),
        name_re=re.compile(rf"(?<![\w-])(?:{_words_re(c['name_verbs'])})(?:\s+(?:as|it|them|this|the))?\s*[:,]?\s*", re.I),
        use_re=re.compile(rf"(?<![\w-])(?:{_words_re(c['use_cues'])})(?![\w-])", re.I),
        compare_re=re.compile(rf"(?<![\w-])(?:{_words_re(c['compare_cues'])})(?![\w-])", re.I),
        background_re=re.compile(rf"(?<![\w-])(?:{_words_re(c['background_cues'])})(?![\w-])", re.I),
        list_re=re.compile(rf"(?<![\w-])(?:{_words_re(c['list_cues'])})\s*", re.I),
        dataset_head_re=re.compile(rf"\s*(?:{_words_re(c['dataset_heads'])})(?![\w-])", re.I),
        stripped_suffix_re=re.compile(rf"^(.+?)-(?:{_words_re(c['name_suffixes_stripped'])})$", re.I),
        generic_phrases=frozenset(c["generic_phrases"]),
        concept_heads=frozenset(c.get("concept_heads", ())),
        organisations=frozenset(c.get("organisation_names", {}).get("words", ())),
        copula_concept_re=re.compile(
            rf"\s*(?:is|are|refers\s+to|denotes)\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,4}}?"
            rf"(?:{_words_re((*c.get('appositive_concept_heads', ()), *c.get('copula_concept_heads', {}).get('words', ()))) or '(?!)'})(?![\w-])", re.I),
        dataset_not_before=frozenset(w.lower() for w in (*c["method_heads"], *c.get("concept_heads", ()),
                                                         *c.get("dataset_context_not_before", {}).get("words", ()))),
        process_endings=tuple(c.get("process_endings", ())),
        modifier_heads=frozenset(c.get("acronym_modifier_heads", ())),
        dataset_longform_words=frozenset(c.get("dataset_longform_words", ())),
        metric_after_re=re.compile(rf"\s*(?:{_words_re(c.get('metric_after_words', ()))})(?![\w-])"),
        title_nonname_first=frozenset(c.get("title_nonname_first_words", ())),
        # ", a novel open-world face recognition task": the appositive head types the name
        appositive_concept_re=re.compile(
            rf"\s*\)?\s*,\s*(?:an?|the)\s+(?:[\w-]+\s+){{0,5}}?(?:{_words_re(c.get('appositive_concept_heads', ()))})(?![\w-])", re.I),
        appositive_method_re=re.compile(
            rf"(?:\s*\([^()]{{1,60}}\))?\s*,\s*(?:an?|the)\s+(?:[\w-]+\s+){{0,5}}?(?:{_words_re(c.get('appositive_method_heads', ()))})(?![\w-])", re.I),
        appositive_dataset_re=re.compile(
            rf"(?:\s*\([^()]{{1,60}}\))?\s*,\s*(?:an?|the)\s+(?:[\w-]+\s+){{0,5}}?(?:{_words_re(c.get('appositive_dataset_heads', ()))})(?![\w-])", re.I),
        evaluation_frame_heads=frozenset(c.get("evaluation_frameworks", {}).get("heads", ())),
        evaluation_word_re=re.compile(
            rf"(?<![\w-])(?:{_words_re(c.get('evaluation_frameworks', {}).get('words', ())) or '(?!)'})(?![\w-])", re.I),
        evaluation_for_heads=frozenset(c.get("evaluation_frameworks", {}).get("for_heads", ())),
        evaluation_any_re=re.compile(
            rf"(?<![\w-])(?:{_words_re(c.get('evaluation_frameworks', {}).get('for_words', ())) or '(?!)'})(?![\w-])", re.I),
        evaluation_for_re=re.compile(
            rf"\s+for\s+(?:[\w-]+\s+){{0,4}}?(?:{_words_re(c.get('evaluation_frameworks', {}).get('for_words', ())) or '(?!)'})(?![\w-])", re.I),
        metric_list_re=re.compile(
            rf"(?<![\w-])(?:{_words_re(c.get('metric_list_heads', ()))})\s*(?:\(|:|,)?\s*(?:\\eg|\\ie|e\.g\.|i\.e\.|such as|including|like|namely)?,?\s*"
            rf"((?:{WORD})(?:\s*(?:,|/|\band\b|\bor\b)\s*(?:{WORD})){{0,8}})", re.I),
        method_list_re=re.compile(
            rf"(?<![\w-])(?:{_words_re(c.get('method_list_heads', ()))})\s*(?:\(|,)?\s*(?:such as|including|like|e\.g\.,?|namely)\s+"
            rf"((?:{WORD})(?:[ ][A-Z](?:[\w\-.+]*[\w+])?){{0,3}}(?:\s*(?:,|\band\b|\bor\b|,\s*and\b)\s*(?:{WORD})(?:[ ][A-Z](?:[\w\-.+]*[\w+])?){{0,3}}){{0,8}})"),
        dataset_on_re=re.compile(
            rf"(?<![\w-])(?:{_words_re(c.get('dataset_on_cues', ()))})(?![\w-])[^.;:()]{{0,30}}?\b(?:on|across)\s+(?:the\s+|both\s+)?"
            rf"((?:{WORD})(?:\s*(?:,|\band\b|,\s*and\b)\s*(?:{WORD})){{0,6}})(?=\s*(?:[.,;:)]|$|\s+(?:and|to|demonstrate\w*|show\w*|confirm\w*|validat\w*|reveal\w*|indicat\w*|with|while|for|in|where|using|datasets?|benchmarks?)\b))", re.I),
        concept_called_re=re.compile(
            rf"(?<![\w-])(?:{_words_re(c.get('appositive_concept_heads', ()))})\s*,?\s*(?:called|named|termed|dubbed|coined|known as|referred to as)\s*$", re.I),
        own_long_before_re=re.compile(
            rf"(?<![\w-])(?:{_words_re(c.get('own_long_form_before', {}).get('words', ())) or '(?!)'})\s+$", re.I),
        head_named_after_re=re.compile(
            rf"\s+(?:{_words_re(c['method_heads'])})\s*,?\s*(?:{_words_re(c['name_verbs'])})(?![\w-])", re.I),
        quantity_change_before_re=re.compile(
            rf"(?<![\w-])(?:{_words_re(c.get('quantity_change_before', {}).get('words', ())) or '(?!)'})\s+in\s+(?:the\s+)?$", re.I),
        named_long_before_re=re.compile(rf"(?<![\w-])(?:{_words_re(c['name_verbs'])})\s*(?:as\s+)?$", re.I),
        shape_cues=_shape_cues(c.get("shape_evidence", {})),
        class_suffix_re=re.compile(rf"-(?:{_words_re(c.get('concept_acronym', {}).get('modifier_suffixes', ())) or '(?!)'})(?![\w-])"),
        class_before_re=re.compile(rf"(?<![\w-])(?:{_words_re(c.get('concept_acronym', {}).get('class_before', ())) or '(?!)'})\s+$", re.I),
        class_plural_before_re=re.compile(rf"(?<![\w-])(?:\d+|{_words_re(c.get('concept_acronym', {}).get('class_plural_before', ())) or '(?!)'})\s+$", re.I),
        class_plural_after_re=re.compile(rf"\s+(?:{_words_re(c.get('concept_acronym', {}).get('class_plural_heads', ())) or '(?!)'})(?![\w-])"),
        measure_name_heads=frozenset(c.get("concept_acronym", {}).get("measure_name_heads", ())),
        entity_long_heads=frozenset(c.get("concept_acronym", {}).get("entity_long_heads", ())),
        concept_long_heads=frozenset(c.get("concept_acronym", {}).get("concept_long_heads", ())),
        submodule_heads_after=frozenset(c.get("concept_acronym", {}).get("submodule_heads_after", ())),
        eponym_re=_eponym_re(c.get("eponym_methods", {})),
        category_re=re.compile(rf"(?<![\w-])(?:{_words_re(c.get('concept_acronym', {}).get('category_cues', ())) or '(?!)'})(?![\w-])", re.I),
        eponym_keep_head=frozenset(c.get("eponym_methods", {}).get("single_heads", ())),
        dataset_use_re=re.compile(rf"(?<![\w-])(?:{_words_re(c.get('dataset_use_verbs', {}).get('words', ())) or '(?!)'})(?![\w-])", re.I),
        dataset_on_not_before_re=re.compile(
            rf"(?:\s*,?\s*(?:(?:and|or)\s+)?[A-Z][\w-]*)*\s+(?:{_words_re(c.get('dataset_on_not_before_words', {}).get('words', ())) or '(?!)'})(?![\w-])"),
        dataset_next_re=re.compile(rf"\s+(?:[a-z][\w-]*\s+)?(?:{_words_re(c.get('dataset_next_words', {}).get('words', ())) or '(?!)'})(?![\w-])"),
        others_propose_re=re.compile(rf"(?<![\w-])(?:{_words_re(c.get('others_propose_before', {}).get('words', ())) or '(?!)'})\s+$", re.I),
        role_use_before_re=re.compile(
            rf"(?<![\w-])(?:{_words_re(c.get('role_use_before', {}).get('words', ())) or '(?!)'})\s+(?:(?:the|a|an|its|our)\s+)?(?:[\w\s-]|\([^()]{{1,15}}\)){{0,60}}\(?$", re.I),
        title_task_words=frozenset(c.get("title_task_words", {}).get("words", ())),
        kept_heads=frozenset(c.get("component_heads_kept", {}).get("words", ())),
        propose_words=frozenset(w.lower() for w in c["propose_verbs"]),
        name_keys=frozenset(k for k in (*map(norm_key, methods.by_lower), *map(norm_key, c["not_method_exact"])) if len(k) >= 3),
        method_keys=frozenset(k for k in map(norm_key, methods.by_lower) if len(k) >= 3),
        own_subject_re=re.compile(
            rf"\s*(?:(?:the|our|this|its)\s+(?:[\w-]+\s+){{0,2}}?(?:{_words_re(c.get('component_list', {}).get('subject_heads', ())) or '(?!)'})"
            rf"|(?:(?:the|our)\s+)?(?:{_words_re(c.get('component_list', {}).get('part_list_subjects', ())) or '(?!)'}))(?![\w-])", re.I),
        proposal_frame_re=re.compile(
            rf"\s*(?:{_words_re(c.get('component_list', {}).get('proposal_frames', ())) or '(?!)'})\s+(?:(?:employing|using|applying|adopting)\s+)?", re.I),
        component_colon_re=re.compile(
            rf"(?<![\w-])(?:{_words_re(c.get('component_list', {}).get('verbs', ())) or '(?!)'})\s+"
            rf"(?:(?:two|three|four|five|six|seven|several|multiple|the\s+following|\d+)\s+)?(?:[\w-]+\s+){{0,2}}?"
            rf"(?:{_words_re(c.get('component_list', {}).get('part_nouns', ())) or '(?!)'})\s*:$", re.I),
        component_verb_re=re.compile(
            rf"(?<![\w-])(?:{_words_re(c.get('component_list', {}).get('verbs', ())) or '(?!)'})(?![\w-])", re.I),
        coord_part_re=re.compile(
            rf"(?<![\w-])and\s+(?:\(\s*(?:\d|[ivx]{{1,4}}|[a-e])\s*\)\s+)?(?:an?|the)\s+((?:[A-Z][\w-]*\s+){{1,3}}"
            rf"(?:{_words_re(c.get('component_heads_kept', {}).get('words', ())) or '(?!)'}))(?![\w-])"),
        contribution_re=re.compile(rf"(?<![\w-])(?:{_words_re(c.get('contribution_cues', {}).get('words', ())) or '(?!)'})(?![\w-])", re.I),
        size_variant_re=re.compile(c.get("model_size_variant", {}).get("suffix_pattern", "(?!)")),
        concept_head_re=re.compile(rf"(?<![\w-])(?:{_words_re(c.get('appositive_concept_heads', ())) or '(?!)'})"
                                   rf"\s*,?\s*(?:(?:called|named|termed|dubbed|coined)\s+)?(?:(?:the|a|an)\s+)?$", re.I),
        suite_of_models_re=re.compile(c.get('dataset_suite_of_models', {}).get('pattern', '(?!)')),
        number_on_re=re.compile(rf"{c.get('number_on_dataset', {}).get('pattern', '(?!)')}((?:{WORD})(?:\s+[A-Z][\w-]*)?)"),
        # the first words of every pattern that Scanner.cue_finditer runs, by family
        cue_index=CueIndex.build_or_none(lambda: {
            "self": _first_words(c["self_cues"], existence=True),  # only asked whether a sentence has one
            "propose": _first_words(c["propose_verbs"]),
            "name": _first_words(c["name_verbs"]),
            "background": _first_words(c["background_cues"]),
            "metric_list": _first_words(c.get("metric_list_heads", ())),
            "method_list": _first_words(c.get("method_list_heads", ())),
            "dataset_on": _first_words(c.get("dataset_on_cues", ())),
            "dataset_head": _first_words(DATASET_HEAD_WORDS),
            "list_cue": _LIST_CUE_WORDS,
            "our": frozenset({"our"}),
            # the gazetteers: a known name starts with the first letters of one of its forms
            "dataset_names": _name_prefixes(datasets.by_lower),
            "method_names": _name_prefixes(methods.by_lower),
        }),
    )


#: The Vocab patterns that scan the whole text, a sentence or a long window: only these are
#: worth an ASCII twin (for a word or an anchored match the per-call check costs more).
_SCANNING = frozenset({
    "self_re", "propose_re", "introduce_re", "name_re", "use_re", "compare_re", "background_re",
    "list_re", "dataset_head_re", "metric_list_re", "method_list_re", "dataset_on_re", "eponym_re",
    "category_re", "number_on_re"})


def _guard_all(v: Vocab) -> Vocab:
    """A copy of ``v`` whose scanning patterns run their re.ASCII twins on plain ASCII text
    (:func:`kg.extract.vocab.guarded`): same matches, faster scans."""
    return replace(v, **{f.name: guarded(getattr(v, f.name)) for f in fields(v) if f.name in _SCANNING})


@lru_cache(maxsize=1)
def vocab_fast() -> Vocab:
    """:func:`vocab` with guarded patterns; what the pipeline's scans use."""
    return _guard_all(vocab())


def _eponym_re(c: dict[str, Any]) -> re.Pattern[str]:
    """``Dempster-Shafer theory`` / ``Peaceman-Rachford and Strang splitting methods``: a match
    from its start to the end of group ``dbl`` is a double eponym (named without its head), to
    the end of ``one`` a single capitalised name that keeps its head noun (group ``head``).

    Why the first capital stands outside the groups: a pattern that begins with a character
    class lets ``re`` skip to the next capital in C; ``(?<![\\w-].)`` after it is the word
    boundary the pattern needs before that capital.

    Why the letter runs are possessive (``++``): what follows each (a dash, a space) is never a
    letter, so giving letters back cannot help a match; without it ``re`` retried the rest of
    the pattern once per letter of every capitalised word (a quarter of the scan's time)."""
    low = r"[a-zà-ÿ]++"
    cap = rf"[A-Z]{low}"
    dbl = rf"(?P<dbl>{low}[-–]{cap})(?=\s+(?P<gap>(?:and|or)\s+{cap}(?:[-–]{cap})?\s+)?(?P<dhead>{_words_re(c.get('double_heads', ())) or '(?!)'})\b)"
    one = rf"(?P<one>{low})\s+(?:(?!based\s)[a-z]{{3,}}+\s+)?(?P<head>{_words_re(c.get('single_heads', ())) or '(?!)'})(?![\w]|-(?!based\b))"
    return re.compile(rf"[A-Z](?<![\w-].)(?:{dbl}|{one})")


@dataclass(frozen=True)
class ShapeCues:
    """Compiled ``shape_evidence`` block of cues.json: what counts as evidence for a name
    found only by its shape, and how much (see :meth:`Scanner.shape_score`)."""

    threshold: float
    class_weights: dict[str, float]
    weights: dict[str, float]
    heads: frozenset[str]
    head_after_re: re.Pattern[str]
    head_before_re: re.Pattern[str]
    use_before_re: re.Pattern[str]
    compare_before_re: re.Pattern[str]
    compare_any_re: re.Pattern[str]
    by_after_re: re.Pattern[str]
    measure_before_re: re.Pattern[str]
    concept_after_re: re.Pattern[str]
    reject_res: tuple[re.Pattern[str], ...]


def _shape_cues(c: dict[str, Any]) -> ShapeCues:
    """Compile the shape-evidence cues once. A cue "before" a name may be separated from it
    by up to three lower-case modifiers ("over the prior state-of-the-art FLAT")."""
    heads = frozenset(h.lower() for h in c.get("heads", ()))
    gap = r"(?:(?:the|a|an|[a-z][\w-]*)\s+){0,3}"
    def before(words: Iterable[str]) -> re.Pattern[str]:
        return re.compile(rf"(?<![\w-])(?:{_words_re(words) or '(?!)'})\s+{gap}$", re.I)
    return ShapeCues(
        threshold=float(c.get("threshold", 2.0)),
        class_weights={k: float(v) for k, v in c.get("class_weights", {}).items()},
        weights={k: float(v) for k, v in c.get("weights", {}).items()},
        heads=heads,
        head_after_re=re.compile(rf"(?:\s+|-)(?:{_words_re(heads) or '(?!)'})(?![\w-])", re.I),
        head_before_re=re.compile(rf"(?<![\w-])(?:{_words_re(heads) or '(?!)'}),?\s+$", re.I),
        use_before_re=before(c.get("use_cues", ())),
        compare_before_re=before(c.get("compare_cues", ())),
        compare_any_re=re.compile(rf"(?<![\w-])(?:{_words_re(c.get('compare_cues', ())) or '(?!)'})(?![\w-])", re.I),
        by_after_re=re.compile(rf"\s*,?\s+(?:{_words_re(c.get('by_after', ())) or '(?!)'})(?![\w-])", re.I),
        measure_before_re=re.compile(rf"(?<![\w-])(?:{_words_re(c.get('measure_cues', ())) or '(?!)'})\b[^.;]{{0,60}}$", re.I),
        concept_after_re=re.compile(rf"\s+(?:{_words_re(c.get('concept_after', ())) or '(?!)'})(?![\w-])", re.I),
        reject_res=tuple(re.compile(r) for r in c.get("reject_patterns", ())),
    )


@lru_cache(maxsize=16384)
def shape_class(w: str) -> str:
    """How much a name's spelling alone says it is a model or system name.

    ``version``: letters with digits (Qwen2.5-VL, Llama-3-8B, GPT-4o, DenseNet201);
    ``mixed``: an inner lower-to-upper case change (ResNeXt, DeBERTa, CuPy, xStream), but not a
    one- or two-letter lower-case prefix on an acronym (pCVR, tCPA: variables and metrics);
    ``hyphen``: a capitalised hyphenated compound (LEGAL-BERT, Grad-CAM);
    ``acronym``: everything else (ESG, AMR, WMMA), which needs context to count.
    """
    if re.search(r"\d", w) and re.search(r"[A-Za-z]{2}", w):
        return "version"
    if re.search(r"[a-z][A-Z]", w) and not re.fullmatch(r"[a-z]{1,2}[A-Z0-9]+", w):
        return "mixed"
    if "-" in w and w[:1].isupper():
        return "hyphen"
    return "acronym"


# --------------------------------------------------------------------------------------------
# Cue positions: one scan per document instead of one per rule and sentence
# --------------------------------------------------------------------------------------------

def _first_words(words: Iterable[str], existence: bool = False) -> frozenset[str]:
    """The lower-case first words of cue phrases (``"such as"`` -> ``"such"``): every match of a
    pattern built from the phrases by :func:`_words_re` starts with one of them.

    With ``existence`` (for a pattern only asked *whether* it matches) a phrase that ends with
    another phrase of the list is left out (``the proposed``, ``in this paper``): where it
    matches, the shorter one matches too, and ``the`` and ``in`` would be a third of all hits."""
    phrases = {w.lower() for w in words}
    if existence:
        phrases = {w for w in phrases if not any(w.endswith(" " + x) for x in phrases)}
    out = frozenset(w.split(" ")[0] for w in phrases)
    if not all(out) or not all(w.isascii() for w in out):
        raise ValueError("a cue phrase must start with an ASCII word")
    return out


def _name_prefixes(forms: Iterable[str], n: int = 8) -> frozenset[str]:
    """The first ``n`` characters of each lower-case gazetteer form that ASCII text can hold.
    (Whole forms would make the scan's trie as slow as the gazetteer's; a shorter prefix, more
    hits to try; 8 measured fastest.)"""
    out = frozenset(f[:n] for f in forms if f[:n].isascii())
    if "" in out:
        raise ValueError("empty gazetteer form")
    return out


@dataclass(frozen=True)
class CueIndex:
    """Where the matches of the rules' cue patterns can start, found in one scan per document.

    Why: some fifteen patterns that begin with ``(?<![\\w-])`` and a word from a list (``we``,
    ``propose``, ``such as``, ``datasets``) used to scan the whole text or every sentence. ``re``
    cannot skip ahead in such a pattern and runs its matcher at every character, so each scan
    cost 40-80 ms per 1k abstracts; so did each gazetteer's trie. Here the first words of all
    of them, and the first letters of every gazetteer form, make one trie, scanned once on the
    lower-cased text from each separator character (a class ``re`` skips to in C); a rule then
    runs its own pattern's ``match`` only where one of its first words starts.

    Exact on ASCII text: the positions are a superset of every match start (lower-casing keeps
    the offsets, and a match starts after a separator with one of the first words), and each is
    tested with the rule's own pattern. Other text gets ``None`` and the plain scans.
    """

    scan: re.Pattern[str]
    names: tuple[str, ...]
    #: longest first word found at a position -> indices in ``names`` of the families that
    #: have a first word it begins with
    families: dict[str, tuple[int, ...]]

    @classmethod
    def build_or_none(cls, families: Callable[[], dict[str, frozenset[str]]]) -> CueIndex | None:
        """:meth:`build`, or None (every rule scans with its own pattern) when a vocabulary has a
        cue that does not start with an ASCII word, which case folding could match in ASCII
        text (``ſ`` matches ``s`` under ``re.I``) where the scan would not look."""
        try:
            return cls.build(families())
        except ValueError:
            return None

    @classmethod
    def build(cls, families: dict[str, frozenset[str]]) -> CueIndex:
        words = sorted(set().union(*families.values()))
        # the trie's optional tails are greedy, so group 1 is the longest word starting there
        # [^\w-] spelled as ASCII ranges (the scan only sees ASCII): a bitmap test per character
        scan = re.compile(rf"[\x00-\x2c\x2e\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f](?=({_trie_regex(words)}))")
        names = tuple(families)
        of: dict[str, tuple[int, ...]] = {}
        for w in words:
            heads = {w[:j] for j in range(1, len(w) + 1)}
            of[w] = tuple(i for i, f in enumerate(names) if not heads.isdisjoint(families[f]))
        return cls(scan, names, of)

    def positions(self, lower_text: str) -> dict[str, list[int]]:
        """Ascending start offsets of the first words of each family in ``lower_text`` (ASCII)."""
        lists: list[list[int]] = [[] for _ in self.names]
        families = self.families
        # the leading space makes offset 0 a separator's successor; m.start() is then the offset
        for m in self.scan.finditer(" " + lower_text):
            p = m.start()
            for i in families[m.group(1)]:
                lists[i].append(p)
        return dict(zip(self.names, lists))


#: ``[^\w-]`` on ASCII text, spelled as ranges: a bitmap test per character
_SEPARATOR_ASCII = r"[\x00-\x2c\x2e\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]"


@dataclass(frozen=True)
class SeparatorScan:
    """A pattern that begins with ``(?<![\\w-])``, rewritten to consume the separator character
    instead of looking behind for it, for ``finditer`` over a whole text.

    Why: ``re`` cannot skip ahead in a pattern that begins with a look-behind and runs its
    matcher at every character; a pattern that begins with a character class it skips to in C,
    trying the rest only after a separator (~40% less time for ``_TITLED_PART_RE``).

    Same matches, offsets shifted: run on ``" " + text`` (the space stands for the look-behind's
    start of text), a match's offsets are one more than in ``text``, except its start, the
    separator's, which is where the original match starts in ``text``. No match is lost to the
    previous one's consumed separator as long as every match ends with a word character or a
    hyphen (which cannot be that separator): callers' patterns must.
    """

    #: for :func:`plain_ascii` text: the separator class as ASCII ranges, re.ASCII where exact
    plain: re.Pattern[str]
    unicode: re.Pattern[str]

    @classmethod
    def of(cls, pattern: re.Pattern[str]) -> SeparatorScan:
        lookbehind = r"(?<![\w-])"
        if not pattern.pattern.startswith(lookbehind):
            raise ValueError("the pattern must begin with (?<![\\w-])")
        body = f"(?:{pattern.pattern[len(lookbehind):]})"
        return cls(ascii_twin(re.compile(_SEPARATOR_ASCII + body, pattern.flags)),
                   re.compile(r"[^\w-]" + body, pattern.flags))

    def finditer(self, spaced_text: str, pos: int, plain: bool) -> Iterator[re.Match[str]]:
        """The matches in ``spaced_text`` (``" " + text``) of the original pattern in ``text``
        from ``pos`` on (offsets as the class docstring says)."""
        return (self.plain if plain else self.unicode).finditer(spaced_text, pos)


def _match_at(pattern: re.Pattern[str], subject: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(subject)`` when every match starts at one of ``starts`` (ascending)
    and none is empty: the leftmost match from each start past the previous match."""
    end = 0
    for p in starts:
        if p >= end:
            m = pattern.match(subject, p)
            if m is not None:
                end = m.end()
                yield m


# --------------------------------------------------------------------------------------------
# Name shapes
# --------------------------------------------------------------------------------------------

#: A "word" that could be (part of) a name: letters/digits joined by - . + ^ / _ '
WORD = r"[A-Za-z0-9][\w\-.+^'’]*[\w+]|[A-Za-z0-9]"
WORD_RE = re.compile(rf"(?<![\w\-.^+])(?:{WORD})")
#: The ``WORD_RE`` matches that hold a capital letter (only those can be name-shaped, see
#: ``QUICK_NAMEY_RE``), found without visiting the others: run on ``" " + text``, it starts at the
#: character before a word (a class ``re`` skips to in C, where ``WORD_RE``'s look-behind made it
#: try every position), and group 1 is the word. Same words: a word after a skipped one starts
#: beyond the skipped one's end, or after an apostrophe inside it (no capital there either).
CAP_WORD_RE = re.compile(r"[^\w\-.^+]((?=[\w\-.+^'’]*?[A-Z])[A-Za-z0-9](?:[\w\-.+^'’]*[\w+])?)")
#: The same on plain ASCII text, a third faster: there the word characters other than capitals
#: are one class, which the look-ahead crosses without backtracking.
#: (And its first class, ``[^\w\-.^+]``, spelled as ASCII ranges: a bitmap test per character.)
_CAP_WORD_RE_ASCII = re.compile(
    r"[\x00-\x2a\x2c\x2f\x3a-\x40\x5b-\x5d\x60\x7b-\x7f]((?=[a-z0-9_\-.+^'’]*+[A-Z])[A-Za-z0-9](?:[\w\-.+^'’]*[\w+])?)",
    re.ASCII)
_LIST_ITEM = rf"(?:{WORD})(?:[ ](?:[A-Z][\w\-.+]*|\d[\w.]*))*"
_LIST_PAR = r"(?:\s*\([^()]{1,30}\))?"
_LIST_RE = re.compile(rf"({_LIST_ITEM}){_LIST_PAR}((?:\s*,\s*(?:and\s+|or\s+)?(?:{_LIST_ITEM}){_LIST_PAR}"
                      rf"|\s+(?:and|or|&)\s+(?:{_LIST_ITEM}){_LIST_PAR}){{1,12}})")
#: What must follow the first word where ``_LIST_RE`` matches: a capitalised word or a number
#: (the item goes on), a parenthesis, a comma, ``&``, ``and`` or ``or``. Most cue words are
#: followed by plain prose; this cheap test turns them away before the backtracking list
#: pattern (~1.7 µs a try, 20 tries per abstract). Exact: the list's first word ends where the
#: run of word characters ends, since nothing that may follow it is a word character.
_LIST_START = r"[A-Za-z0-9][\w\-.+^'’]*+(?:\s*[(,]|\s+(?:[A-Z&]|\d|and\b|or\b))"
#: ``_LIST_CUE`` that also tells, in group 1 (empty, else None), whether ``_LIST_START`` holds
#: after it: one ``match`` call per cue instead of two. The test is a look-ahead that may fail
#: without failing the match, so the cue matches exactly where and as far as ``_LIST_CUE`` does.
_LIST_CUE_START = re.compile(rf"{_LIST_CUE.pattern}(?:(?=(?-i:{_LIST_START})())|)", re.I)
_LIST_CUE_START_ASCII = ascii_twin(_LIST_CUE_START)


#: The last word of a string (trailing whitespace aside), and the last 1-3 words joined by
#: single spaces: see :func:`last_word` and :func:`trailing_words`.
_LAST_WORD_RE = re.compile(rf"({WORD})\s*$")
_LAST_ALNUM_RE = re.compile(r"(\w+)\s*$")
_TRAILING_WORDS_RE = re.compile(rf"((?:{WORD})(?:[ ](?:{WORD})){{0,2}})[ \t]*$")


def _last_run_start(s: str) -> int:
    """Where the last whitespace-free run of ``s`` starts, trailing whitespace aside: a pattern
    ``(X)\\s*$`` whose X holds no whitespace cannot match before it."""
    core = s.rstrip()
    return len(core) - len(core.rsplit(None, 1)[-1]) if core else 0


def last_word(s: str) -> re.Match[str] | None:
    """``re.search(rf"({WORD})\\s*$", s)``, tried only from the last run of non-blanks.

    Why: a search for an end-anchored pattern runs it from every position of the string (up to
    150 characters here), each with a backtracking word pattern; only the last run can match."""
    return _LAST_WORD_RE.search(s, _last_run_start(s))


def last_alnum(s: str) -> re.Match[str] | None:
    """``re.search(r"(\\w+)\\s*$", s)`` as :func:`last_word` does it."""
    return _LAST_ALNUM_RE.search(s, _last_run_start(s))


def trailing_words(s: str) -> re.Match[str] | None:
    """``re.search(rf"((?:{WORD})(?:[ ](?:{WORD})){{0,2}})[ \\t]*$", s)``, tried only from the
    third-last space on (~40 µs a call before, for a 60-character window).

    Exact: the match is at most three words joined by two single spaces, and it ends at the last
    character that is not a trailing blank (before a final newline, which ``$`` also allows), so
    it cannot start at or before the third-last space of what precedes that end."""
    end = len(s) - 1 if s.endswith("\n") else len(s)
    i = len(s[:end].rstrip(" \t"))
    for _ in range(3):
        i = s.rfind(" ", 0, i)
        if i < 0:
            return _TRAILING_WORDS_RE.search(s)
    return _TRAILING_WORDS_RE.search(s, i + 1)


@lru_cache(maxsize=65536)
def quick_namey(w: str) -> bool:
    """``QUICK_NAMEY_RE.search(w)``, cached: words recur across abstracts."""
    return QUICK_NAMEY_RE.search(w) is not None
#: Version / size / variant suffixes after a known name: ImageNet-1K, Llama 2 70B, GPT-4o mini.
SUFFIX_RE = re.compile(
    r"(?:(?:[-_ ]?v?\d+(?:\.\d+)*(?:[a-zA-Z]{1,2}\b|x\d+[BM])?|-\d+[BMK]?"
    r"|[- ](?:mini|Mini|Turbo|turbo|Pro|Ultra|Flash|Instruct|Chat|Base|XL|XXL|Large|large|Medium|medium|Small|small|Tiny|tiny|Lite|lite|Plus|Max|Nano|HQ|R1|V\d|VL|Coder|Math|Omni|Vision|Sonnet|Opus|Haiku|Preview|Hybrid-Large|Hybrid-Medium)"
    r"(?![\w])|\+\+?|-?\d+(?:\.\d+)*[BMK]\b))+"
)
ACR_INNER = re.compile(r"^[A-Za-z0-9][\w\-.+^²]*$")
PURE_NUMBERISH = re.compile(
    r"^(?:[\d.,]+(?:[xX×%]|[KMBGTkmbgt]|ms|s|fps|bit|bits|b|B|GB|MB|TB|W|nm|mm|cm|px|p|k|dB|Hz|kHz|MHz|GHz|GiB|TFLOPs?|FLOPs?|K\d+)?|"
    r"(?:FP|INT|BF|UINT|NF|MXFP|W\d+A)\d+\w*|[A-Z]\d{1,2}|\d+[Dd]|[A-Za-z]\d?|[IVX]+|\d+(?:st|nd|rd|th)|x\d+|"
    r"\d+[-–]\w+|[A-Z][a-z]+\d{4}|\d+(?:\.\d+)?[a-z]{1,3}|[\d.]+[A-Za-z]{0,3}\+|[A-Z]{2,4}[+-]\d{1,2})$"
)


#: Hardware and device-class shapes a method rule must not take (kg_hardware owns them).
HARDWARE_RE = re.compile(
    r"^(?:[AHVTLBP]\d{2,3}[A-Za-z]?|[A-Z]?RTX[\s-]?\w*|GTX\w*|A\d{4}|DGX\w*|SN\d+\w*|MI\d{2,3}X?|TPU\w*|Gaudi\d*|"
    r"Jetson\w*|Xeon\w*|EPYC\w*|Ryzen\w*|Snapdragon\w*|M[1-4](?:\s?(?:Pro|Max|Ultra))?|"
    r"(?:[a-z]\w*-|(?:GPU|CPU|NPU|TPU|host)-)?(?:GPU|CPU|TPU|NPU|FPGA|ASIC|DRAM|SRAM|HBM|PIM|SSD|DSP|MCU)s?(?:-(?:GPU|CPU|NPU|TPU|DRAM|[a-z]+))?)$"
)


#: Last words of long forms that name a task, field or device even in Title Case.
HARD_TASK_WORDS = frozenset("""recognition generation synthesis estimation detection segmentation classification
translation retrieval understanding reconstruction answering processing computing learning intelligence model models
language languages unit units processor processors device devices things reality interface vision
comprehension inpainting interpolation compression extension serving inference summarization""".split())


#: Cheap pre-test: only words with two capitals, a capital and a digit, or an inner capital
#: can be name-shaped; most words fail here without the full test.
QUICK_NAMEY_RE = re.compile(r"[A-Z][^A-Z]*[A-Z0-9]|[0-9][^0-9]*[A-Z]|[a-z][A-Z]|^[A-Z]-")
SPLIT_PARTS_RE = re.compile(r"[-_/]")
_URL_RE = re.compile(r"(?:https?://|www\.|github\.com/)\S+")
#: ``the X dataset``: the head words :meth:`Scanner.dataset_head_rule` hangs names on.
DATASET_HEAD_WORDS = ("dataset", "benchmark", "corpus", "corpora", "suite", "leaderboard", "testbed", "test set")
DATASET_HEAD_RE = re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, DATASET_HEAD_WORDS))})s?(?![\w-])", re.I)
#: ``a new benchmark called CAGUI`` (its heads are among DATASET_HEAD_WORDS: see CueIndex)
DATASET_CALLED_RE = re.compile(
    rf"(?<![\w-])(?:dataset|benchmark|corpus|suite|testbed)s?\s*,?\s*(?:called|named|dubbed|termed)\s+({WORD})", re.I)
#: ``a new dataset, VISTA.``, ``the real-world benchmarks, AbC, we show``: a dataset head noun with
#: the name apposed to it after a comma or colon, the name ending the clause (its heads are among
#: DATASET_HEAD_WORDS: see CueIndex)
_APPOSED_ITEM = rf"{WORD}(?:[ ][A-Z][\w\-]*){{0,2}}"
DATASET_APPOSED_RE = re.compile(
    rf"(?<![\w-])(?:dataset|benchmark|corpus|corpora|suite|testbed|leaderboard)s?\s*[,:]\s*"
    rf"({_APPOSED_ITEM}(?:\s*,\s*{_APPOSED_ITEM}){{0,6}}(?:,?\s+(?:and|or)\s+{_APPOSED_ITEM})?)"
    rf"(?=\s*(?:[,.;:()]|$)|\s+(?:which|that|with|consisting|comprising|containing|covering|including|for|to|of|is|was|we|as)\b)")
#: what must precede that head noun: an article or possessive, at most three words before it
_HEAD_ARTICLE_END_RE = re.compile(r"(?<![\w-])(?:a|an|the|our|this|these|two|three|four|five|several|multiple|new)\s+(?:[\w-]+\s+){0,3}$", re.I)
#: ``our X``, ``our proposed X``
OUR_NAME_RE = re.compile(rf"(?<![\w-])[Oo]ur\s+(?:proposed\s+|new\s+|novel\s+)?({WORD})")
#: A plural dataset head followed, in the same clause, by an appended list of names (its heads
#: begin with DATASET_HEAD_WORDS: see CueIndex).
DATASET_APPOSITIVE_RE = re.compile(
    rf"(?<![\w-])(?:datasets|benchmarks|corpora)\b[^.;:()]{{0,70}}?(?:,|:|\()\s*"
    rf"((?:{WORD})(?:\s*,\s*(?:{WORD}))*,?\s+(?:and|or)\s+(?:{WORD}))\s*(?=[.;)]|$)")
#: A plural dataset head that governs the list right after it, with at most a colon, comma,
#: parenthesis or example cue between: "the synthetic datasets DigiFace, DCFace, and EmoNet-Face
#: BIG as ...", "two datasets: DNS 2020 and EARS-WHAM_v2", "benchmarks (e.g., VDC, VDD, VATEX)".
#: An item may carry one capitalised word or number ("DNS 2020"); the list must end the clause.
_HEAD_LIST_ITEM = rf"(?:{WORD})(?:[ ](?:[A-Z][\w\-]*|\d[\w.]*))?"
DATASET_HEAD_LIST_RE = re.compile(
    rf"(?<![\w-])(?:datasets|benchmarks|corpora|test sets)\s*(?:[:(]|,)?\s*"
    rf"(?:(?:e\.g\.|i\.e\.|such as|including|namely)\s*,?\s*)?"
    rf"({_HEAD_LIST_ITEM}(?:\s*,\s*(?:and\s+|or\s+)?{_HEAD_LIST_ITEM}|\s+(?:and|or)\s+{_HEAD_LIST_ITEM}){{1,8}})"
    rf"(?=\s*(?:[.;:)]|$)|,?\s+(?:as|for|to|while|with|where|which|that|in|from|respectively)\b)")
_HEAD_LIST_SPLIT_RE = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
#: A detached version number after a name, when what follows cannot be a unit or a count noun.
VERSION_AFTER_RE = re.compile(r"( \d{1,2}(?:\.\d)?)(?=[.,;:)]\s|[.,;:)]?$|\s+(?:and|or|with|on|in|to|is|as|model|models|baseline)\b)")
_POSSESSIVE_RE = re.compile(r"['’]s$")
_ACRONYM_PLURAL_RE = re.compile(r"[A-Z]{2,}s$")  # LLMs, Audio-LLMs, TriLMs: a class
#: "ACR-trained", "EQM-accuracy": an acronym glued to an ordinary lower-case word.
LOWER_TAIL_RE = re.compile(r"^([A-Z][A-Z0-9]+)-(?!(?:lite|mini|tiny|small|base|large|plus|pro|turbo|instruct|chat|light|fast|stream)$)([a-z]{3,})$")


@lru_cache(maxsize=65536)
def is_namey(w: str) -> bool:
    """A token that reads as a proper name by its shape alone: MADD, BitPipe, Qwen3, semi-PD.

    Title-case words (``Efficient``) and hyphenated title-case compounds (``Mask-Aware``) are
    not: they are ordinary words in titles and sentence starts.
    """
    if len(w) < 2 or not QUICK_NAMEY_RE.search(w) or PURE_NUMBERISH.match(w):
        return False
    parts = [p for p in SPLIT_PARTS_RE.split(w) if p]
    for p in parts:
        core = p.rstrip("+")
        if len(core) >= 2 and sum(ch.isupper() for ch in core) >= 2:
            return True
        if core[:1].isalpha() and any(ch.isupper() for ch in core[1:]):
            return True  # xStream, d^2Cache-like internal capitals
        if any(ch.isdigit() for ch in core) and any(ch.isalpha() for ch in core) and any(ch.isupper() for ch in core) and not PURE_NUMBERISH.match(core):
            return True  # Qwen3, Mem4D, 2BP
    if len(parts) >= 2 and any(len(p) == 1 and p.isupper() for p in parts) and any(p[:1].isupper() and len(p) > 2 for p in parts):
        return True  # X-Streamer, D-DARTS
    return False


_TITLE_WORD_RE = re.compile(r"^[A-Z][a-z][\w\-.+]*$")


@lru_cache(maxsize=65536)
def is_title_word(w: str) -> bool:
    """Capitalised word (``Mamba``, ``Sintel``): a name only with other evidence."""
    return _TITLE_WORD_RE.match(w) is not None or is_namey(w)


# --------------------------------------------------------------------------------------------
# Analysis
# --------------------------------------------------------------------------------------------

@dataclass
class Occ:
    """One occurrence of a name in the text."""

    start: int
    end: int
    rule: str
    hint: str | None = None  # a role this occurrence argues for


@dataclass
class Entity:
    key: str
    name: str
    kind: str | None  # dataset | method | None (undecided)
    known: bool = False  # from a gazetteer
    occs: list[Occ] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    long_form: str | None = None
    strong: bool = False  # found by a rule that is evidence on its own (not only its shape)
    kind_votes: dict[str, int] = field(default_factory=dict)


@dataclass
class Analysis:
    datasets: list[Mention]
    methods: list[Mention]


#: Patterns the rules run on short windows, compiled once (``re.search(str, ...)`` costs a cache
#: look-up per call, ~0.4 µs; the rules make ~100 such calls per abstract).
_PAREN_RE = re.compile(r"\([^()]*\)")
_LIST_ITEM_RE = re.compile(_LIST_ITEM)
_AND_OR_RE = re.compile(r"(?:and|or) ")
_COMPARE_CUE_RE = re.compile(r"(?:than|against|versus|vs|outperform|surpass|beat|compared|comparison|over)")
_HEAD_AFTER_RE = re.compile(r"\s*(?:datasets?|benchmarks?|corpora|test sets)\b", re.I)
_HEAD_BEFORE_RE = re.compile(r"\b(?:datasets|benchmarks|corpora|test sets)\s*,?\s*$", re.I)
_BASED_AFTER_RE = re.compile(r"(?:[\s-]+[\w.-]+)?(?:-|\s)based\b")
_LIST_NAME_BEFORE_RE = re.compile(r"([A-Z][\w'’-]*)\)?\s*(?:,|&|\band|\bor)\s*$")
_LIST_NAME_AFTER_RE = re.compile(r"\s*(?:,|&|and\b|or\b)\s*(?:and\s+|or\s+)?([A-Z][\w'’-]*)")
_LIST_SEP_RE = re.compile(r",|&|\band\b|\bor\b")
_NAME_OR_QUOTE_END_RE = re.compile(r"(?:[A-Z][\w-]*|[\"”'’])\s*$")
_ARTICLE_END_RE = re.compile(r"(?<![\w-])(?:a|an)\s+$")
_PHRASE_PART_RE = re.compile(r" (?:[A-Z][a-z]|(?:II|III|IV)\b)")
_EXAMPLE_AFTER_RE = re.compile(r"\s*\(\s*(?:e\.g\.|i\.e\.|such as|like)\s*,?\s*[a-z]")
_DATASET_AFTER_RE = re.compile(r"\s+(?:(?!(?:on|in|of|and|or|to|for|with|from|the|a|an|as|by|at)\s)[a-z][\w-]*\s+)?"
                               r"(?:dataset|benchmark|corpus|test set)s?\b")
_PREPOSITION_RE = re.compile(r"\b(?:for|of|on|to|in|from|by|under|between)\b")
_NEXT_WORD_RE = re.compile(r"\s*([\w-]+)")
_DATASET_NOUN_AFTER_RE = re.compile(r"\}?\s*(?:\(\w+\)\s*)?,?\s*"
                                    r"(?:(?:is|was)\s+(?:(?:introduced|presented|released|designed|proposed|constructed|built|curated)\s+)?as\s+|(?:is|was)\s+|serves\s+as\s+)?"
                                    r"(?:an?\s+|the\s+)?(?:new\s+|novel\s+|large-scale\s+|comprehensive\s+|challenging\s+|unified\s+)*"
                                    r"(?:[\w-]+\s+){0,2}?(?:dataset|benchmark|corpus|suite|testbed)s?\b", re.I)
_CLASS_ACRONYM_RE = re.compile(r"([A-Z][A-Z0-9]{1,6})s?")
_COMPARED_BEFORE_RE = re.compile(r"(?:outperform|surpass|beat|compar|than|against|versus|vs\.?|over|baseline|exceed)\w*[^.]{0,60}$", re.I)
_OUR_WE_RE = re.compile(r"\b(?:our|we)\b", re.I)
_BUILT_ON_BEFORE_RE = re.compile(r"\b(?:based on|built (?:up)?on|using|use|uses|adopt\w*|employ\w*|leverag\w*|on top of|fine-tun\w*|with|apply\w*|follow\w*)"
                                 r"\s+(?:the\s+|a\s+|an\s+|pre-?trained\s+)?[\w\s-]{0,30}$", re.I)
_USED_CUE_RE = re.compile(r"\b(?:based on|built (?:up)?on|using|on top of|fine-tun\w*|with|appl\w+ to|adopt\w*|employ\w*|leverag\w*)\b", re.I)
#: "a pre-trained nnU-Net": a model the work starts from
_PRETRAINED_END_RE = re.compile(r"\bpre-?trained\s+$", re.I)
#: "we propose to accelerate CFM": the object of an infinitive (group 1: its verb) is acted on
_INFINITIVE_END_RE = re.compile(r"\bto\s+([a-z]+)\s+(?:the\s+|an?\s+)?$")
#: "a backpropagation-friendly ", "our novel ": an own thing's article and up to two modifiers
_OWN_ARTICLE_END_RE = re.compile(r"(?<![\w-])(?:a|an|our|novel|new|proposed)\s+(?:[\w-]+\s+){0,2}$")
#: "propose to accelerate": a proposal verb followed by an infinitive (group 1: its verb)
_TO_VERB_AFTER_RE = re.compile(r"\s+to\s+([a-z]+)\b")
#: the title's name before its colon ("NExT-Search: Rebuilding ...")
_TITLE_NAME_RE = re.compile(r"\s*([^:]{1,40}?)\s*:")
#: an item of a list of names, right before or after it: "our system, VEO 3.1, and WAN 2.2"
_SIBLING_AFTER_RE = re.compile(r"\s*,?\s*(?:and|or)\s")
_SIBLING_BEFORE_RE = re.compile(r"(?:,\s*(?:and|or)|\s(?:and|or))\s+$")
_OUR_NEW_BEFORE_RE = re.compile(r"\b(?:our|new|novel|we)\b(?!\s+(?:previous|prior|earlier|former)\b)[\w\s-]{0,40}$", re.I)
_MEASURED_AFTER_RE = re.compile(r"\s*(?:of|=|:|≈|<|>)\s*(?:about\s+|only\s+|up to\s+)?[-+−]?\$?\d")
#: "RegNetY-16GF" -> ("RegNetY", "16GF"); "GPT-2 medium" -> ("GPT-2", "medium"): the last part
_VARIANT_SPLIT_RE = re.compile(r"^(.+?)[-_ ]((?:[^-_ ]+))$")
_VARIANT_PART_RE = re.compile(r"[A-Z0-9]|v\d")
#: " and Score Learning": a coordinated Title Case phrase of two or more words
_TITLE_PHRASE_RE = re.compile(r"\s+and\s+((?:[A-Z][\w-]*\s+){1,3}[A-Z][\w-]*)(?![\w-])(?!\s+(?:[A-Z]|and\b))")
_CAP_WORD_BEFORE_RE = re.compile(r"(?<![\w-])([A-Z][a-z]+)\s+$")
_YEAR_RE = re.compile(r"^(?:19|20)\d\d$")
_ALL_CAPS_RE = re.compile(r"[A-Z][A-Z0-9]*")
#: the tail of a known model's variant: a version ("V3.2" -> ".2", "v2") or one plain word ("Zero",
#: "Plus", "mini"); "-LM-32B" (a new model trained by the paper) or "-UNet" (a second name) is not
#: a lower-case head noun right after a name (not a function word starting a clause or phrase)
_LOWER_HEAD_AFTER_RE = re.compile(r"[ ](?!(?:and|or|to|for|with|that|which|is|are|was|were|in|on|of|as|by|from|at|via|"
                                  r"into|than|can|will|the|a|an|we|it|has|have|its)\b)([a-z][a-z-]*)\b(?![(])")
_VARIANT_TAIL_RE = re.compile(r"(?:v?\d[\d.]*[A-Za-z]?|[A-Z]?[a-z]{2,})$")
_LOWER_WORD_END_RE = re.compile(r"(?<![\w-])([a-z][a-z-]*)\s*$")
_ADJ_PROPOSED_RE = re.compile(r"(?<![\w-])(?:[Tt]he|[Oo]ur|[Tt]his|[Tt]hese|[Ii]ts|[Tt]heir)\s+proposed$")
_GERUND_RE = re.compile(r"^[A-Z][a-z]{2,}ing$")
#: "$\tilde{O}(\sqrt{kT})$": inline LaTeX math, where capitalised tokens are variables
_MATH_SPAN_RE = re.compile(r"\$[^$]{1,200}\$")
#: "\cite{CS24}", "\ref{fig:x}": LaTeX references, whose keys are not names
_LATEX_REF_RE = re.compile(r"\\(?:cite[tp]?|citep?|ref|eqref|autoref|cref|Cref|label|url|href)\*?\{[^{}]*\}")
_POSSESSIVE_IN_RE = re.compile(r"\w['’]s\b")
_POSSESSIVE_AT_RE = re.compile(r"['’]s\b")
_BASELINE_AFTER_RE = re.compile(r"\s+(?:[a-z][\w-]*\s+)?baselines?\b")
_NUMBERED_BEFORE_RE = re.compile(r"\(\s*(?:\d|[ivx]{1,4}|[a-e])\s*\)[^;()]{0,80}\(?\s*$")
_TITLE_USE_BEFORE_RE = re.compile(r"(?:\b(?:[Bb]ased\s+[Oo]n|[Uu]sing|[Vv]ia|[Ww]ith|[Ll]everaging|[Tt]hrough)\s+(?:[Tt]he\s+|[Aa]n?\s+)?)$")
_INITIALS_RE = re.compile(r"^(?:[A-Z]\.)+[A-Z]?\.?$")
_LIST_BEFORE_RE = re.compile(r"(?:,|\band|\bor|/|&)\s*$")
_GOVERN_BREAK_RE = re.compile(r"\b(?:on|across|over|against|from)\s")
_ON_USING_END_RE = re.compile(r"\b(?:on|using|across)\s*$")
_NAME_TAIL_RE = re.compile(r"(?:[ \-](?:[A-Z][\w\-+]*|\d[\w.]*|[a-z]+[A-Z][\w\-]*|of|for|and))*")
_CONNECTIVE_END_RE = re.compile(r"(?:\s+(?:of|for|and))+$")
_AND_NEXT_RE = re.compile(r"\s+and\s+(\S+)")
_PAREN_INNER_RE = re.compile(r"\(\s*([^()]{1,80}?)\s*\)")
_ALIAS_LEAD_RE = re.compile(r"(?:abbreviated as|abbreviated|short for|dubbed|termed|called|named|aka|a\.k\.a\.|hereafter|i\.e\.,?|or)\s+", re.I)
_ALIAS_SPLIT_RE = re.compile(r"\s*[,;]\s*|\s+(?:or|and)\s+")
_ARTICLE_PHRASE_END_RE = re.compile(r"(?<![\w-])(?:[Aa]n?|[Aa]nother)\s+(?:[\w-]+\s+){0,2}$")
_NUMBERED_ITEM_RE = re.compile(r"\(\s*(?:\d|[ivx]{1,4}|[a-e])\s*\)\s+(?:(?:a|an|the)\s+)?((?:[A-Z][\w-]*\s+){1,4}[A-Z][\w-]*)(?=\s*(?:,|:|\(|\s(?:where|which|that|to|for)\b))")
#: An item of a colon list of own parts: "(1) a Hybrid Prior Module, where", "; and Shadow User Mode, where"
_COMPONENT_ITEM_RE = re.compile(
    r"(?:^|[;,]\s*(?:and\s+)?|\sand\s+)\s*(?:\(\s*(?:\d|[ivx]{1,4}|[a-e])\s*\)\s*)?(?:(?:a|an|the)\s+)?"
    r"((?:[A-Z][\w-]*\s+){1,4}[A-Z][\w-]*)(?![\w-])(?=\s*(?:[,;:.(]|$)|\s+(?:which|that|where|to|for|with|in|and)\b)")
_CONSISTS_RE = re.compile(r"\b(?:consist\w*|compris\w*|includ\w*|compos\w*)\b")
_MODEL_AFTER_RE = re.compile(r"\s+(?:model|network|method|framework|architecture|backbone|LLM|GPU|CPU)s?\b", re.I)
#: "the MHQA framework", "(MHQA) approach": a singular method head after a dataset-shaped name
_METHOD_NOUN_AFTER_RE = re.compile(r"\)?\s+(?:model|method|framework|approach|architecture|network|algorithm|pipeline|technique|agent)(?![\w-])")
_END_PUNCT_RE = re.compile(r"[.,;:]+$")
#: "CarboNeXT and CarboFormer: ...": a title prefix of two one-word names
_TITLE_PAIR_RE = re.compile(r"(\S+)\s+(?:and|&)\s+(\S+)")
#: "(IHS) approach", "(ADMM) algorithm": one singular algorithm head right after an acronym's parenthesis
_ALGORITHM_AFTER_RE = re.compile(r"\s+(?:approach|algorithm|method)(?![\w-])")
_VIA_BEFORE_RE = re.compile(r"(?:through|via|using|by|with|uses?|appl(?:y|ies|ied)|employ\w*|adopt\w*|based on)\s+(?:the\s+|a\s+)?$", re.I)
_ENTITY_WORD_RE = re.compile(r"(?:entit|object|individual|person)", re.I)
_ON_ACROSS_END_RE = re.compile(r"\b(?:on|across|using)\s+(?:the\s+)?$", re.I)
#: "(MHG), also introduced in this study", "(X), which we propose": the definition is the paper's own
_OWN_AFTER_RE = re.compile(r"\s*,?\s*(?:(?:also|newly|first)\s+)?(?:introduced|proposed|developed|designed)\s+(?:in\s+this\s+(?:study|work|paper)|here(?:in)?|by\s+us)\b"
                           r"|\s*,?\s*(?:which|that)\s+we\s+(?:propose|introduce|develop|design|call|term|dub)\b")
#: what may follow a name that ends its clause: punctuation or a clause word
_CLAUSE_END_AFTER_RE = re.compile(r"\s*(?:[,.;:()]|$)|\s+(?:which|that|to|for|with|and|is|was|where|whose)\b")
#: "a video passthrough HMD, called ": an indefinite noun phrase named right after it
_NAMED_OWN_BEFORE_RE = re.compile(r"(?<![\w-])(?:a|an|our)\s+(?:[\w-]+\s+){0,4}[\w-]+\s*,?\s*(?:called|named|dubbed|termed|coined)\s*$", re.I)
#: "An offline Query Unifier", "a sophisticated Hybrid Compressor": an article, up to three lower-case
#: modifiers (group 1) and a Title Case phrase of two to four words (group 2)
_TITLED_PART_RE = re.compile(r"(?<![\w-])(?:[Aa]n?|[Tt]he|[Oo]ur|[Ii]ts)\s+((?:(?!(?:of|for|in|on|to|with|by|from|and|or|that|which|as|at|into|via|than|is|are|was|were)\s)[a-z][\w-]*\s+){0,3})"
                             r"((?:[A-Z][\w-]*\s+){1,3}[A-Z][\w-]*)(?![\w-])(?!\s+[A-Z])")
#: ``_TITLED_PART_RE`` as a :class:`SeparatorScan` (what ``titled_parts`` runs)
_TITLED_PART_SCAN = SeparatorScan.of(_TITLED_PART_RE)
#: a title's name before a colon or a dash (group 1) and the rest of the title (group 2)
_TITLE_PREFIX_RE = re.compile(r"^\s*([^:]{1,60}?)\s*(?::|\s--?\s|\s—\s)\s*(.*)$")
#: words in the rest of such a title that make its name a dataset's, and a method's
_TITLE_DATASET_WORD_RE = re.compile(r"\b(?:benchmark(?:s|ing)?|datasets?|corpus|suites?|testbeds?|knowledge bases?)\b", re.I)
_TITLE_METHOD_WORD_RE = re.compile(r"\b(?:model|method|framework|network|architecture|system|approach|algorithm)s?\b", re.I)
#: a sentence that opens by referring back to the previous one's subject ("Its core is", "The first is")
_BACK_REFERENCE_RE = re.compile(r"\s*(?:Its|It|The\s+(?:first|second|third|former|latter)|First|Second|Third|Specifically)\b")
#: an optional short parenthesis right after a name ("(K-NN)")
_PAREN_AFTER_RE = re.compile(r"(?:\s*\([^()]{1,30}\))?")
#: "... in the quaternion ": a preposition, an optional article and at most one modifier word
_PP_MODIFIER_END_RE = re.compile(r"(?<![\w-])(?:in|on|of|for|from|with|at|to|into|across|under)\s+(?:(?:the|a|an)\s+)?(?:[\w-]+\s+)?$")
#: an agent noun, the head of a named part ("Unifier", "Compressor", "AutoEncoder")
_AGENT_NOUN_RE = re.compile(r"[a-z](?:er|or)s?$")
#: modifiers that make a part the paper's own ("a novel Dual Orientation AutoEncoder")
_OWN_MOD_RE = re.compile(r"\b(?:novel|new|proposed|dedicated|tailored|custom)\b")
#: an accession number after a repository's name ("OpenNeuro ds006104", "GEO GSE12345")
_ACCESSION_RE = re.compile(r" (?:ds|GSE|GSM|PXD|SRP|PRJNA|PRJEB|phs|syn)\d{4,}(?![\w-])")
#: a comparison governing a list of examples that follows it ("comparable to ... models (e.g., X, Y)")
_EXAMPLE_COMPARE_RE = re.compile(r"(?<![\w-])(?:outperform\w*|surpass\w*|beat\w*|exceed\w*|compared\s+(?:with|to|against)|comparable\s+to|"
                                 r"on\s+par\s+with|competitive\s+with|than|versus|vs\.?|relative\s+to|against)(?![\w-])", re.I)
#: "novel re-initialization methods like", "our proposed modules such as": the head before an
#: example cue is the paper's own kind of thing
_OWN_KIND_END_RE = re.compile(r"(?<![\w-])(?:novel|proposed)\s+(?:(?!(?:in|on|of|for|with|by|from|to|into|via|and|or|as|than|built|based)\s)"
                              r"[\w-]+\s+){0,2}[a-z][\w-]*\s*,?\s*$")
#: "models, including VGG16 and ResNet50, were utilized to ...": a past-tense report after a list
_PAST_PASSIVE_AFTER_RE = re.compile(r"\s*\)?\s*,?\s*(?:were|was)\s+(?:\w+ly\s+)?(utili[sz]ed|used|employed|adopted|applied|"
                                    r"fine-?tuned|evaluated|tested|trained|implemented|benchmarked|compared)\b", re.I)
#: a use or evaluation verb governing a list of examples ("plugged into existing models (e.g. X and Y)")
_EXAMPLE_USE_RE = re.compile(r"(?<![\w-])(?:plugged\s+into|applied\s+to|appl(?:y|ies|ying)\s+(?:\w+\s+)?to|built\s+(?:up)?on|based\s+on|"
                             r"us(?:e|es|ed|ing)|employ\w*|adopt\w*|leverag\w*|fine-?tun\w*|evaluat\w*|benchmark(?:s|ed|ing)|test(?:s|ed|ing)?|"
                             r"experiment\w*\s+(?:with|on))(?![\w-])", re.I)
#: "We evaluate four paired open-source VLMs (LLaVA vs. ": the pairs an analysis evaluates are its
#: objects of study, not baselines
_EVALUATED_PAIR_RE = re.compile(r"\b[Ww]e\s+(?:evaluate|benchmark|test|assess|probe|analy[sz]e|study|examine)\b[^.;:]{0,80}\(\s*[^()]{0,40}\b(?:vs\.?|versus)\s")
#: words before a model-family name that make it a kind of model, not one named model
_FAMILY_KIND_BEFORE_RE = re.compile(r"(?<![\w-])(?:an?|conventional|traditional|classical|classic|standard|vanilla|additional|"
                                    r"typical|simple|plain|basic|generic|any|each|every)\s+(?:[a-z][\w-]*\s+)?$", re.I)
#: an item of a list of capitalised names, right before or after a family name
_FAMILY_LIST_BEFORE_RE = re.compile(r"([A-Z][\w.+-]*[A-Za-z0-9+]|[a-z]+[A-Z][\w.+-]*)\)?\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)$")
_FAMILY_LIST_AFTER_RE = re.compile(r"-?\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)([A-Z][\w.+-]*[A-Za-z0-9+]|[a-z]+[A-Z][\w.+-]*)")
#: a quantity's wording right before a name ("39% lower MAE", "in terms of MAE")
_MEASURE_END_RE = re.compile(r"(?:\d\s*%?|\b(?:lower|higher|reduced|reduces|reduce|improved|improves|in terms of|average|mean))\s+$", re.I)
#: "the " right before a name ("with the U-Net architecture")
_DEFINITE_END_RE = re.compile(r"(?<![\w-])the\s+$", re.I)
#: "X Prompt for Image Captioning": a Title Case long form whose head comes before a purpose phrase
_PURPOSE_SPLIT_RE = re.compile(r"\w\s+(?:for|via|with|using|by)\s+[A-Z]")
#: a sentence whose subject is other people's work ("Existing methods typically employ ...")
_OTHERS_SUBJECT_RE = re.compile(r"\s*(?:(?:However|Yet|Moreover|Additionally|Typically|Currently|Traditionally),?\s+)?"
                                r"(?:[Ee]xisting|[Pp]revious|[Pp]rior|[Rr]ecent|[Cc]urrent|[Cc]onventional|[Tt]raditional|[Cc]lassical|"
                                r"[Mm]ost|[Mm]any|[Ss]tate-of-the-art|[Mm]ainstream|[Pp]opular)\s+(?:[\w-]+\s+){0,2}?"
                                r"(?:methods|approaches|works|studies|models|systems|techniques|frameworks|solutions|pipelines|algorithms|research)\b")
#: "a novel reconstruction method, "SPLiDER", which": a quoted name (group 2) after a head noun (group 1)
_QUOTED_NAME_RE = re.compile(r"(?<![\w-])([a-z]+)\s*,?\s*(?:(?:called|named|dubbed|termed)\s+)?[\"“]([A-Z][\w\-+.]*[\w+])[\"”]")
#: a title that opens with a Title Case noun phrase followed by a purpose ("Flow-Guided Transformer for ...")
_TITLE_HEAD_RE = re.compile(r"\s*((?:[A-Z][\w-]*\s+){1,3}[A-Z][\w-]*)\s+(?:for|of|via|with|in)\s+")
#: heads of a title's noun phrase that describe the work rather than name it
_TITLE_HEAD_GENERIC = frozenset("""framework frameworks pipeline pipelines approach approaches method methods methodology study
system systems evaluation analysis design transfer information optimization reasoning learning training inference
alignment calibration assessment investigation exploration benchmark benchmarks dataset datasets survey review""".split())
#: what may stand between a proposal verb and the proposed phrase: an article and adjectives
_ARTICLE_GAP_RE = re.compile(r"\s+(?:(?:a|an|the|our)\s+)?(?:(?:novel|new|simple|general|efficient|lightweight|unified)\s+){0,2}")
#: a name spelled as a benchmark or arena ("HRBench", "Report Arena", "SpreadsheetArena")
_BENCH_NAME_RE = re.compile(r"(?:Bench|bench|BENCH|Arena)(?:mark)?(?:[-_ ]?v?\d[\w.]*)?$")
_OWN_PART_RE = re.compile(r"(?<![\w-])(?:module|block|component|mechanism|strategy|scheme|layer|filter|guidance|network|head)(?![\w-])", re.I)


#: "$\textbf{CityLens}$, a comprehensive benchmark": a formatting wrapper around a whole word
#: (group 2), which the rules should read as the bare word (group 1 and 3: the wrapper's ends)
_LATEX_WRAP_RE = re.compile(r"(\$?\\(?:textbf|textit|texttt|textsc|textrm|emph|underline|mathbf|mathrm|mathtt|mathsf|text)\{)"
                            r"([A-Za-z0-9][\w\-.+ ]{0,58})(\}\$?)")
#: "Across diverse benchmarks-GoalStep-StepGrounding, ..., and ActivityNet-Captions-one model ...": a
#: hyphen (or a spaced dash) after a plural head noun, before a capitalised item or an example cue,
#: stands for an em dash opening a list (group 1: the dash)
_DASH_LIST_HEADS = ("datasets", "benchmarks", "corpora", "test sets", "baselines", "models", "methods")
_DASH_LIST_OPEN_RE = re.compile(
    rf"(?<![\w-])(?:{'|'.join(_DASH_LIST_HEADS)})(-(?=[A-Z0-9])|\s+-{{1,3}}\s+|-{{2,3}}|\s*\u2014\s*)"
    r"(?=[A-Z0-9]|(?:including|such as|e\.g\.|namely)\b)")
#: the dash that closes such a list: spaced or doubled, or a hyphen glued to a function word
#: ("ActivityNet-Captions-one UniversalVTG checkpoint")
_DASH_LIST_CLOSE_RE = re.compile(
    r"\s+-{1,3}\s+|-{2,3}|\s*\u2014\s*|-(?=(?:one|the|a|an|all|each|every|both|our|we|these|this|they|it|which|where|with|while|show|shows|demonstrate|achieving|achieves)\b)")

#: a math superscript glued to the end of a name: "PASCAL-5$^i$", "COCO-20$^{i}$" (not "I$^2$R")
_NAME_SUPERSCRIPT_RE = re.compile(r"(?<=[A-Za-z0-9])\$\^(\{\w{1,3}\}|\w{1,3})\$(?![\w-])")
_SUPERSCRIPT_MARK = "_^"


def _dash_list_opens(text: str) -> Iterator[re.Match[str]]:
    """``_DASH_LIST_OPEN_RE.finditer(text)``, tried only where one of its head words starts.

    Why: the pattern begins with a look-behind, so ``finditer`` ran its matcher at every
    character (~35 ms per 1k abstracts) to find a list in one abstract of 500; ``str.find``
    locates the seven head words in C, and every match starts at one of them."""
    starts: list[int] = []
    for head in _DASH_LIST_HEADS:
        i = text.find(head)
        while i >= 0:
            starts.append(i)
            i = text.find(head, i + 1)
    if not starts:
        return iter(())
    starts.sort()
    return _match_at(_DASH_LIST_OPEN_RE, text, starts)


def rule_text(text: str) -> str:
    """The text the rules read: ``text`` with formatting wrappers and em-dash hyphens blanked
    (same length, same offsets; mentions and evidence still quote ``text``).

    Why: "$\\textbf{CityLens}$, a benchmark" hides the name in a math span and keeps the
    appositive from touching it; "benchmarks-GoalStep-StepGrounding, Ego4D-NLQ" glues the head
    noun to the first item, so the list reads as one odd name and methods."""
    if "\\" in text and "{" in text:
        def unwrap(m: re.Match[str]) -> str:
            s, e = m.span()
            if s and _is_word_or_dash(text[s - 1]) or e < len(text) and _is_word_or_dash(text[e]):
                return m.group(0)  # "Di$\\mathtt{[M]}$O", "\\textbf{E}fficient": part of a word
            return " " * len(m.group(1)) + m.group(2) + " " * len(m.group(3))
        text = _LATEX_WRAP_RE.sub(unwrap, text)
    if "$^" in text:
        # "PASCAL-5$^i$", "COCO-20$^{i}$": a superscript that ends a name is part of it; blanked to
        # word characters so the name reads as one word (``Scanner.surface`` restores the spelling)
        text = _NAME_SUPERSCRIPT_RE.sub(lambda m: _SUPERSCRIPT_MARK + re.sub(r"\W", "_", m.group(1)) + "_", text)
    if "-" in text or "\u2014" in text:
        chars: list[str] | None = None
        for m in _dash_list_opens(text):
            if chars is None:
                chars = list(text)
            a, b = m.span(1)
            chars[a:b] = ":" + " " * (b - a - 1)
            stop = text.find(". ", b, b + 300)
            c = _DASH_LIST_CLOSE_RE.search(text, b, stop if stop >= 0 else min(len(text), b + 300))
            if c is not None:
                chars[c.start():c.end()] = ";" + " " * (c.end() - c.start() - 1)
        if chars is not None:
            text = "".join(chars)
    return text


def _inside_any(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    """Does ``s:e`` lie inside one of ``spans``? (A plain loop: ``any()`` over a generator costs
    a generator and a frame switch per span, asked for every name-shaped word against every
    claimed span.)"""
    for cs, ce in spans:
        if cs <= s and e <= ce:
            return True
    return False


def _containment_test(spans: list[tuple[int, int, str]]) -> Callable[[int, int], bool]:
    """A test ``(start, end) -> bool`` that is False only when no span of ``spans`` (start, end,
    key) strictly contains ``start:end`` (``s <= start``, ``end <= e``, and longer).

    Why: :meth:`Scanner.resolve` asked, for each entity's occurrences, every span of the text
    in turn (quadratic in the number of names); the occurrences inside another name are few.
    A span strictly containing ``start:end`` either starts before it and ends at or after its
    end, or starts with it and ends after it: the largest end among the spans starting before
    (a prefix maximum) and among those starting there tells whether one can."""
    order = sorted((s, e) for s, e, _ in spans)
    starts = [s for s, _ in order]
    prefix_max_end: list[int] = []
    reach = -1
    for _, e in order:
        reach = max(reach, e)
        prefix_max_end.append(reach)
    max_end_at: dict[int, int] = {}
    for s, e in order:  # ascending: the last end seen for a start is its largest
        max_end_at[s] = e

    def may_be_inside(start: int, end: int) -> bool:
        i = bisect.bisect_left(starts, start)
        return (i > 0 and prefix_max_end[i - 1] >= end) or max_end_at.get(start, -1) > end

    return may_be_inside


class Scanner:
    """Runs the rules over one Doc. Construct per document; ``run`` returns the mentions."""

    def __init__(self, doc: Doc, v: Vocab) -> None:
        self.doc = doc
        self.v = v
        #: the document's text, quoted by mentions and evidence; the rules read ``text``
        self.raw = doc_ext.doc_text(doc)
        self.text = rule_text(self.raw)
        self.lower_ascii = ascii_lower(self.text)
        self.plain = plain_ascii(self.text)
        self._namey_words: list[tuple[int, str]] | None = None
        self.sents: list[tuple[int, int]] = doc_ext.sentence_bounds(doc) or [(0, len(self.text))]
        self.sent_starts = [s for s, _ in self.sents]
        nl = self.text.find(TITLE_SEPARATOR)
        self.title_end = nl if nl >= 0 else 0
        self.entities: dict[str, Entity] = {}
        self.alias_of: dict[str, str] = {}
        self.blocked: list[tuple[int, int]] = []
        self.claimed: list[tuple[int, int]] = []
        for m in doc._.kg_mentions or []:
            if m.type == "hardware":
                self.blocked.append((m.evidence.start, m.evidence.end))
        for u in doc._.kg_urls or []:
            self.blocked.append((u.evidence.start, u.evidence.end))
        if "$" in self.text:  # inline LaTeX in the abstract: its capitals are variables, not names
            self.blocked.extend(m.span() for m in _MATH_SPAN_RE.finditer(self.text, self.title_end)
                                if not (m.start() and _is_word_or_dash(self.text[m.start() - 1]) or m.end() < len(self.text)
                                        and _is_word_or_dash(self.text[m.end()])))  # "Di$\mathtt{[M]}$O" is a name
        if "\\" in self.text and "{" in self.text:  # "known from \cite{CS24}": a citation key, not a name
            self.blocked.extend(m.span() for m in _LATEX_REF_RE.finditer(self.text))
        if "://" in self.text or "www." in self.text or "github.com/" in self.text:  # else no match
            for m in _URL_RE.finditer(self.text):
                self.blocked.append(m.span())
        self._sent_cache: dict[int, dict[str, bool]] = {}
        self._sentence_hits: dict[str, set[int]] = {}
        self._sent_text: dict[int, str] = {}
        self._glued: list[int] | None = None
        #: where each cue family's first words start (None: not ASCII, scan with the patterns)
        self.cues: dict[str, list[int]] | None = \
            v.cue_index.positions(self.lower_ascii) if v.cue_index is not None and self.lower_ascii is not None else None
        self.defs: dict[str, str] = {}  # short form -> long form, as defined in this text
        #: a cheap guard for the contribution-list role cue (cues.json contribution_cues all hold it)
        self.has_contrib = "ontribut" in self.text
        self.rejected: set[str] = set()  # acronyms defined as tasks, metrics, techniques

    # -- helpers ---------------------------------------------------------------------------
    def sent_of(self, pos: int) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(self.sent_starts, pos) - 1)
        return self.sents[i]

    def in_title(self, pos: int) -> bool:
        return pos < self.title_end

    def is_blocked(self, s: int, e: int) -> bool:
        for bs, be in self.blocked:
            if s < be and bs < e:
                return True
        return False

    def sent_flags(self, pos: int) -> dict[str, bool]:
        ss, _ = self.sent_of(pos)
        f = self._sent_cache.get(ss)
        if f is None:
            i = self.sentence_index(pos)
            f = {
                "self": i in self.sentences_with("self", self.v.self_re),
                "propose": i in self.sentences_with("propose", self.v.propose_re),
                "background": i in self.sentences_with("background", self.v.background_re),
                "title": ss < self.title_end or self.in_title(ss),
            }
            self._sent_cache[ss] = f
        return f

    def sentences_with(self, family: str, pattern: re.Pattern[str] | AsciiGuarded) -> set[int]:
        """Indices of the sentences that ``pattern`` (a pattern of the cue ``family``, see
        :meth:`cue_finditer`) finds something in, searched sentence by sentence. Computed once
        per document from the family's cue positions: a search per sentence costs ~3 µs even
        where there is nothing to find."""
        hits = self._sentence_hits.get(family)
        if hits is None:
            if isinstance(pattern, AsciiGuarded):
                pattern = pattern.twin if self.plain else pattern.unicode
            sents, text = self.sents, self.text
            if self.cues is None:
                hits = {i for i, (ss, se) in enumerate(sents) if pattern.search(text[ss:se])}
            else:
                hits = set()
                starts, sent_text = self.sent_starts, self._sent_text
                glued = self.glued_starts()
                for p in sorted(self.cues[family] + glued) if glued else self.cues[family]:
                    i = bisect.bisect_right(starts, p) - 1
                    if i >= 0 and i not in hits:
                        ss, se = sents[i]
                        if p < se:
                            t = sent_text.get(i)
                            if t is None:
                                t = sent_text[i] = text[ss:se]
                            if pattern.match(t, p - ss):
                                hits.add(i)
            self._sentence_hits[family] = hits
        return hits

    def glued_starts(self) -> list[int]:
        """The sentence starts that follow a word character or a hyphen: there a cue pattern's
        look-behind, run on the sentence alone, sees no character, so a cue word may match
        that the scan (which saw one) skipped. Rare: sentences begin after a space."""
        if self._glued is None:
            text = self.text
            self._glued = [ss for ss in self.sent_starts
                           if ss and ((c := text[ss - 1]) == "-" or c == "_" or c.isalnum())]  # [\w-]
        return self._glued

    def cue_finditer(self, family: str, pattern: re.Pattern[str] | AsciiGuarded, subject: str,
                     offset: int = 0) -> Iterator[re.Match[str]]:
        """``pattern.finditer(subject)``, where ``subject`` is ``self.text[offset:offset + len(subject)]``
        (the text itself when ``offset`` is 0), tried only where a first word of the cue
        ``family`` starts (:class:`CueIndex`). ``pattern`` must begin with ``(?<![\\w-])`` and one
        of the family's words, and never match the empty string."""
        if isinstance(pattern, AsciiGuarded):
            pattern = pattern.twin if self.plain else pattern.unicode
        if self.cues is None:
            return pattern.finditer(subject)
        at = self.cues.get(family, ())
        if not offset:
            # the whole text (most rules), or a prefix of it: no offsets to shift, no glued start
            if not at:
                return iter(())
            if at[-1] < len(subject):
                return _match_at(pattern, subject, at)
        lo = bisect.bisect_left(at, offset)
        hi = bisect.bisect_left(at, offset + len(subject), lo)
        starts = [p - offset for p in at[lo:hi]] if offset else at[lo:hi]
        if offset and (not starts or starts[0]) and _is_word_or_dash(self.text[offset - 1]):
            # a slice starting right after a word character: the look-behind sees no character
            # there, so a cue word may match at its start that the scan (which saw one) skipped
            starts.insert(0, 0)
        if not starts:
            return iter(())
        return _match_at(pattern, subject, starts)

    def cue_sentences(self, *families: str) -> dict[str, set[int]]:
        """For each cue family, the indices of the sentences in which its patterns can match
        (every sentence without a :class:`CueIndex`): the others hold none of its first words,
        so a rule that only acts on such matches can skip them."""
        if self.cues is None:
            every = set(range(len(self.sents)))
            return {f: every for f in families}
        starts = self.sent_starts
        glued = {bisect.bisect_right(starts, p) - 1 for p in self.glued_starts()}
        return {f: {i for p in self.cues[f] if (i := bisect.bisect_right(starts, p) - 1) >= 0} | glued
                for f in families}

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, pos) - 1)

    def rejected_method_name(self, w: str) -> bool:
        return self.v.rejected_method_name(w)

    def concept_long_form(self, long: str) -> bool:
        """A lower-case long form whose head noun names an activity or paradigm
        (``reinforcement learning from human feedback``, ``quantum error correction``).
        The head is the last word before the first preposition."""
        if any(ch.isupper() for ch in long):
            return False
        head = re.split(r"\s+(?:from|of|for|with|via|in|on|to|under|using|by)\s+", long.lower())[0].split()
        return bool(head) and head[-1] in self.v.concept_long_heads

    def named_head(self, long: str) -> bool:
        """Does a lower-case long form end in a thing or a process (``token merging``, ``... pretrained
        transformer``) rather than a concept or a class (``narrow field of view``, ``sign languages``)?
        A mixed-case acronym of such a long form (ToMe, UMedPT) is a name."""
        head = re.split(r"\s+(?:from|of|for|with|via|in|on|to|under|using|by)\s+", long.lower())[0].split()
        if not head or head[-1].endswith("s") or head[-1] in self.v.concept_heads:
            return False
        h = head[-1]
        return h in self.v.method_heads or h.endswith(("ing", "er", "or"))

    def known_variant(self, ent: Entity) -> bool:
        """Is an entity no rule matched in the gazetteer still a known model: another spelling of a
        known form (EVA02 for EVA-02, GPT-4o-mini) or a known name plus a version or variant tail
        (DeepSeek-V3.2, DeepSeek-R1-Zero, Qwen-Plus)?

        Why: such a name is someone else's model, so like a known name it is the paper's own only
        through a naming construction ("we propose X", "our X", "X: ..." in the title), never
        because it sits in a sentence about the paper's work ("Across three LLM backbones
        (GPT-4o-mini, DeepSeek-V3.2) we construct ..."). A tail that is itself a known name
        (PSO-UNet) makes a new composite, not a variant."""
        if ent.known:
            return True
        if ent.kind == "dataset":
            return False
        if ent.key in self.v.method_keys:
            return True
        name = ent.name
        by_lower = self.v.methods.by_lower
        for i in range(len(name) - 1, 1, -1):
            if name[i] not in "-._ " or len(name) - i > 12:
                continue
            prefix, tail = name[:i], name[i + 1:]
            entry = by_lower.get(prefix.lower())
            if entry is None or entry.context or prefix not in entry.forms or len(norm_key(prefix)) < 3:
                continue
            t_entry = by_lower.get(tail.lower())
            return _VARIANT_TAIL_RE.match(tail) is not None and not (t_entry is not None and tail in t_entry.forms) \
                and tail not in self.v.not_method
        return False

    def class_acronym(self, ent: Entity) -> bool:
        """An acronym the text uses as a class of models or a technique, not one system:
        plural (``DUNs``), compound modifier (``DUN-based``, ``RA-enhanced``) or ``existing X``,
        and never named by a proposal rule (``we propose X``, ``our X``, a title prefix)."""
        m = _CLASS_ACRONYM_RE.fullmatch(ent.name)
        if not m:
            return False
        base = m.group(1)
        if any(o.rule in ("propose", "named", "our", "title_prefix", "paren_name", "numbered") for o in ent.occs):
            return False
        if any(o.hint == "proposed" and o.rule == "acronym" for o in ent.occs) and not ent.name.endswith("s"):
            return False  # "we propose the Mask-Aware Dual Diffusion (MADD) model"
        # a modifier use ("RA-enhanced", "conventional RA") marks a class only when the long form
        # is written as ordinary words ("Rotatable antenna"); a Title Case long form is a name
        # ("Fourier Neural Operator (FNO)", then "FNO-based solvers")
        long = self.defs.get(base) or self.defs.get(base + "s") or ""
        plain_long = bool(long) and any(w[:1].islower() for w in long.split()[1:] if len(w) > 3)
        for x_start, suf in acronym_uses(self.text, base):
            if suf == "s":
                return True
            if plain_long and suf and self.v.class_suffix_re.match(suf):
                return True
            if plain_long and suf is None and self.v.class_before_re.search(self.text[max(0, x_start - 30):x_start]):
                return True
            if suf is None and base.lower() not in self.v.methods.by_lower \
                    and self.v.class_plural_after_re.match(self.text, x_start + len(base)) \
                    and self.v.class_plural_before_re.search(self.text, max(0, x_start - 30), x_start):
                return True  # "eleven DOV methods", "current DOV methods": a family of methods
        return False

    def entity(self, name: str, kind: str | None, known: bool = False) -> Entity:
        k = norm_key(name)
        k = self.alias_of.get(k, k)
        ent = self.entities.get(k)
        if ent is None:
            ent = Entity(key=k, name=name, kind=kind, known=known)
            self.entities[k] = ent
        if kind and ent.kind is None:
            ent.kind = kind
        ent.known = ent.known or known
        return ent

    def add(self, name: str, kind: str | None, s: int, e: int, rule: str, hint: str | None = None,
            known: bool = False, strong: bool = False) -> Entity | None:
        if not name or self.is_blocked(s, e):
            return None
        if not known and (name in self.rejected or name + "s" in self.rejected) and kind != "dataset":
            return None  # an acronym the text defines as a field, setting or metric
        if not known:
            low = name.lower()
            entry = (self.v.datasets if kind == "dataset" else self.v.methods).by_lower.get(low) \
                or self.v.datasets.by_lower.get(low) or self.v.methods.by_lower.get(low)
            if entry is not None and not entry.context and name not in self.defs and (
                    entry.name.lower() == low or entry.kind == "dataset"):
                name, kind, known = entry.name, entry.kind, True
        ent = self.entity(name, kind, known)
        surface = self.text[s:e]
        sk = norm_key(surface)
        if sk != ent.key and sk not in self.entities:
            self.alias_of.setdefault(sk, ent.key)
        seen = False
        for o in ent.occs:  # a loop, not any(): names recur, and this runs per occurrence
            if o.start == s and o.end == e:
                seen = True
                break
        if not seen:
            ent.occs.append(Occ(s, e, rule, hint))
        elif hint:
            for o in ent.occs:
                if o.start == s and o.end == e and o.hint is None:
                    o.hint = hint
        if surface not in ent.forms:
            ent.forms.append(surface)
        if kind:
            ent.kind_votes[kind] = ent.kind_votes.get(kind, 0) + (2 if strong or known else 1)
        ent.strong = ent.strong or strong or known
        self.claimed.append((s, e))
        return ent

    def link(self, short: str, long: str, ent: Entity) -> None:
        """Make ``long`` an alias of ``ent`` so later mentions of either land on one entity."""
        lk = norm_key(long)
        if lk in self.entities and self.entities[lk] is not ent:
            other = self.entities.pop(lk)
            ent.occs.extend(other.occs)
            for f in other.forms:
                if f not in ent.forms:
                    ent.forms.append(f)
            ent.known = ent.known or other.known
            ent.strong = ent.strong or other.strong
            for k, n in other.kind_votes.items():
                ent.kind_votes[k] = ent.kind_votes.get(k, 0) + n
        self.alias_of[lk] = ent.key
        ent.long_form = ent.long_form or long

    # -- rules -----------------------------------------------------------------------------
    def gazetteer(self, gz: Gazetteer) -> None:
        text = self.text
        if gz.regex_lower is not None and self.lower_ascii is not None:
            if self.cues is not None:
                # only where a form's first letters start (CueIndex): the gazetteer's trie,
                # tried at every word of the text, cost 60 ms per 1k abstracts each
                matches = _match_at(gz.regex_lower, self.lower_ascii, self.cues[f"{gz.kind}_names"])
            else:
                matches = gz.regex_lower.finditer(self.lower_ascii)
        else:
            matches = gz.regex.finditer(text)
        for m in matches:
            s, e = m.span()
            surface = text[s:e]
            entry = gz.by_lower.get(surface.lower())
            if entry is None:
                continue
            exact = surface in entry.forms
            if not exact:
                if entry.context or len(surface) < 4 or not any(ch.isupper() for ch in surface) \
                        and not self.lower_versioned(surface):
                    continue
                if surface.isupper() and not any(f.isupper() for f in entry.forms):
                    continue  # VLLM is not vLLM
                if surface.endswith("s") and any(f == surface[:-1] + "S" for f in entry.forms):
                    continue  # 3DGs (Gaussians) is not 3DGS
            fam = bool(entry.family) and (surface in entry.family or surface.lower() in {f.lower() for f in entry.family})
            if fam and not self.family_use(s, e, surface, entry):
                continue  # "replacing the conventional U-Net", "a causal U-Net architecture": the family
            if gz.kind == "method" and (surface in self.v.not_method or entry.name in self.v.not_method) and not fam:
                continue  # the stop list wins: RLHF, CoT are paradigms in this gold, not named methods
            d = self.defs.get(surface)
            if d is not None and d.lower() not in gz.by_lower and norm_key(d) not in {norm_key(f) for f in entry.forms} \
                    and not self.loose_long_form(d, entry):
                continue  # the text defines this acronym as something else
            if d is not None and gz.kind == "method" and surface in self.rejected and self.concept_long_form(d):
                continue  # "reinforcement learning from human feedback (RLHF)": a training paradigm here
            suf = SUFFIX_RE.match(text, e)
            ext_e = e
            if suf and suf.group(0).strip():
                cand = suf.group(0)
                # a bare " 2024" after a dataset is a year only when it is not "in 2024"
                ext_e = e + len(cand.rstrip())
                if ext_e < len(text) and (text[ext_e].isalnum()):
                    ext_e = e
            if gz.kind == "dataset":
                acc = _ACCESSION_RE.match(text, ext_e)
                if acc:
                    ext_e = acc.end()  # "OpenNeuro ds006104": one deposited dataset of a repository
            full = text[s:ext_e]
            if entry.context and s < self.title_end and gz.kind == "method" and not surface.isupper():
                continue  # Title Case words in titles are ordinary words
            if entry.context or (len(norm_key(surface)) <= 3 and not exact):
                if gz.kind == "dataset" and not self.dataset_context(s, ext_e):
                    continue
                if gz.kind == "method" and not self.method_context_ok(s, ext_e, surface):
                    continue
            if gz.kind == "dataset" and len(norm_key(surface)) <= 3 and not self.dataset_context(s, ext_e):
                continue
            if gz.kind == "dataset":
                self.add(full if acc else entry.name, "dataset", s, ext_e, "gazetteer", known=True)
            else:
                if ext_e > e or (any(ch.isdigit() for ch in surface) and norm_key(surface) != norm_key(entry.name)
                                 and not any(ch.isdigit() for ch in entry.name)):
                    name = full
                else:
                    name = entry.name
                self.add(name, "method", s, ext_e, "gazetteer", known=True)

    @staticmethod
    def loose_long_form(long: str, entry: GazEntry) -> bool:
        """Is ``long`` a loose spelling of a known long form of ``entry``, with the same first and
        last word? "Stochastic gradient-based descent (SGD)" still defines SGD; a text that defines
        its acronym as something else ("Scene Graph Decoder (SGD)") keeps its own meaning."""
        lw = long.lower().split()
        if len(lw) < 2:
            return False
        for f in entry.forms:
            fw = f.lower().split()
            if len(fw) >= 2 and fw[0] == lw[0] and fw[-1] == lw[-1]:
                return True
        return False

    @staticmethod
    def lower_versioned(surface: str) -> bool:
        """``gpt-4o``, ``llama-3``: a known name written in lower case still names the model when
        it carries a hyphen and a version digit, a shape no English word has (``bert``, ``clip``
        and ``swin`` in lower case stay words)."""
        return "-" in surface and any(ch.isdigit() for ch in surface) and any(ch.isalpha() for ch in surface)

    def family_use(self, s: int, e: int, surface: str, entry: GazEntry) -> bool:
        """Does the text use a model-family name (U-Net, LSTM, MAE) as one named model here?

        Why: the gold lists such names only where a paper compares with them ("outperforms MAE",
        "than state-of-the-art U-Net and Transformer-based models"), lists them with other named
        models ("SiT, JiT, and UNet", "LSTM and Mamba"), builds on the named one ("integrates PSO
        with the U-Net architecture") or defines them ("masked autoencoders (MAE)"); a kind of
        model ("a causal U-Net architecture", "the conventional U-Net", "additional U-Net
        computation") is not listed."""
        text = self.text
        ss, se = self.sent_of(s)
        before = text[max(ss, s - 80):s]
        if _FAMILY_KIND_BEFORE_RE.search(before[-40:]):
            return False
        d = self.defs.get(surface)
        if d is not None and norm_key(d).rstrip("s") in {norm_key(f).rstrip("s") for f in entry.forms}:
            return True  # "masked autoencoders (MAE)": the text names the model it means
        after = text[e:min(se, e + 40)]
        lb, la = _FAMILY_LIST_BEFORE_RE.search(before), _FAMILY_LIST_AFTER_RE.match(after)
        if _MEASURE_END_RE.search(before):
            return False  # "39% lower MAE": a metric of the same spelling
        if self.v.compare_re.search(before[-60:]) and _COMPARED_BEFORE_RE.search(before):
            return True
        if any(x is not None and (x.group(1).isupper() and self.rejected_method_name(x.group(1)) or x.group(1) in self.rejected)
               for x in (lb, la)):
            return False  # "RMSE, MAE, and R^2": listed with metrics
        if lb is not None or la is not None:
            return True
        return bool(_DEFINITE_END_RE.search(before) and _MODEL_AFTER_RE.match(after))

    def dataset_context(self, s: int, e: int) -> bool:
        """Is a short or ambiguous known dataset name used as a dataset here?"""
        ss, se = self.sent_of(s)
        nxt = _NEXT_WORD_RE.match(self.text, e)
        if nxt and nxt.start(1) == e + 1 and nxt.group(1).lower() in self.v.dataset_not_before:
            return False  # "the quasi-linear Fisher market", "the Fisher model": a person's name on a concept
        window = self.text[max(ss, s - 80): min(se, e + 60)]
        if _ON_ACROSS_END_RE.search(self.text[max(ss, s - 12):s]):
            return True
        if self.v.dataset_head_re.search(window) or re.search(
                r"\b(?:evaluat\w*|test\w*|train\w*|experiments?|results?|benchmark\w*|accuracy|score[sd]?|achiev\w+|fine-tun\w+|sets?)\b", window, re.I):
            return True
        return False

    def method_context_ok(self, s: int, e: int, surface: str) -> bool:
        ss, _ = self.sent_of(s)
        if s == ss and not self.in_title(s):
            # Sentence-initial capitalised word: may be an ordinary word.
            return surface.isupper() or any(ch.isdigit() for ch in surface)
        return True

    def acronyms(self) -> None:
        """``Long Form (LF)`` and ``LF (Long Form)`` and ``Name (Alias)``."""
        text = self.text
        for m in _PAREN_INNER_RE.finditer(text):
            inner = m.group(1)
            lead = _ALIAS_LEAD_RE.match(inner)
            off = lead.end() if lead else 0
            first = _ALIAS_SPLIT_RE.split(inner[off:])[0].strip()
            ps, pe = m.start(1) + off, m.start(1) + off + len(first)
            ss, _ = self.sent_of(m.start())
            before = text[max(ss, m.start() - 150): m.start()]
            if ACR_INNER.match(first) and sum(ch.isupper() for ch in first) >= 1 and len(first) <= 20 \
                    and (is_namey(first) or first[:1].isupper()) and not PURE_NUMBERISH.match(first):
                long = schwartz_hearst(first, before)
                if long:
                    ls = m.start() - len(before) + before.rfind(long)
                    self.definition(first, ps, pe, long, ls, ls + len(long))
                    continue
                # head noun (Name): "one such architecture (Cortexica)"
                hw = last_alnum(before)
                if hw and hw.group(1).lower() in self.v.method_heads and " " not in first and first[:1].isupper() \
                        and not self.rejected_method_name(first) and first not in self.v.stop_cap:
                    f = self.sent_flags(ps)
                    # "across diverse architectures (ResNetV2, Vision Transformers)": a plural head with a
                    # list names examples the work runs on, not its own system
                    examples = hw.group(1).endswith("s") or "," in inner
                    self.add(first, None, ps, pe, "paren_name", hint="proposed" if f["self"] and not examples else None,
                             strong=True)
                    continue
                # Name (Alias): MobileNetV4 (MNv4)
                pw = last_word(before)
                if pw and is_namey(pw.group(1)) and is_namey(first) and not self.rejected_method_name(first) \
                        and not self.rejected_method_name(pw.group(1)) \
                        and not (len(norm_key(first)) > len(norm_key(pw.group(1))) + 2 and norm_key(pw.group(1)) in norm_key(first)):
                    # (not "the domain-adapted MARBERT (MentalMARBERT)": a model derived from the first, not its alias)
                    ws = m.start() - len(before) + pw.start(1)
                    ent = self.add(pw.group(1), None, ws, ws + len(pw.group(1)), "acronym")
                    if ent:
                        self.add(pw.group(1), None, ps, pe, "acronym")
                        self.alias_of[norm_key(first)] = ent.key
                continue
            # reverse: MADD (Mask-Aware Dual Diffusion)
            pw = last_word(before)
            if pw and " " in inner and is_namey(pw.group(1)):
                acr = pw.group(1)
                if schwartz_hearst(acr, inner, reverse=True):
                    ws = m.start() - len(before) + pw.start(1)
                    self.definition(acr, ws, ws + len(acr), inner, m.start(1), m.end(1))

    def definition(self, short: str, ss: int, se: int, long: str, ls: int, le: int) -> None:
        v = self.v
        lw = long.split()
        last = lw[-1].lower().strip("-") if lw else ""
        self.defs[short] = long
        if short.endswith("s") and len(short) > 2 and short[-2].isupper() and short[:-1] not in v.not_method:
            entry = v.methods.by_lower.get(short[:-1].lower())
            lk = norm_key(long)
            if entry is not None and short[:-1] in entry.forms and not entry.context \
                    and any(norm_key(f) in (lk, lk[:-1]) for f in entry.forms if " " in f):
                # "vision transformers (ViTs)": the plural of a known model family, defined by its own
                # long form, is that family ("Large Language-Vision Models (LLVMs)" is not LLVM)
                self.add(entry.name, "method", ss, se, "acronym", known=True)
                return
        f = self.sent_flags(ss)
        own_head = _OWN_PART_RE.search(long) is not None
        own = (f["self"] and f["propose"]) or own_head
        # "we propose X (Y)" right before the long form: the paper's own named contribution
        w0 = max(0, min(ss, ls) - 45)
        win = self.text[w0: min(ss, ls)]
        pm = list(self.cue_finditer("propose", v.propose_re, win, w0))
        # "we propose X (Y)": the long form is the verb's object, not inside a prepositional
        # phrase ("presents a closed-form expression for the linear minimum ... error (LMMSE)")
        obj0 = pm[-1].end() if pm else 0
        if pm and (fr := v.proposal_frame_re.match(win, obj0)):
            obj0 = fr.end()  # "we introduce the idea of employing structure learning ensemble (SLE)"
        own_close = bool(pm) and not _PREPOSITION_RE.search(win[obj0:]) \
            and not v.others_propose_re.search(self.text, max(w0, pm[-1].start() - 25), pm[-1].start())
        close_p = self.text.find(")", max(se, le))
        if 0 <= close_p < max(se, le) + 3 and _OWN_AFTER_RE.match(self.text, close_p + 1):
            own = own_close = True  # "the multi-head gate (MHG), also introduced in this study"
        nxt0 = _NEXT_WORD_RE.match(self.text[close_p + 1: close_p + 40]) if 0 <= close_p < max(se, le) + 3 else None
        own_named = False
        if not own_close and ss > ls and 0 <= close_p < se + 3:
            lb = self.text[max(self.sent_of(ls)[0], ls - 30):ls]
            if nxt0 is not None and nxt0.group(1).lower() in v.method_heads and v.own_long_before_re.search(lb) \
                    or f["self"] and v.named_long_before_re.search(lb):
                # "alongside novel accelerated projected gradient ascent (APGA) algorithms", "we propose
                # a ... method, called depth-aided low-rank ... (D-LRQMC)": the paper's own named method
                own = own_close = own_named = True
        if nxt0 and nxt0.group(1).lower() in v.submodule_heads_after and ss > ls and (
                f["self"] or self.own_parts_sentence(ls)):
            # "each stage comprising a reflectance-assisted illumination correction (RAIC) module":
            # a named part of the paper's own model
            own = own_close = sub_own = True
        else:
            sub_own = False
        title_case = all(w[:1].isupper() or w[:1].isdigit() or w.lower() in ("of", "for", "and", "the", "a", "in", "with", "to", "on")
                         for w in long.split())
        if self.rejected_method_name(short) or short.rstrip("s") in v.not_method or long.lower() in v.generic_phrases:
            self.rejected.add(short)
            return
        if not own_close and v.category_re.search(self.text[self.sent_of(ss)[0]:min(ss, ls)]):
            # "we categorize tasks into two classes: Lateral Root System (LRS) ... and ...": a
            # category of the data, not a method
            self.rejected.add(short)
            return
        own_use = False
        # "Multi-token prediction (MTP) is ...", "'Non-exclusive dispatch (NED)' mitigates ...": a
        # long form capitalised only because it opens the sentence is written in lower case
        lt = long.lstrip("\"'‘’“”(")
        plain_long = not any(ch.isupper() for ch in long) or (
            lt[:1].isupper() and not any(ch.isupper() for ch in lt[1:])
            and not self.text[self.sent_of(ls)[0]:ls].strip(" \"'‘’“”([*")) or (
            # "M-ary phase-shift keying (M-PSK)": a one-letter variable is its only capital
            lt[1:2] == "-" and lt[:1].isupper() and lt[2:3].islower() and not any(ch.isupper() for ch in lt[1:]))
        if plain_long and not (own_close or own_head or ss < ls) \
                and long.lower() not in v.methods.by_lower and not (shape_class(short) == "mixed" and self.named_head(long)) \
                and not (own_use := self.own_part_use(short, max(se, le))) \
                and not self.algorithm_after(short, max(se, le)):
            # "automatic differentiation (AD)", "generalized category discovery (GCD)": a lower-case
            # concept; a proposal cue elsewhere in the sentence is not enough, it must name it.
            # "SBP (split, broadcast and partial-value)" writes the name first: that is a name.
            self.rejected.add(short)
            return
        close0 = self.text.find(")", max(se, le))
        known0 = long.lower() in v.methods.by_lower or short.lower() in v.methods.by_lower
        if not known0 and ss > ls and 0 <= close0 < se + 3 and (
                _MEASURED_AFTER_RE.match(self.text, close0 + 1)
                or (plain_long and v.class_suffix_re.match(self.text, close0 + 1))
                or (pm and v.concept_head_re.search(win, pm[-1].end()))):
            # "an Evidence Lower Bound (ELBO) of 1.38": a quantity; "an unsupervised domain
            # adaptation (UDA)-driven framework": a modifier of the real head; "we present a novel
            # metric, the Power-Preservation Index (PPI)": the text types the name as a concept
            self.rejected.add(short)
            self.rejected.add(long)
            return
        if not known0 and (
                (0 <= close0 < max(se, le) + 3 and v.appositive_concept_re.match(self.text, close0 + 1)
                 and not v.appositive_method_re.match(self.text, close0 + 1))
                # "Type A Aortic Dissection (TAAD) is a life-threatening cardiovascular emergency",
                # "Active Surveillance (AS) is a treatment option": defined as a condition, task or field
                or 0 <= close0 < max(se, le) + 3 and not own_close and v.copula_concept_re.match(self.text, close0 + 1)
                or self.concept_called(self.text[max(0, min(ss, ls) - 40): min(ss, ls)])
                # "a sharp reduction in Effective Receptive Field (ERF)": a quantity
                or ss > ls and not own_close and v.quantity_change_before_re.search(self.text, max(0, ls - 30), ls)):
            # "generalized face discovery (GFD), a novel ... task", "a task, called Music Scene
            # Imagination (MSI)": the text itself types the acronym as a task or concept.
            self.rejected.add(short)
            self.rejected.add(long)
            return
        kind: str | None = None
        # the word after the parenthesis: "Minimal Video Pairs (MVP) benchmark",
        # "Generative Adversarial (GA) learning" (the acronym only modifies the real head)
        close = self.text.find(")", max(se, le))
        nxt = _NEXT_WORD_RE.match(self.text[close + 1: close + 40]) if 0 <= close < max(se, le) + 3 else None
        next_word = nxt.group(1).lower() if nxt else ""
        known_long = known0
        nxt2 = _NEXT_WORD_RE.match(self.text, close + 1 + nxt.end()) if nxt else None
        head_after = nxt2 is not None and nxt2.group(1).lower() in v.method_heads
        if not known_long and next_word in v.modifier_heads and next_word not in v.dataset_heads and not head_after:
            # "Generative Adversarial (GA) learning"; not "(SVI) analysis framework", whose head is a method's
            self.rejected.add(short)
            return
        if not known_long and not own_close and not title_case and not head_after and next_word not in v.method_heads and ss > ls \
                and next_word.endswith(v.process_endings) and len(next_word) > 5:
            # "chest X-ray (CXR) interpretation": a lower-case acronym modifying a process noun names
            # the object of a task, not a method
            self.rejected.add(short)
            return
        np_head = re.split(r"\s+(?:of|for|on|in)\s+", long.lower())[0].split()
        np_head_word = np_head[-1].strip("-") if np_head else ""
        if (last in v.concept_heads and not own_close or last in v.entity_long_heads
                or np_head_word in v.entity_long_heads) and not known_long:
            # "Remote Sensing (RS)", "Sentence Error Rate (SER)": fields, settings and metrics;
            # "National Institutes of Health (NIH)": an organisation (the head before "of")
            self.rejected.add(short)
            return
        if last in v.dataset_heads or v.dataset_name_re.match(short) and not (close >= 0 and _METHOD_NOUN_AFTER_RE.match(self.text, close)) \
                or next_word in v.dataset_heads or (any(w.lower() in v.dataset_longform_words for w in lw) and not (
                    # "Dataset Ownership Verification (DOV)", "Dataset Distillation (DD)": a task on data
                    last not in v.dataset_longform_words and (last in v.concept_heads or last.endswith(v.process_endings)))) \
                or title_case and 0 <= close < max(se, le) + 3 and v.dataset_next_re.match(self.text, close + 1):
            kind = "dataset"
        elif title_case and (last not in HARD_TASK_WORDS and (last not in v.title_task_words or known_long)
                             or _PURPOSE_SPLIT_RE.search(long)):
            pass  # "Objects and Relations Prompt for Image Captioning (RORPCap)": the task is the purpose
        elif (last in v.task_suffix or last in v.title_task_words) and last not in v.keep_suffix:
            # "automatic speech recognition (ASR)", "time to first token (TTFT)": not methods,
            # unless the paper presents it as its own contribution.
            # (or the title opens with the acronym: "ICDM: Interference Cancellation Diffusion
            # Models ..." with "we develop an interference cancellation diffusion model (ICDM)")
            titular = last in ("model", "models") and own \
                and (title_case or self.text.startswith((short + ":", short + " :"))) \
                and norm_key(long).rstrip("s") in norm_key(self.text[:self.title_end])
            if not titular and (last in ("models", "model", "language") or not own_close and (
                    not own or last == "learning" or last in v.title_task_words)):
                # ("Residual Reward Model (RRM)" in a paper titled "Residual Reward Models for ..." is
                # the paper's own model, not a generic class)
                self.rejected.add(short)
                return
        ent = self.add(short, kind, ss, se, "acronym", hint="proposed" if (sub_own or own_use or own_named) and kind is None else None, strong=True)
        if ent is None:
            return
        ent.forms.append(long) if long not in ent.forms else None
        self.link(short, long, ent)

    def algorithm_after(self, short: str, end: int) -> bool:
        """Does the acronym at ``end`` head a single algorithm ("the implicit hitting set (IHS)
        approach offers ...", "an alternating direction method of multipliers (ADMM) algorithm")?

        Why: a lower-case long form is usually a concept (``automatic differentiation (AD)``), but
        one the text itself types as one approach, algorithm or method names a method someone
        can use. Only these singular heads: "(RL) agent" or "(LLM) system" name the paper's
        own system, built on a paradigm, not the paradigm as a method."""
        close = self.text.find(")", end)
        return 0 <= close < end + 3 and _ALGORITHM_AFTER_RE.match(self.text, close + 1) is not None \
            and not self.rejected_method_name(short) and short.rstrip("s") not in self.v.not_method

    def concept_called(self, window: str) -> bool:
        """"a task, called Music Scene Imagination (MSI)": ``window`` ends with a concept noun and a
        naming verb, which type the name as that concept. Not when the noun sits in a prepositional
        phrase ("an inpainting method in the quaternion domain, called ..."): it is not the head the
        name names."""
        m = self.v.concept_called_re.search(window)
        return m is not None and _PP_MODIFIER_END_RE.search(window, 0, m.start()) is None

    def title_head_name(self) -> None:
        """``Flow-Guided Transformer for Video Inpainting`` / "We propose a flow-guided transformer,
        which ...": a Title Case head of the title that the abstract proposes in so many words
        (in any case) is the name of the paper's method."""
        title = self.text[: self.title_end]
        m = _TITLE_HEAD_RE.match(title)
        if not m:
            return
        name = m.group(1)
        words = name.split()
        if words[0].lower() in STOP_WORDS or not (len(words) >= 3 or any("-" in w for w in words)) \
                or words[-1].lower() in _TITLE_HEAD_GENERIC or words[-1].lower() in self.v.concept_heads:
            return  # "A Unified Framework for ...", "Bilevel Optimization of ...": a description
        if words[-1].lower() in HARD_TASK_WORDS or words[-1].lower() in self.v.title_task_words \
                or name.lower() in self.v.generic_phrases or self.lookup(name) is not None \
                or all(w in self.v.stop_cap for w in words) or self.rejected_method_name(name):
            return
        low = name.lower()
        abstract = self.text[self.title_end:]
        i = abstract.lower().find(low)
        while i >= 0:
            a0 = self.title_end + i
            ss, _ = self.sent_of(a0)
            pm = self.v.propose_re.search(self.text, max(ss, a0 - 40), a0)
            if pm and self.sent_flags(a0)["self"] and _ARTICLE_GAP_RE.fullmatch(self.text, pm.end(), a0):
                self.alias_into_long_form(name, a0, a0 + len(name))
                self.add(name, "method", m.start(1), m.end(1), "title_prefix", hint="proposed", strong=True)
                return
            i = abstract.lower().find(low, i + 1)

    def alias_into_long_form(self, name: str, s: int, e: int) -> bool:
        """``World Model Implanting for ...`` / "we present a world model implanting framework
        (WorMI)"; "We introduce Introspective and Interactive Visual Grounding (IVG)", whose letters
        spell only "Interactive Visual Grounding": a name found at ``s:e`` that overlaps the long form
        of an acronym the text defines (from the same start, or ending where it ends) is another
        written form of that acronym's method, not a second method. Links ``name`` to it."""
        text = self.text
        for ent in self.entities.values():
            long = ent.long_form
            if long is None:
                continue
            for o in ent.occs:
                if o.rule != "acronym":
                    continue
                ls = text.rfind(long, max(0, o.start - len(long) - 4), o.start)
                le = ls + len(long)
                if ls >= 0 and (ls == s and e < le or le == e and s < ls) and norm_key(name) not in self.entities:
                    self.alias_of[norm_key(name)] = ent.key
                    return True
        return False

    def title_prefix(self) -> None:
        title = self.text[: self.title_end]
        # (a title without a colon or a dash cannot match: the pattern's lazy prefix is not tried)
        m = _TITLE_PREFIX_RE.match(title) if ":" in title or "-" in title or "—" in title else None
        if not m:
            self.title_head_name()
            return
        pre, rest = m.group(1), m.group(2)
        words = pre.split()
        if not words or len(words) > 4:
            return
        abstract = self.text[self.title_end:]
        if words[0] in self.v.title_nonname_first or any(re.search(r"['’][a-z]{1,2}$", w) for w in words[1:]):
            return  # "When Audio-LLMs Don't Listen": a sentence, not a name
        if len(words) > 1 and (_YEAR_RE.match(words[0]) or _GERUND_RE.match(words[0])):
            return  # "2024 NASA SUITS Report", "Leaking LoRa": a dated report or a verb phrase
        ok = len(words) == 1 and (is_title_word(words[0]) or is_namey(words[0]) or re.match(r"^[a-z]+[-A-Z]", words[0]))
        if len(words) == 1 and not ok and re.match(r"^[\w\-.^+]+$", pre) and re.search(r"[A-Z]|\d", pre):
            ok = True
        if len(words) > 1:
            # a multi-word prefix is a name when it holds a name-shaped word that is not a generic
            # acronym ("AI Token Futures Market" has only "AI"), or the abstract presents it
            ok = (any(is_namey(w) and not self.rejected_method_name(w) for w in words)
                  or self.presented(pre)) \
                and all(w[:1].isupper() or w[:1].isdigit() or re.fullmatch(r"v\d[\d.]*", w) or w.lower() in ("of", "for", "and", "the", "a", "in", "with", "to") for w in words)
        if not ok or pre in self.v.stop_cap or self.rejected_method_name(pre):
            return
        pair = _TITLE_PAIR_RE.fullmatch(pre)
        if pair and all(is_namey(w) and word_spans(abstract, w) for w in pair.groups()):
            # "Emotion-LLaMAv2 and MMEVerse: A New Framework and Benchmark": two names, each
            # written on its own in the abstract, typed one by one (not "Show and Segment")
            for i in (1, 2):
                self.add_title_name(pair.group(i), m.start(1) + pair.start(i), "", abstract)
            return
        self.add_title_name(pre, m.start(1), rest, abstract)

    def add_title_name(self, pre: str, s: int, rest: str, abstract: str) -> None:
        """Adds the title's name ``pre`` at ``s``: a dataset when the rest of the title calls it
        one ("X: A Benchmark for ...") or the abstract does, otherwise the paper's method."""
        is_ds = _TITLE_DATASET_WORD_RE.search(rest) is not None and not _TITLE_METHOD_WORD_RE.search(rest)
        if not is_ds:
            for _, am_end in word_spans(abstract, pre):
                if self.looks_dataset(pre, self.title_end + am_end):
                    is_ds = True
                    break
        self.add(pre, "dataset" if is_ds else "method", s, s + len(pre), "title_prefix",
                 hint="introduced" if is_ds else "proposed", strong=True)

    def presented(self, name: str) -> bool:
        """Does the abstract introduce ``name`` itself (``we propose X``, ``X, a framework``)?

        Why: a Title Case phrase repeated from the title is often the topic, not a system;
        only a proposal cue or a typing appositive right at the name is evidence it is a name.
        """
        for am_start, am_end in word_spans(self.text[self.title_end:], name):
            a0, a1 = self.title_end + am_start, self.title_end + am_end
            ss, _ = self.sent_of(a0)
            if self.v.propose_re.search(self.text[max(ss, a0 - 30):a0]) or \
                    self.v.appositive_method_re.match(self.text, a1) or self.v.appositive_dataset_re.match(self.text, a1):
                return True
        return False

    def name_after(self, pos: int, max_words: int = 9, allow_title_words: bool = True) -> tuple[str, int, int] | None:
        """The first name-like phrase after ``pos`` within the same sentence.

        Skips determiners and lower-case modifiers (``a novel lightweight framework``);
        stops at clause boundaries.
        """
        _, se = self.sent_of(pos)
        seg = self.text[pos:se]
        n = 0
        for m in WORD_RE.finditer(seg):
            w = m.group(0)
            n += 1
            if n > max_words:
                return None
            if is_namey(w) or (allow_title_words and is_title_word(w) and w not in self.v.stop_cap):
                s = pos + m.start()
                e = pos + m.end()
                # extend over following capitalised words: "Deep Optimizer States"
                rest = self.text[e:se]
                ext = _NAME_TAIL_RE.match(rest)
                if ext and ext.group(0):
                    tail = ext.group(0)
                    # do not end on a connective
                    tail = _CONNECTIVE_END_RE.sub("", tail)
                    jm = _AND_NEXT_RE.search(tail)
                    if jm and (is_namey(w) or is_namey(jm.group(1)) or
                               tail[:jm.start()].strip() and _TITLE_PHRASE_RE.match(tail, jm.start())):
                        # "X_GLM and Y_GLM", "Matrix Learning and Score Learning": two names, not one
                        tail = tail[:jm.start()]
                    e += len(tail)
                name = self.text[s:e]
                last = name.rsplit(" ", 1)[-1]
                if last.lower() in self.v.method_heads and len(name.split()) > 1 and last not in self.v.kept_heads:
                    # "the X Framework" -> X; "a Shape Extractor Module" keeps its head (a named part)
                    cut = name.rsplit(" ", 1)[0]
                    e = s + len(cut)
                    name = cut
                return name, s, e
            if w.lower() in ("that", "which", "where", "to", "for", "by", "with", "of", "in", "on", "and", "as", "from", "we", "our", "using", "based", "is", "are"):
                if (n > 1 or w == "that") and w.lower() not in ("of", "and"):
                    return None  # "a pipeline is proposed that first applies X": a clause, not a name
        return None

    def namey_words(self) -> list[tuple[int, str]]:
        """(start, text) of the ``WORD_RE`` matches that pass :func:`quick_namey`, found once per
        document: the only words :func:`is_namey` can accept."""
        if self._namey_words is None:
            word_re = _CAP_WORD_RE_ASCII if self.plain else CAP_WORD_RE
            self._namey_words = [(m.start(1) - 1, w) for m in word_re.finditer(" " + self.text)
                                 if quick_namey(w := m.group(1))]
        return self._namey_words

    def quoted_names(self) -> None:
        """``(2) A novel reconstruction method, "SPLiDER", which ...``: a name in quotes apposed to
        a method head noun is that method's name; it is the paper's own when the head carries
        "novel/new/our/proposed" or the sentence is about the paper's work."""
        text = self.text
        if '"' not in text and "“" not in text:
            return
        for m in _QUOTED_NAME_RE.finditer(text, self.title_end):
            if m.group(1).lower() not in self.v.method_heads:
                continue
            name, s = m.group(2), m.start(2)
            if name in self.v.stop_cap or self.rejected_method_name(name) or self.lookup(name) == "dataset":
                continue
            ss, _ = self.sent_of(s)
            own = _OWN_MOD_RE.search(text, max(ss, m.start() - 40), m.start()) or self.sent_flags(s)["self"]
            self.add(name, "method", s, s + len(name), "named", hint="proposed" if own else None, strong=True)

    def propose_rules(self) -> None:
        text = self.text
        v = self.v
        self_sents = self.sentences_with("self", v.self_re)
        cued = self.cue_sentences("propose", "name", "our")
        for i in sorted(cued["propose"] | cued["name"] | cued["our"]):
            ss, se = self.sents[i]
            sent = text[ss:se]
            is_self = i in self_sents
            if is_self and i in cued["propose"]:
                for m in self.cue_finditer("propose", v.propose_re, sent, ss):
                    if v.others_propose_re.search(sent, max(0, m.start() - 25), m.start()):
                        continue  # "the recently proposed iRBSM", "A recent paper proposed DyT": not ours
                    pos = ss + m.end()
                    iv = _TO_VERB_AFTER_RE.match(text, pos)
                    if iv and iv.group(1) not in v.propose_words:
                        continue  # "we propose to accelerate CFM": the name after is acted on, not proposed
                    # "the proposed approximations closely follow the Mark-II POM analysis": an adjective
                    # "proposed" types the words right after it; a name further on is another thing
                    adj = _ADJ_PROPOSED_RE.search(text, max(ss, ss + m.start() - 12), pos)
                    r = self.name_after(pos, max_words=2 if adj else 10)
                    if r and " " not in r[0] and v.head_named_after_re.match(text, r[2]):
                        r = None  # "we propose a novel FSS method called I$^2$R": the task it is for; the name follows
                    if r and self.known_modifier(r[0], r[2]):
                        r = None  # "our designed convolutional ViT hybrid (EdgeNeXtSAC)": ViT types the new thing
                    if r:
                        name, s, e = r
                        self.add_discovered(name, s, e, "propose", "proposed")
                        tm = _TITLE_PHRASE_RE.match(text, e) if " " in name else None
                        if tm and tm.end(1) <= se:
                            # "two key components: Matrix Learning and Score Learning": both are ours
                            self.add_discovered(tm.group(1), tm.start(1), tm.end(1), "propose", "proposed")
                        elif " " in name and name.rsplit(" ", 1)[-1] in v.kept_heads:
                            # "design a Semantic-Visual Contrastive Loss to align ... and a Spatial
                            # Enhanced Module to model ...": a second named part of the same proposal
                            cm = v.coord_part_re.search(text, e, se)
                            if cm:
                                self.add_discovered(cm.group(1), cm.start(1), cm.end(1), "propose", "proposed")
            for m in self.cue_finditer("name", v.name_re, sent, ss) if i in cued["name"] else ():
                pos = ss + m.end()
                if _ENTITY_WORD_RE.match(text[pos:pos + 12]):
                    continue  # "named entity recognition" is a task, not a naming
                r = self.name_after(pos, max_words=3)
                if r:
                    name, s, e = r
                    prev_self = is_self or self.sentence_index(s) <= 2
                    self.add_discovered(name, s, e, "named", "proposed" if prev_self else None)
            # "our X", "X (ours)"
            for m in self.cue_finditer("our", OUR_NAME_RE, sent, ss) if i in cued["our"] else ():
                w = self.clean_token(m.group(1))
                if is_namey(w) and not self.rejected_method_name(w):
                    s = ss + m.start(1)
                    self.add_discovered(w, s, s + len(w), "our", "proposed")

    def known_modifier(self, name: str, e: int) -> bool:
        """Is ``name``, found right after a proposal verb, a known model that modifies a lower-case
        head noun ("we design a ViT hybrid", "our designed BERT encoder")?

        Why: the proposal is the head's thing (often named next, in parentheses); the known model
        is what it is built from. The model's own paper names it with an appositive or a clause
        ("we introduce LLaMA, a collection of ..."), not with a noun after it."""
        entry = self.v.methods.by_lower.get(name.lower())
        if entry is None or name not in entry.forms or entry.context:
            return False
        head = _LOWER_HEAD_AFTER_RE.match(self.text, e)
        if head is None:
            return False
        # "we propose the UniRepLKNet architecture": a definite method head names the proposal itself
        return not (head.group(1) in self.v.method_heads and _DEFINITE_END_RE.search(self.text, max(0, e - len(name) - 8), e - len(name)))

    def add_discovered(self, name: str, s: int, e: int, rule: str, hint: str | None) -> None:
        name = name.strip()
        if not name or self.rejected_method_name(name) or name in self.v.stop_cap:
            return
        if _POSSESSIVE_IN_RE.search(name) or _INITIALS_RE.match(name) or _POSSESSIVE_AT_RE.match(self.text, e):
            return  # "NASA's 2023-2024 SUITS", "S.R. Ranganathan": an owner or a person, not a name
        words = name.split()
        if len(words) > 5:
            return
        if self.v.class_suffix_re.search(name) and re.search(r"-[a-z]+$", name):
            return  # "a novel DUN-based method": the class it builds on, not its name
        if len(words) == 2 and self.v.class_suffix_re.search(words[0]) and re.search(r"-[a-z]+$", words[0]) \
                and is_namey(words[1]):
            cut = len(words[0]) + 1  # "BEV-based RSR": the modifier is not part of the name
            name, s, words = name[cut:], s + cut, words[1:]
        if len(words) > 1 and words[-1].lower() in self.v.measure_name_heads:
            return  # "a new label-free Permutation Bias Metric": a measure, not a method
        lf = next((lf for lf in self.defs.values() if len(lf) > len(name) and lf.startswith(name) and self.text.startswith(lf, s)), None)
        if lf is not None:
            # "What You Think is What You Get (WYTWYG)": the name is the whole defined long form,
            # unless the text defines it as a generic class ("a Multimodal Large Language Model (MLLM)")
            short = next(k for k, v in self.defs.items() if v == lf)
            if short in self.v.not_method or short.rstrip("s") in self.v.not_method or lf.lower() in self.v.generic_phrases:
                return
            self.add(lf, None, s, s + len(lf), rule, hint=hint, strong=True)
            return
        if len(words) == 1 and not is_namey(name) and name.lower() in self.v.method_heads:
            return
        if len(words) > 1 and self.alias_into_long_form(name, s, e):
            self.add(name, None, s, e, rule, hint=hint, strong=True)
            return
        # a plain capitalised English word is a weak candidate; it needs to recur or be in the title
        if len(words) == 1 and not is_namey(name):
            # (word_spans, not a pattern compiled per name: ~0.5 ms a compile, most names are new)
            occurrences = len(word_spans(self.text, name))
            if occurrences < 2 and not word_spans(self.text[: self.title_end], name) \
                    and not ("-" in name and (self.v.appositive_method_re.match(self.text, e)
                                              or self.v.appositive_dataset_re.match(self.text, e))) \
                    and not (rule == "named" and hint == "proposed" and self.sent_flags(s)["propose"]
                             and _CLAUSE_END_AFTER_RE.match(self.text, e)
                             and _NAMED_OWN_BEFORE_RE.search(self.text, max(0, s - 80), s)
                             and not self.v.concept_called_re.search(self.text[max(0, s - 60):s].rstrip())):
                # a hyphenated name the text types itself: "we introduce History-Event, a benchmark suite";
                # a word the paper names its own thing: "we introduce a video passthrough HMD, called Camsicle"
                return
        if len(words) > 1 and not any(is_namey(w) for w in words):
            # "Memory-Propagated Streaming Encoding": title-case phrase, all words capitalised
            if not all(w[:1].isupper() or w in ("of", "for", "and", "with") for w in words):
                return
        kind = "dataset" if self.looks_dataset(name, e) and not (
            self.v.appositive_concept_re.match(self.text, e) and not self.v.appositive_dataset_re.match(self.text, e)) else None
        hint2 = hint  # "We propose AVR-Eval, a relative metric": typed by its appositive, not by its -Eval shape
        if kind == "dataset" and hint == "proposed":
            hint2 = "introduced"
        self.add(name, kind, s, e, rule, hint=hint2, strong=True)

    def looks_dataset(self, name: str, e: int) -> bool:
        if _METHOD_NOUN_AFTER_RE.match(self.text, e):
            return False  # "our MHQA approach": the head noun outweighs the -QA shape
        if self.v.dataset_name_re.match(name):
            return True
        after = self.text[e: e + 40]
        if _DATASET_NOUN_AFTER_RE.match(after):
            return True
        return False

    def dataset_head_rule(self) -> None:
        """``the X dataset``, ``X benchmark``, ``datasets such as X``."""
        text = self.text
        for m in self.cue_finditer("dataset_head", DATASET_HEAD_RE, text):
            before = text[max(0, m.start() - 60): m.start()]
            pw = trailing_words(before)
            if not pw:
                continue  # never across the title/abstract break: "...Difficulty\nBenchmarks establish"
            phrase = pw.group(1)
            words = phrase.split()
            # keep the trailing run of name-like words
            keep: list[str] = []
            for w in reversed(words):
                if is_namey(w) or (is_title_word(w) and w not in self.v.stop_cap):
                    keep.insert(0, w)
                else:
                    break
            if not keep:
                continue
            name = " ".join(keep)
            if self.rejected_method_name(name) and name not in ("MATH",) or name in self.rejected:
                continue
            s0 = m.start() - len(before) + pw.start(1) + phrase.rfind(name)
            if _ARTICLE_PHRASE_END_RE.search(text[max(0, s0 - 40):s0]) \
                    and not (len(keep) == 1 and is_namey(name)):
                continue  # "A Privacy-Preserving Structural Dataset": a description, not a name
            if not any(is_namey(w) for w in keep) and len(keep) == 1 and keep[0].lower() in ("new", "large", "public"):
                continue
            s = m.start() - len(before) + pw.start(1) + phrase.rfind(name)
            if keep[-1].lower() in HARD_TASK_WORDS and not is_namey(keep[-1]) \
                    and not any(d.lower().endswith(name.lower()) for d in self.defs.values()):
                continue  # "Named Entity Recognition benchmarks": a task, not a name
            if self.rejected_method_name(keep[-1]) and self.lookup(name) is None:
                continue  # "Exploring NLP Benchmarks", "LLM benchmarks": a field, not a name
            if m.group(0).lower() in ("datasets", "benchmarks", "corpora") and len(keep) == 1 and self.lookup(name) is None \
                    and not self.v.dataset_shaped(name) and not _LIST_BEFORE_RE.search(text, max(0, s - 6), s):
                continue  # "privacy-preserving FER datasets", "NLP Benchmarks": a domain, not one named set
            if s < self.title_end and not any(is_namey(w) for w in keep) \
                    and name.lower() not in {d.lower() for d in self.defs.values()}:
                continue  # titles are Title Case: "Large-Scale Dataset", "Generating Dynamic Mathematics"
            self.add(name, "dataset", s, s + len(name), "dataset_head", strong=True)
        # "two datasets with local knowledge, ECLeKTic and MultiLoKo." / "benchmarks (X, Y and Z)"
        for m in self.cue_finditer("dataset_head", DATASET_APPOSITIVE_RE, text):
            seg_s = m.start(1)
            items = [(seg_s + x.start(), seg_s + x.end()) for x in WORD_RE.finditer(m.group(1))
                     if x.group(0) not in ("and", "or")]
            # every item capitalised, at least two name-shaped: "(QaTa-COV19, MosMedData and Breast)"
            if len(items) < 2 or sum(is_namey(text[a:b]) for a, b in items) < 2 or not all(
                    text[a:a + 1].isupper() and not self.rejected_method_name(text[a:b])
                    and text[a:b] not in self.rejected for a, b in items):
                continue
            for a, b in items:
                self.add(text[a:b], "dataset", a, b, "dataset_appositive", strong=True)
        # "the synthetic datasets DigiFace, DCFace, and EmoNet-Face BIG": the head governs the list
        for m in self.cue_finditer("dataset_head", DATASET_HEAD_LIST_RE, text):
            if m.start() < self.title_end:
                continue
            items: list[tuple[int, int]] = []
            pos = m.start(1)
            for part in _HEAD_LIST_SPLIT_RE.split(m.group(1)):
                a = text.find(part, pos)
                items.append((a, a + len(part)))
                pos = a + len(part)
            words = [text[a:b] for a, b in items]
            if len(items) < 2 or not all(w[:1].isupper() or w[:1].isdigit() for w in words) \
                    or not any(is_namey(w.split()[0]) or self.lookup(w) == "dataset" for w in words) \
                    or any(self.lookup(w) == "method" or w.split()[0] in self.v.stop_cap or w in self.rejected
                           or HARDWARE_RE.match(w) for w in words):
                continue
            for (a, b), w in zip(items, words):
                self.add(w, "dataset", a, b, "dataset_head_list", strong=True)
        # name shapes: XBench, X-Eval, XQA
        for ms, w in self.namey_words():
            if self.v.dataset_shaped(w) and w not in self.rejected:  # "question answering (MCQA)": a task
                if _ARTICLE_PHRASE_END_RE.search(text, max(0, ms - 40), ms) and not is_namey(w.split("-")[0]):
                    continue  # "A Shortcut-aware Video-QA Benchmark": a description, not a name
                if self.v.appositive_concept_re.match(text, ms + len(w)) and not self.v.appositive_dataset_re.match(text, ms + len(w)):
                    continue  # "AVR-Eval, a relative metric for ...": the text types it as a measure
                if _METHOD_NOUN_AFTER_RE.match(text, ms + len(w)) and self.lookup(w) is None:
                    continue  # "the MHQA framework", "a FooQA model": the head noun types it as a method
                self.add(w, "dataset", ms, ms + len(w), "dataset_shape", strong=True)

    def lists(self) -> None:
        """Items of enumerations after ``such as``/``including``/``on``/comparison cues.

        A capitalised word in a list counts as a name when the list also holds a name found
        by another rule, which is how ``LLaDA and Dream`` yields ``Dream``.
        """
        text = self.text
        list_re = _LIST_RE
        cue = _LIST_CUE_START_ASCII if self.plain else _LIST_CUE_START
        for m in self.cue_finditer("list_cue", cue, text):
            if m.group(1) is None:
                continue  # no list can start here
            pos = m.end()
            lm = list_re.match(text, pos)
            if not lm:
                continue
            seg = lm.group(0)
            if "(" in seg:  # else nothing to blank
                seg = _PAREN_RE.sub(lambda x: " " * len(x.group(0)), seg)
            items = [(pos + x.start(), pos + x.end()) for x in _LIST_ITEM_RE.finditer(seg)]
            items = [(s, e) for s, e in items if text[s:e] not in ("and", "or")]
            # ", and AndroidWorld": the connective is not part of the name
            items = [(s + len(c.group(0)), e) if (c := _AND_OR_RE.match(text[s:e])) and text[s - 2:s] in (", ", ") ")
                     else (s, e) for s, e in items]
            cue_word = m.group(0).strip().lower()
            compare = bool(_COMPARE_CUE_RE.match(cue_word))
            background = cue_word.startswith(("such", "includ", "like", "e.g"))
            found_kinds: list[str | None] = []
            names: list[tuple[str, int, int]] = []
            for i, (s, e) in enumerate(items):
                w = text[s:e]
                if self.known_dataset_prefix(w) != w:
                    self.claimed.append((s, e))  # the split name is not a name of its own
                    w = self.known_dataset_prefix(w)
                    e = s + len(w)
                    items[i] = (s, e)
                known = self.lookup(w)
                if known:
                    found_kinds.append(known)
                elif is_namey(w.split()[0]) and not self.rejected_method_name(w):
                    found_kinds.append(self.entity_kind_at(s))
                else:
                    found_kinds.append(None)
                names.append((w, s, e))
            anchors = [k for k, (w, _, _) in zip(found_kinds, names) if k is not None or is_namey(w.split()[0])]
            if len(anchors) < 1:
                continue
            tail = text[lm.end(): lm.end() + 30]
            # "benchmarks such as X, Y and Z": the head before the cue types the list too
            head_ds = bool(_HEAD_AFTER_RE.match(tail)) or (
                background and _HEAD_BEFORE_RE.search(text[max(0, m.start() - 20):m.start()]) is not None)
            all_kind = "dataset" if head_ds or "dataset" in found_kinds else None
            hint = "compared" if compare else ("mentioned" if background else None)
            if background:
                hint = self.example_hint(m.start(), lm.end())
            for (w, s, e), k in zip(names, found_kinds):
                if w in self.v.stop_cap or self.rejected_method_name(w) or any(
                        self.rejected_method_name(x) or x in self.v.stop_cap for x in w.split()):
                    continue
                if not (is_namey(w.split()[0]) or is_title_word(w.split()[0])):
                    continue
                if len(w.split()) > 3:
                    continue
                if s < self.title_end:
                    continue
                kind = k or all_kind
                if k is None and not is_namey(w.split()[0]) and all_kind is None and not any(found_kinds):
                    continue
                if k is None and not is_namey(w.split()[0]) and not self.cap_ok(w, s):
                    continue
                self.add(w, kind, s, e, "list", hint=self.own_or_known(hint, w) if kind != "dataset" else None,
                         strong=k is not None or bool(all_kind) or any(found_kinds))

    def own_or_known(self, hint: str | None, w: str) -> str | None:
        """An example list the paper calls its own ("novel modules such as A and B") holds its own
        parts, but a known model in it is one the paper uses."""
        return "used" if hint == "proposed" and self.lookup(w) is not None else hint

    def example_hint(self, pos: int, end: int | None = None) -> str:
        """The role of the examples in a list that a cue at ``pos`` opens ("such as", "e.g.").

        "comparable to closed-source models (e.g., GPT-4o, Claude-4)": the clause before the cue
        compares with them; "plugged into existing models (e.g. Wan2.1 and LTX-Video)": it uses
        them; otherwise they are background ("mentioned")."""
        ss, _ = self.sent_of(pos)
        clause = self.text[max(ss, pos - 80):pos]
        clause = clause[max(clause.rfind(";"), clause.rfind(". ")) + 1:]
        if _EXAMPLE_COMPARE_RE.search(clause):
            return "compared"
        if _OWN_KIND_END_RE.search(clause) and self.sent_flags(pos)["self"]:
            return "proposed"  # "our framework rests on novel pruning methods like A and B": its own parts
        if _EXAMPLE_USE_RE.search(clause) and (self.sent_flags(pos)["self"] or self.own_subject(ss, pos)):
            return "used"  # not "researchers usually fine-tune ... methods such as Adapter or Lora"
        if end is not None and self.text.endswith(("were", "was"), 0, end):
            end = self.text.rfind(" ", 0, end)  # the list pattern takes a lower-case word as an item
        if end is not None and (pv := _PAST_PASSIVE_AFTER_RE.match(self.text, end)):
            # "models, including VGG16 and ResNet50, were utilized to classify": a past-tense report
            # of what this study did with them (the cue's clause holds no verb of its own)
            return "compared" if pv.group(1).lower().startswith("compar") else "used"
        return "mentioned"

    def known_dataset_prefix(self, w: str) -> str:
        """``HarmBench DirectRequest`` -> ``HarmBench``: a known benchmark followed by a
        capitalised split or subset name (no version digits) is that benchmark."""
        ws = w.split()
        if len(ws) > 1 and ws[0].lower() in self.v.datasets.by_lower and w.lower() not in self.v.datasets.by_lower \
                and not any(ch.isdigit() for ch in w[len(ws[0]):]):
            return ws[0]
        return w

    def cap_ok(self, w: str, s: int) -> bool:
        """A capitalised list item that is not at the start of the sentence."""
        ss, _ = self.sent_of(s)
        return s != ss and w.split()[0] not in self.v.stop_cap

    def lookup(self, w: str) -> str | None:
        lw = w.lower()
        if lw in self.v.datasets.by_lower:
            return "dataset"
        if lw in self.v.methods.by_lower:
            return "method"
        k = self.alias_of.get(norm_key(w), norm_key(w))
        ent = self.entities.get(k)
        if ent and ent.kind:
            return ent.kind
        return None

    def entity_kind_at(self, s: int) -> str | None:
        for ent in self.entities.values():
            for o in ent.occs:
                if o.start <= s < o.end:
                    return ent.kind
        return None

    def clean_token(self, w: str) -> str:
        """``GPT-4o+RAG`` -> ``GPT-4o``; ``OWL-trained``, ``EQM-accuracy`` -> the acronym."""
        if "+" in w.rstrip("+"):
            w = w.split("+", 1)[0]  # a combination: its first system
        lt = LOWER_TAIL_RE.match(w)
        if lt and lt.group(2) not in self.v.keep_suffix and self.lookup(w) is None:
            w = lt.group(1)
        return w

    def namey_tokens(self) -> None:
        """Every remaining token shaped like a name is a method candidate (weak evidence)."""
        text = self.text
        for ms, word in self.namey_words():
            w, acronym, ok, acronym_ok = self.v.shape_word(word)
            if acronym is not None and self.lookup(w) is None:
                w, ok = acronym, acronym_ok  # clean_token: "OWL-trained" -> "OWL"
            if not ok or w in self.rejected or w + "s" in self.rejected:
                continue
            s, e = ms, ms + len(w)
            if _inside_any(s, e, self.claimed):
                continue  # inside a span another rule claimed
            # a version number written apart: "V-JEPA 2", "Segment Anything 2"
            ver = VERSION_AFTER_RE.match(text, e)
            if ver and not any(ch.isdigit() for ch in w):
                e = ver.end(1)
                w = text[s:e]
            self.add(w, self.known_dataset_variant(w), s, e, "shape")

    def known_dataset_variant(self, w: str) -> str | None:
        """``WebArena-Lite``, ``MMLU-Redux``: a known dataset with a variant suffix glued on by a
        hyphen or underscore is a dataset too (the gazetteer does not match inside such a word).
        The suffix must look like a name part (capital, digit, ``v2``): "ImageNet-pretrained" and
        "CUB-to" are a name and an ordinary word."""
        m = _VARIANT_SPLIT_RE.match(w)
        if m is None or " " in w or self.lookup(w) == "method" or not _VARIANT_PART_RE.match(m.group(2)):
            return None
        return "dataset" if m.group(1).lower() in self.v.datasets.by_lower else None

    # -- decisions ---------------------------------------------------------------------------
    def resolve(self) -> Analysis:
        ents = list(self.entities.values())
        # occurrences of each entity's forms elsewhere in the text
        for ent in ents:
            seen = {o.start for o in ent.occs}
            for f in list(ent.forms):
                if len(f) < 2:
                    continue
                for ms, me in word_spans(self.text, f):
                    if ms not in seen and not self.is_blocked(ms, me):
                        ent.occs.append(Occ(ms, me, "repeat"))
                        seen.add(ms)
            ent.occs.sort(key=lambda o: o.start)
        # sub-spans: drop an entity whose every occurrence sits inside a longer span of another
        spans = [(o.start, o.end, ent.key) for ent in ents for o in ent.occs]
        may_be_inside = _containment_test(spans)
        keep: list[Entity] = []
        for ent in ents:
            key = ent.key
            for o in ent.occs:
                os_, oe = o.start, o.end
                if ent.known and self.text.startswith("-based", oe):
                    keep.append(ent)  # "CIPHER (Conformer-based Inference of ...)": a known model it builds on
                    break
                if not may_be_inside(os_, oe):
                    keep.append(ent)  # no span reaches over it: the loop below would find none
                    break
                for s, e, k in spans:
                    if s <= os_ and oe <= e and e - s > oe - os_ and k != key:
                        break  # inside
                else:
                    keep.append(ent)  # an occurrence inside no other name
                    break
        proposed_keys = [e.key for e in keep if any(o.hint == "proposed" for o in e.occs)]
        datasets: list[Mention] = []
        methods: list[Mention] = []
        for ent in keep:
            kind = ent.kind
            if kind is None:
                kind = "method"
            if ent.kind_votes.get("dataset", 0) > ent.kind_votes.get("method", 0):
                kind = "dataset"
            if not ent.known:
                kind = self.appositive_kind(ent) or kind
            base_of = kind == "method" and not ent.known and ent.kind is None and ent.name not in self.defs and any(
                e2.kind == "dataset" and e2.name.startswith(ent.name + "-") for e2 in ents)
            if not ent.known:
                if kind == "method" and ent.kind is None and (base_of or self.dataset_after(ent)):
                    kind = "dataset"  # "the AIME2024 math benchmark"; CUAD under "CUAD-QA, a corpus"
                if kind == "method" and self.class_acronym(ent):
                    continue
            if kind == "method" and not ent.known and ent.name in self.v.organisations and ent.name not in self.defs \
                    and not any(_MODEL_AFTER_RE.match(self.text, o.end) for o in ent.occs):
                continue  # "NOAA climate data", "the NIH portfolio": an organisation (not "the CDC model")
            shape_ev: tuple[float, list[str]] | None = None
            if kind == "method" and self.shape_only(ent):
                shape_ev = self.shape_score(ent)
                if self.v.shape_cues is not None and shape_ev[0] < self.v.shape_cues.threshold:
                    continue
                if all(self.v.metric_after_re.match(self.text, o.end) for o in ent.occs):
                    continue
            elif kind == "method" and not ent.known and self.weak_method(ent):
                continue
            if kind == "dataset":
                role = "used" if base_of else self.dataset_role(ent)
            else:
                role = self.method_role(ent, proposed_keys)
                if role is None:
                    continue
            first = ent.occs[0]
            ss, se = self.sent_of(first.start)
            name = self.surface(ent.name)
            aliases = tuple(self.surface(f) for f in dict.fromkeys(ent.forms) if norm_key(f) != norm_key(name))
            rule = next((o.rule for o in ent.occs if o.rule != "repeat"), first.rule)
            conf = 0.95 if ent.known else (0.85 if ent.strong else 0.6)
            extractor = f"kg_{'datasets' if kind == 'dataset' else 'methods'}.{rule}"
            if shape_ev is not None:
                # the confidence follows the evidence score; the fired features name the rule
                conf = max(0.5, min(0.8, 0.45 + 0.075 * shape_ev[0]))
                extractor = f"kg_methods.shape:{'+'.join(shape_ev[1])}"
            ev = Evidence(self.raw[ss:se].strip(), first.start, first.end, extractor, conf)
            mention = Mention(type="dataset" if kind == "dataset" else "method", name=name, role=role,
                              text=self.raw[first.start:first.end], evidence=ev, aliases=aliases)
            (datasets if kind == "dataset" else methods).append(mention)
        return Analysis(datasets, self.merge_size_variants(methods))

    def surface(self, name: str) -> str:
        """``name`` as the source writes it: "PASCAL-5_^i_" (see :func:`rule_text`) is "PASCAL-5$^i$"."""
        if _SUPERSCRIPT_MARK not in name:
            return name
        i = self.text.find(name)
        return self.raw[i:i + len(name)] if i >= 0 else name

    def merge_size_variants(self, methods: list[Mention]) -> list[Mention]:
        """``RegNetY`` and ``RegNetY-16GF``, ``ViT`` and ``ViT-large``: one model family written
        with and without its size; the sized form becomes an alias of the family. Not for the
        paper's own models, whose variants the guideline lists as entries of their own."""
        if len(methods) < 2:
            return methods
        by_key = {norm_key(m.name): i for i, m in enumerate(methods)}
        drop: set[int] = set()
        extra: dict[int, list[str]] = {}
        for i, m in enumerate(methods):
            vm = _VARIANT_SPLIT_RE.match(m.name)
            if vm is None or not self.v.size_variant_re.fullmatch(vm.group(2)):
                continue
            j = by_key.get(norm_key(vm.group(1)))
            if j is None or j == i or j in drop or m.role == "proposed" or methods[j].role == "proposed":
                continue  # the paper's own sized variants are listed apart (BAE-Net, BAE-Net-lite)
            drop.add(i)
            extra.setdefault(j, []).extend([m.name, *m.aliases])
        if not drop:
            return methods
        out = []
        for i, m in enumerate(methods):
            if i in drop:
                continue
            if i in extra:
                m = replace(m, aliases=tuple(dict.fromkeys([*m.aliases, *extra[i]])))
            out.append(m)
        return out

    def dataset_after(self, ent: Entity) -> bool:
        """Some occurrence is followed by a dataset head, at most one content word apart."""
        for o in ent.occs:
            if o.start < self.title_end:
                continue
            m = _DATASET_AFTER_RE.match(self.text[o.end:o.end + 40])
            if m is None:
                continue
            if m.group(0).endswith("s") and not _LIST_BEFORE_RE.search(self.text, max(0, o.start - 6), o.start):
                continue  # "constructing privacy-preserving FER datasets": a domain, not one named set
            return True
        return False

    def shape_only(self, ent: Entity) -> bool:
        """Found only by its spelling (token shape or a weak list item), never by a rule that is
        evidence on its own: such names must earn acceptance in :meth:`shape_score`."""
        return not ent.strong and not ent.known and ent.name not in self.defs \
            and all(o.rule in ("shape", "list", "repeat") for o in ent.occs)

    def shape_score(self, ent: Entity) -> tuple[float, list[str]]:
        """Score the evidence for a shape-only method name; returns (score, fired features).

        Why: an undefined capitalised token is as often a field, organisation, variable or
        metric (ESG, AMR, pCVR, WMMA) as a method. Real names show it: a model-like spelling,
        a method head noun (``the RAVE model``), a comparison or usage cue (``outperforms X``,
        ``using X``), a list of other names, or recurrence. Weights live in cues.json so the
        trade-off is tuned as data. Positive features fire if any occurrence shows them;
        negative ones only if every occurrence does.
        """
        sc = self.v.shape_cues
        if sc is None:
            return 0.0, []
        text = self.text
        w = sc.weights
        if any(r.search(ent.name) for r in sc.reject_res):
            return -9.0, ["reject_pattern"]
        cls = shape_class(ent.name)
        fired: list[str] = [cls]
        score = sc.class_weights.get(cls, 0.0)
        pos: set[str] = set()
        neg_all: dict[str, bool] = {"article_before": True, "concept_after": True, "measure_cue": True,
                                    "phrase_part": True, "slash_part": True, "example_after": True,
                                    "possessive": True}
        # only names with evidence of their own make a list of names (not other shape-only ones)
        other_spans = [(x.start, x.end) for e2 in self.entities.values()
                       if e2 is not ent and (e2.strong or e2.known) for x in e2.occs]
        body = [o for o in ent.occs if o.start >= self.title_end]
        for o in ent.occs:
            ss, se = self.sent_of(o.start)
            before = text[max(ss, o.start - 60):o.start]
            after = text[o.end:min(se, o.end + 40)]
            in_title = o.start < self.title_end
            if in_title:
                continue  # Title Case headlines carry no usage cues ("via Multi-band SpectralFusion")
            if sc.head_after_re.match(after) and not self.v.head_named_after_re.match(text, o.end):
                pos.add("head_after")  # not "a novel FSS method called I$^2$R": a modifier of the named head
            if sc.head_before_re.search(before):
                pos.add("head_before")
            if sc.compare_before_re.search(before):
                pos.add("compare_cue")
            elif sc.compare_any_re.search(text[ss:o.start]):
                pos.add("compare_sentence")
            if sc.use_before_re.search(before):
                pos.add("use_cue")
            if _BASED_AFTER_RE.match(after):
                pos.add("based")
            if self.v.appositive_method_re.match(text, o.end):
                pos.add("appositive")
            if sc.by_after_re.match(after):
                pos.add("by_after")
            nb = _LIST_NAME_BEFORE_RE.search(before[-30:])
            na = _LIST_NAME_AFTER_RE.match(after)
            if any(abs(a - o.end) <= 8 or abs(o.start - b) <= 8 for a, b in other_spans) and \
                    _LIST_SEP_RE.search(text[max(0, o.start - 8):o.end + 8]) or \
                    any(x is not None and not self.rejected_method_name(x.group(1)) and x.group(1) not in self.rejected
                        for x in (nb, na)):
                pos.add("list")  # an item of an enumeration of capitalised names
            if any(x is not None and x.group(1) in self.rejected for x in (nb, na)):
                pos.add("concept_list")  # "expressions for SE and EE", EE defined as energy efficiency: a concept
            elif "list" not in pos and text[o.end:o.end + 1] == ")" and self.paren_siblings(ent, o.start, ss, se) >= 2:
                pos.add("list")  # "... features (RoPE-ViT), ... features (DINOv3), and ... (NVIDIA C-RADIOv4-H)"
            f = self.sent_flags(o.start)
            if f["self"] and f["propose"]:
                pos.add("propose_sentence")
            if text[o.start - 1:o.start] == "(" and text[o.end:o.end + 1] == ")" and \
                    _NAME_OR_QUOTE_END_RE.search(text[max(ss, o.start - 30):o.start - 1]):
                pos.add("paren_def")  # "termed "..." (DI)": a definition the letter match missed
            elif text[o.start - 1:o.start] == "(" and text[o.end:o.end + 1] == ")" and \
                    (lw := _LOWER_WORD_END_RE.search(text, max(ss, o.start - 30), o.start - 1)) and \
                    lw.group(1) not in self.v.method_heads:
                pos.add("lower_paren")  # "predicting only the next token (NTP)": a lower-case concept's short form
            neg_all["article_before"] &= bool(_ARTICLE_END_RE.search(before))
            neg_all["concept_after"] &= bool(sc.concept_after_re.match(after))
            neg_all["measure_cue"] &= bool(sc.measure_before_re.search(text[ss:o.start]))
            neg_all["phrase_part"] &= bool(_PHRASE_PART_RE.match(after))
            neg_all["example_after"] &= bool(_EXAMPLE_AFTER_RE.match(after))
            neg_all["slash_part"] &= text[o.start - 1:o.start] == "/" or text[o.end:o.end + 1] == "/"
            # "NOAA's": an all-capitals owner (an agency); "CuPy's interface" is a library's own
            neg_all["possessive"] &= cls == "acronym" and text[o.end:o.end + 2] in ("'s", "’s")
        if any(o.start < self.title_end for o in ent.occs):
            pos.add("title_and_abstract" if body else "title")
        if len(body) >= 2:
            pos.add("repeated")
        if body:
            pos.update(k for k, v in neg_all.items() if v)
        # "feature@class" keys weigh a feature for one shape class; "caps" (all capitals: ERP, DDA)
        # is the stricter part of "acronym" (RLPrompt, CLAPScore)
        sub = "caps" if cls == "acronym" and _ALL_CAPS_RE.fullmatch(ent.name) else cls
        for k in sorted(pos):
            score += w.get(f"{k}@{sub}", w.get(f"{k}@{cls}", w.get(k, 0.0)))
            fired.append(k)
        return score, fired

    def _in_paren(self, start: int, end: int) -> bool:
        """Does a name at ``start:end`` close a short parenthesis ("(NVIDIA C-RADIOv4-H)")?"""
        text = self.text
        if text[end:end + 1] != ")":
            return False
        p = text.rfind("(", max(0, start - 20), start + 1)
        return p >= 0 and ")" not in text[p:start]

    def paren_siblings(self, ent: Entity, start: int, ss: int, se: int) -> int:
        """How many other model-spelled names (a version or inner capital, or found by a rule) sit in
        their own parentheses in the sentence ``ss:se`` of a parenthesised name at ``start``: items
        of a parallel enumeration ("... (RoPE-ViT), ... (DINOv3), and ... (C-RADIOv4-H)")."""
        if not self._in_paren(start, self.text.find(")", start)):
            return 0
        n = 0
        for e2 in self.entities.values():
            if e2 is ent or e2.kind == "dataset" or not (e2.strong or e2.known or shape_class(e2.name) in ("version", "mixed")):
                continue  # "benchmarks of landmarks (ROxf and RPar), products (SOP)": datasets type the list
            if any(ss <= x.start < se and self._in_paren(x.start, x.end) for x in e2.occs):
                n += 1
        return n

    def weak_method(self, ent: Entity) -> bool:
        """An unknown method candidate with evidence against it or none for it.

        * every occurrence is followed by a metric word: ``RadGraph F1``, ``Dice score``;
        * an all-capitals acronym the text never defines, seen once, found only by its shape
          (``detecting MCI``, ``GRC integration``): field, organisation and condition names.
        """
        if all(self.v.metric_after_re.match(self.text, o.end) for o in ent.occs):
            return True
        if not ent.strong and re.fullmatch(r"[A-Z]{2,5}", ent.name) and ent.name not in self.defs \
                and len(ent.occs) == 1 and not ent.occs[0].hint and ent.occs[0].start >= self.title_end:
            o = ent.occs[0]
            ss, _ = self.sent_of(o.start)
            after = _NEXT_WORD_RE.match(self.text[o.end:o.end + 30])
            if self.text[o.start - 1:o.start] == "(" and self.text[o.end:o.end + 1] == ")":
                return False  # "termed "..." (DI)": a definition the letter match missed
            if after and after.group(1).lower() in self.v.method_heads and not after.group(1).endswith("s"):
                return False  # "the recent RAVE model"
            if self.v.compare_re.search(self.text[ss:o.start]):
                return False  # "than SoTA accelerators (Allo and DFX)"
            near = self.text[max(0, o.start - 8):o.end + 8]
            if any(other is not ent and any(abs(x.start - o.end) <= 8 or abs(o.start - x.end) <= 8 for x in other.occs)
                   for other in self.entities.values()) and re.search(r",|\band\b|\bor\b", near):
                return False  # an item of a list of names
            return True
        return False

    def dataset_role(self, ent: Entity) -> str:
        for o in ent.occs:
            if o.hint == "introduced" or o.hint == "proposed" and not ent.known:
                return "introduced"  # "we propose Report Arena, a benchmarking framework"
        if ent.known:
            return "used"
        for o in ent.occs:
            ss, _ = self.sent_of(o.start)
            pre = self.text[ss:o.start]
            if o.start < self.title_end:
                return "introduced"
            if self.introduces(pre, o.start):
                return "introduced"
            onb = _OUR_NEW_BEFORE_RE.search(pre)
            if onb and not _ON_USING_END_RE.search(pre) and not self.v.dataset_use_re.search(pre, onb.start()) \
                    and not _GOVERN_BREAK_RE.search(pre, onb.start()):
                # (not "we analyze content from the X dataset": "from" governs X, the work reads it)
                return "introduced"  # "our new X", "we curate X"; not "we utilized the datasets X"
        return "used"

    def introduces(self, pre: str, pos: int) -> bool:
        """Does a sentence about the paper's own work introduce the dataset named at ``pos``
        (``pre``: the sentence up to the name)? The last introduction verb must govern it:
        "our proposed model outperforms ... on two datasets: X and Y" and "We evaluate the
        proposed approach on three datasets, namely X" use X."""
        if not self.sent_flags(pos)["self"]:
            return False
        im = None
        for m in self.v.introduce_re.finditer(pre):
            if not _ADJ_PROPOSED_RE.search(pre, 0, m.end()):
                im = m
        return im is not None and not _GOVERN_BREAK_RE.search(pre, im.end()) \
            and not self.v.dataset_use_re.search(pre, im.end()) and not self.v.compare_re.search(pre, im.end())

    def method_role(self, ent: Entity, proposed_keys: list[str]) -> str | None:
        # a known model named in parentheses after "a text-only model (GPT-5.1)" of an own pipeline
        # is used there; only a naming or proposal rule makes a known name the paper's own
        known = self.known_variant(ent)
        # (a variant keeps its naming hints: "we propose Reinforced Attention Flow Transformer
        # (RAFT)" defines the paper's own RAFT, whatever the gazetteer's RAFT is)
        hints = [o.hint for o in ent.occs if o.hint and not (
            ent.known and o.hint == "proposed" and o.rule in ("paren_name", "acronym", "list", "method_list", "repeat"))]
        if "proposed" in hints:
            return "proposed"
        # a part named after a proposed method: "Contrastive Language-Instance Alignment (CLIA)"
        # inside "Contrastive Language-Instance Alignment with Relation Experts (CLARE)"
        if ent.long_form and not known and any(
                e2.key in proposed_keys and e2.long_form and e2 is not ent
                and e2.long_form.lower().startswith(ent.long_form.lower() + " ") for e2 in self.entities.values()):
            return "proposed"
        # a variant of a proposed name (BAE-Net-lite, FreeLong++)
        for pk in proposed_keys:
            if pk != ent.key and len(pk) >= 3 and (ent.key.startswith(pk) or pk.startswith(ent.key)) and not ent.known \
                    and not (pk.startswith(ent.key) and pk[len(ent.key):] in self.v.name_keys):
                return "proposed"  # not PSO in PSO-UNet ("integrates PSO with the U-Net"): a name plus a name
        if not known and any(o.start < self.title_end and not _TITLE_USE_BEFORE_RE.search(self.text, 0, o.start)
                                 for o in ent.occs):
            return "proposed"  # a title name, unless the title uses it: "... Based on Newton-Raphson Method"
        if not ent.strong and not known:
            # shape-only candidate: keep it when it recurs or sits in a telling context
            pass
        # sentence-level context of each occurrence
        roles: list[str] = []
        for o in ent.occs:
            ss, _ = self.sent_of(o.start)
            f = self.sent_flags(o.start)
            pre = self.text[max(ss, o.start - 80):o.start]
            if _EVALUATED_PAIR_RE.search(self.text, ss, o.start) and "(" in self.text[ss:o.start]:
                roles.append("used")  # "We evaluate four paired VLMs (LLaVA vs. LLaVA-Med; ...)": the objects studied
            elif o.hint == "compared" or self.v.compare_re.search(pre[-60:]) and _COMPARED_BEFORE_RE.search(pre) \
                    or _BASELINE_AFTER_RE.match(self.text, o.end):
                roles.append("compared")  # "A Random Forest Classifier baseline was established"
            elif self.has_contrib and not known and self.v.contribution_re.search(self.text, ss, o.start) \
                    and _NUMBERED_BEFORE_RE.search(self.text, ss, o.start):
                roles.append("proposed")  # "Key contributions include: ... (3) a Local Mission Control Console (LMCC)"
            elif not ent.known and f["self"] and not f["propose"] and self.our_sibling(pre, o.end) \
                    and self.v.compare_re.search(self.text, ss, self.sent_of(o.start)[1]):
                roles.append("compared")  # "given to our system, VEO 3.1, and WAN 2.2 ... outperform"
            elif not known and f["self"] and (f["propose"] or _OUR_WE_RE.search(pre[-40:]) and not self.our_sibling(pre, o.end)) \
                    and not _BUILT_ON_BEFORE_RE.search(pre) and not self.v.role_use_before_re.search(pre) \
                    and not _PRETRAINED_END_RE.search(pre) and not self.infinitive_object(pre):
                roles.append("proposed")
            elif o.hint == "mentioned" and not f["self"]:
                roles.append("mentioned")
            elif o.hint == "used":
                roles.append("used")
            elif not f["self"] and _OTHERS_SUBJECT_RE.match(self.text, ss):
                roles.append("mentioned")  # "Existing methods typically employ ... MANO mesh-rendered images"
            elif f["self"] or _USED_CUE_RE.search(pre):
                roles.append("used")
            elif f["background"] or self.sentence_index(o.start) <= 2:
                roles.append("mentioned")
            else:
                roles.append("used")
        for r in ("proposed", "compared", "used", "mentioned"):
            if r in roles:
                if r == "proposed" and known:
                    continue
                return r
        return "used"

    def our_sibling(self, pre: str, end: int) -> bool:
        """Is a name that follows "our"/"we" (in ``pre``, the text before it) a sibling of "our X" in
        a list ("given to our system, VEO 3.1, and WAN 2.2") rather than governed by it?"""
        w = pre[-40:]
        last = None
        for last in _OUR_WE_RE.finditer(w):
            pass
        if last is None or "," not in w[last.end():]:
            return False
        return _SIBLING_AFTER_RE.match(self.text, end) is not None or _SIBLING_BEFORE_RE.search(w) is not None

    def infinitive_object(self, pre: str) -> bool:
        """"we propose to accelerate CFM": the name is the object of an infinitive that is not a
        proposal verb, so the work acts on it rather than proposes it."""
        m = _INFINITIVE_END_RE.search(pre)
        return m is not None and m.group(1) not in self.v.propose_words

    def list_items(self, seg: str, start: int, phrases: bool = False) -> list[tuple[str, int, int]]:
        """Name-shaped or capitalised items of a comma/and list starting at ``start``; with
        ``phrases`` a run of capitalised words joined by single spaces is one item ("methods
        including Prompt Engineering, Explanation Augmented Fine-tuning, and Model Ensemble")."""
        out: list[tuple[str, int, int]] = []
        for x in WORD_RE.finditer(seg):
            w = x.group(0).rstrip(".")
            if w.lower() in ("and", "or") or not w[:1].isupper() and not is_namey(w) or _POSSESSIVE_RE.search(w):
                continue  # "OpenAI's Deep Research": a possessive is the owner, not the name
            s0 = start + x.start()
            if phrases and out and s0 == out[-1][2] + 1 and self.text[out[-1][2]] == " " and w[:1].isupper() \
                    and not _POSSESSIVE_RE.search(out[-1][0]):
                out[-1] = (self.text[out[-1][1]:s0 + len(w)], out[-1][1], s0 + len(w))
                continue
            out.append((w, s0, s0 + len(w)))
        return out

    def context_rules(self) -> None:
        """Type names by the head noun of the list they stand in.

        Why: a capitalised word is a method or dataset only with evidence, and the commonest
        evidence in abstracts is the noun the list hangs on: ``metrics (e.g., MPJPE)`` are not
        methods, ``tools such as LIWC and Pattern`` are, ``experiments on CrossTask and COIN``
        name datasets, ``a new benchmark called CAGUI`` is a dataset.
        """
        text, v = self.text, self.v
        for m in self.cue_finditer("metric_list", v.metric_list_re, text):
            for w, _, _ in self.list_items(m.group(1), m.start(1)):
                if self.lookup(w) is None:
                    self.rejected.add(w)
        for m in self.cue_finditer("method_list", v.method_list_re, text):
            if m.start() < self.title_end:
                continue
            hint = self.example_hint(m.start(), m.end(1))
            for w, s, e in self.list_items(m.group(1), m.start(1), phrases=True):
                if w in v.stop_cap or w in self.rejected or self.rejected_method_name(w) or self.lookup(w) == "dataset" \
                        or w.lower() in v.entity_long_heads:
                    continue
                if _ACRONYM_PLURAL_RE.search(w) and self.lookup(w) is None:
                    continue  # "group equivariant architectures, e.g., G-CNNs": a class of models, not one
                ws = w.split()
                if len(ws) > 1 and self.lookup(w) is None and (
                        ws[0].lower() in STOP_WORDS or self.rejected_method_name(ws[0])
                        or any(x.isupper() and self.rejected_method_name(x) or x.lower() in v.entity_long_heads for x in ws)
                        or ws[-1].lower() in HARD_TASK_WORDS or ws[-1].lower() in v.title_task_words):
                    continue  # "such as summarization, refinement, and Named Entity Recognition (NER)": a task
                self.add(w, "method", s, e, "method_list", hint=self.own_or_known(hint, w), strong=True)
        for m in self.cue_finditer("dataset_on", v.dataset_on_re, text):
            if m.start() < self.title_end:
                continue
            items = self.list_items(m.group(1), m.start(1))
            # "experiments on Whisper and Wav2Vec2.0": a known model in the list makes it a list of
            # models, so its unknown siblings are not datasets (a known dataset still is one)
            model_list = any(self.lookup(w) == "method" for w, _, _ in items)
            for w, s, e in items:
                if model_list and self.lookup(w) != "dataset":
                    continue
                if w in v.stop_cap or self.rejected_method_name(w) or self.lookup(w) == "method" \
                        or self.entity_kind_at(s) == "method" or v.methods.regex.match(w) \
                        or HARDWARE_RE.match(w) or not (is_namey(w) or len(items) > 1 or text[s - 1:s] != "\n"):
                    continue
                if v.dataset_on_not_before_re.match(text, m.end(1)) or _MODEL_AFTER_RE.match(text[e:e + 20]):
                    continue  # "tested on the Perlmutter, Aurora, and Frontier supercomputers"
                self.add(w, "dataset", s, e, "dataset_on", strong=True)
        # "improves AUROC from 0.68 to 0.71 on DiaSafety": a score reported on a named set
        for m in v.number_on_re.finditer(text):
            w, s = m.group(1), m.start(1)
            w0 = _END_PUNCT_RE.sub("", w)
            w = self.known_dataset_prefix(w0)
            if w != w0:
                self.claimed.append((s, s + len(w0)))  # the split name is not a name of its own
            e = s + len(w)
            if not w[:1].isupper() or w.split()[0] in v.stop_cap or self.rejected_method_name(w) or w in self.rejected \
                    or HARDWARE_RE.match(w) or self.lookup(w) == "method" or self.lookup(w.split()[0]) == "method" \
                    or v.methods.regex.match(w):
                continue
            self.add(w, "dataset", s, e, "score_on", strong=True)
        for m in self.cue_finditer("dataset_head", DATASET_CALLED_RE, text):
            w = m.group(1)
            if is_namey(w) or w[:1].isupper():
                self.add(w, "dataset", m.start(1), m.end(1), "dataset_called", hint="introduced", strong=True)
        # "we introduce a new dataset, VISTA.", "On the real-world benchmarks, AbC, we show"
        for m in self.cue_finditer("dataset_head", DATASET_APPOSED_RE, text):
            ss, _ = self.sent_of(m.start())
            if m.start(1) < self.title_end or m.start() < ss \
                    or not _HEAD_ARTICLE_END_RE.search(text, max(ss, m.start() - 40), m.start()):
                continue
            items: list[tuple[str, int]] = []
            pos = m.start(1)
            for part in _HEAD_LIST_SPLIT_RE.split(m.group(1)):
                a = text.find(part, pos)
                items.append((part, a))
                pos = a + len(part)
            if any(not (is_namey(w.split()[0]) or w[:1].isupper() and len(w.split()[0]) > 1) or w.split()[0] in v.stop_cap
                   or self.rejected_method_name(w) or w in self.rejected or HARDWARE_RE.match(w)
                   or self.lookup(w) == "method" for w, _ in items):
                continue  # every item must be a name: "the benchmark, Our method ..." is prose
            hint = "introduced" if self.introduces(text[ss:m.start()], m.start(1)) else None
            for w, s in items:
                self.add(w, "dataset", s, s + len(w), "dataset_apposed", hint=hint, strong=True)

    def eponyms(self) -> None:
        """``the Dempster-Shafer theory``, ``the Choquet integral``, ``Peaceman-Rachford and Strang
        splitting methods``: mathematical tools named after people (cues.json ``eponym_methods``)."""
        text = self.text
        for m in self.v.eponym_re.finditer(text):
            if m.start() < self.title_end:
                continue
            s = m.start()
            if m.group("dbl"):
                e = m.end("dbl")
                if m.group("dhead").lower() in self.v.eponym_keep_head and not m.group("gap"):
                    e = m.end("dhead")
            else:
                e = m.end("head")
                one = text[s:m.end("one")]
                ss, _ = self.sent_of(s)
                if s == ss or one in self.v.stop_cap or one.lower() in STOP_WORDS or self.lookup(one):
                    continue  # "freezing the Down projection": an ordinary word, not a person
                pm = _CAP_WORD_BEFORE_RE.search(text, ss, s)
                if pm and pm.start(1) > ss and pm.group(1) not in self.v.stop_cap and not self.rejected_method_name(pm.group(1)):
                    s = pm.start(1)  # "Polynomial Chaos expansions": the whole capitalised name
            name = text[s:e]
            if self.rejected_method_name(name.split()[0]):
                continue
            used = _VIA_BEFORE_RE.search(text[max(0, s - 40):s])
            self.add(name, "method", s, e, "eponym", hint="used" if used else None, strong=True)

    def own_subject(self, ss: int, vs: int) -> bool:
        """Is the subject of the sentence starting at ``ss``, before its verb at ``vs``, the paper's
        own system: "The (proposed) framework", "Our model", the title's name ("NExT-Search
        integrates ..."), or a name the paper proposes?"""
        pre = self.text[ss:vs]
        if len(pre) > 120 or ";" in pre:
            return False
        if self.v.own_subject_re.match(pre):
            return True
        first = pre.lstrip()
        if not first[:1].isupper():
            return False
        tm = _TITLE_NAME_RE.match(self.text, 0, self.title_end)
        titular = tm is not None and first.startswith(tm.group(1)) \
            and not first[len(tm.group(1)):len(tm.group(1)) + 1].isalnum()
        if titular:
            word = tm.group(1)
        else:
            word = first.split(None, 1)[0].rstrip(",")
        ent = self.entities.get(self.alias_of.get(norm_key(word), norm_key(word)))
        if self.v.dataset_name_re.match(word) or ent is not None and ent.kind == "dataset":
            return False  # "DrVD-Bench consists of three modules: ...": the parts of a benchmark
        return titular or ent is not None and any(o.hint == "proposed" for o in ent.occs)

    def own_part_use(self, short: str, after: int) -> bool:
        """"... nonnegative deconvolution (NDC) operations. Key innovations include a
        backpropagation-friendly NDC layer": a later "a/our [adj] X layer|module|..." in a sentence
        about the paper's own parts makes a lower-case-defined acronym one of them."""
        text = self.text
        for s0, e0 in word_spans(text, short):
            if s0 < after:
                continue
            nxt = _NEXT_WORD_RE.match(text, e0)
            if nxt is None or nxt.group(1).lower() not in self.v.submodule_heads_after \
                    or not _OWN_ARTICLE_END_RE.search(text, max(0, s0 - 60), s0):
                continue
            if self.sent_flags(s0)["self"] or self.own_parts_sentence(s0):
                return True
        return False

    def own_parts_sentence(self, pos: int) -> bool:
        """"The framework comprises two core components: (1) a ... (PSA) module": a sentence whose
        own-system subject lists its parts before ``pos``."""
        ss, _ = self.sent_of(pos)
        vm = self.v.component_verb_re.search(self.text, ss, pos)
        return vm is not None and self.own_subject(ss, vm.start())

    def component_lists(self) -> None:
        """``NExT-Search integrates two complementary modes: User Debug Mode, which ...; and Shadow
        User Mode, where ...``: Title Case items of a colon list of parts whose subject is the
        paper's own system are its named sub-modules (cues.json ``component_list``)."""
        text, v = self.text, self.v
        i = text.find(":", self.title_end)
        while i >= 0:
            ss, se = self.sent_of(i)
            m = v.component_colon_re.search(text, max(ss, i - 100), i + 1)
            if m is not None and self.own_subject(ss, m.start()):
                seg0 = i + 1
                for im in _COMPONENT_ITEM_RE.finditer(text[seg0:se]):
                    name = im.group(1)
                    words = name.split()
                    if words[0] in v.stop_cap or any(self.rejected_method_name(w) for w in words) or name in self.rejected:
                        continue
                    self.add_discovered(name, seg0 + im.start(1), seg0 + im.end(1), "component_list", "proposed")
            i = text.find(":", i + 1)

    def titled_parts(self) -> None:
        """``An offline Query Unifier canonicalizes ...``, ``incorporates a sophisticated Hybrid
        Compressor based on ...``, ``we employ a novel Dual Orientation AutoEncoder``: a Title Case
        phrase after an article and lower-case modifiers, ending in an agent noun (-er/-or) or a
        part head (cues.json component_heads_kept), in a sentence about the paper's own work (or
        the subject of the sentence after one), is a named part of the paper's system.

        Why: such parts carry no "module" head and no acronym, so no other rule names them; the
        Title Case spelling in mid-sentence is the name. Generic classes ("a Variational
        Autoencoder", "a Vision Transformer") are generic phrases or gazetteer names."""
        text, v = self.text, self.v
        if self.title_end >= len(text):
            return
        # offsets in " " + text (SeparatorScan): group offsets are one more than in ``text``
        for m in _TITLED_PART_SCAN.finditer(" " + text, self.title_end, self.plain):
            name = m.group(2)
            words = name.split()
            last = words[-1]
            s, e = m.start(2) - 1, m.end(2) - 1
            nxt = _NEXT_WORD_RE.match(text, _PAREN_AFTER_RE.match(text, e).end())
            # "a novel Anchor-View Editing Propagation mechanism": a lower-case part head after the
            # Title Case phrase makes it the part's name, whatever its last word
            part_head = nxt is not None and nxt.group(1) in v.submodule_heads_after and len(words) >= 2
            if not (last in v.kept_heads or part_head or _AGENT_NOUN_RE.search(last) and last.lower() not in v.task_suffix) \
                    or len(words) > 4 or last.lower() in v.entity_long_heads:
                continue  # "Mean Absolute Error", "... Eco-phenotyping Center"
            if text.startswith(("'s", "’s"), e) or nxt and (nxt.group(1) in v.method_heads and nxt.group(1) not in v.submodule_heads_after
                                                           or nxt.group(1) in v.dataset_heads):
                continue  # "the NaijaSenti Twitter corpus", "the K-Nearest Neighbor (K-NN) classifier": a modifier
            ss, _ = self.sent_of(s)
            if any(w in v.stop_cap and w not in v.kept_heads or self.rejected_method_name(w) for w in words[:-1]) \
                    or self.rejected_method_name(name) or name.lower() in v.generic_phrases \
                    or self.lookup(name) is not None or last.lower() in HARD_TASK_WORDS \
                    or any(cs <= s < ce or s <= cs < e for cs, ce in self.claimed):
                continue
            mods = m.group(1).lower()
            i = self.sentence_index(s)
            f = self.sent_flags(s)
            own = f["self"] or _OWN_MOD_RE.search(mods) is not None or self.own_parts_sentence(s) or (
                # "We present UniversalVTG, ... An offline Query Unifier canonicalizes ...": the subject
                # of the sentence right after one about the paper's own system (m.start(): the
                # separator's offset in " " + text, the article's in ``text``)
                (m.start() == ss or _BACK_REFERENCE_RE.match(text, ss)) and i > 0 and self.sent_flags(self.sents[i - 1][0])["self"])
            if not own or v.compare_re.search(text, ss, s) or v.background_re.search(text, max(ss, s - 40), s):
                continue
            self.add(name, "method", s, e, "titled_part", hint="proposed", strong=True)

    def numbered_components(self) -> None:
        """``consisting of: (1) Hybrid Prior Construction, where ...``: Title Case items of an
        enumeration in a sentence that presents the paper's own pipeline are its sub-modules."""
        text = self.text
        for m in _NUMBERED_ITEM_RE.finditer(text):
            if m.start() < self.title_end:
                continue
            ss, _ = self.sent_of(m.start())
            f = self.sent_flags(m.start())
            if not (f["self"] or f["propose"] or _CONSISTS_RE.search(text[ss:m.start()])):
                continue
            name = m.group(1)
            words = name.split()
            if words[0] in self.v.stop_cap or any(self.rejected_method_name(w) for w in words) or name in self.rejected:
                continue
            self.add(name, "method", m.start(1), m.end(1), "numbered", hint="proposed", strong=True)

    def appositive_kind(self, ent: Entity) -> str | None:
        """``X, a hybrid privacy-preserving framework`` / ``X, a corpus of ...``: the kind the
        text itself gives the name, which outranks its shape (``CON-QA`` looks like a dataset)."""
        for o in ent.occs:
            am = self.v.appositive_method_re.match(self.text, o.end)
            if am:
                # "Report Arena, a benchmarking framework using ...", "WebTrap Park, an automated
                # platform for systematic security evaluation": an evaluation framework is a benchmark
                head = _LAST_ALNUM_RE.search(am.group(0))
                h = head.group(1).lower() if head else ""
                if h in self.v.evaluation_frame_heads and (
                        self.v.evaluation_word_re.search(self.text, o.end, am.end())
                        # "HRBench, a unified evaluation framework": a benchmark-spelled name
                        or _BENCH_NAME_RE.search(ent.name) and self.v.evaluation_any_re.search(am.group(0))) \
                        or h in self.v.evaluation_for_heads and self.v.evaluation_for_re.match(self.text, am.end()):
                    return "dataset"
                return "method"
            ad = self.v.appositive_dataset_re.match(self.text, o.end)
            if ad:
                # "Spectra-1.1, an open suite of TriLMs": a suite of models is a model family
                return "method" if self.v.suite_of_models_re.match(self.text, ad.end()) else "dataset"
        return None

    def run(self) -> Analysis:
        v = self.v
        self.acronyms()
        self.gazetteer(v.datasets)
        self.gazetteer(v.methods)
        self.context_rules()
        self.numbered_components()
        self.eponyms()
        self.title_prefix()
        self.dataset_head_rule()
        self.propose_rules()
        self.quoted_names()
        self.component_lists()
        self.titled_parts()
        self.lists()
        self.namey_tokens()
        return self.resolve()


def schwartz_hearst(short: str, before: str, reverse: bool = False) -> str | None:
    """The long form ending ``before`` whose letters spell ``short`` (Schwartz & Hearst, 2003).

    With ``reverse`` the long form is ``before`` itself (``MADD (Mask-Aware Dual Diffusion)``)
    and only the check is made.
    """
    letters = [c.lower() for c in short if c.isalpha()]
    if not letters or not short[0].isalnum():
        return None
    words = before.split()
    if not reverse:
        n_max = min(len(letters) + 5, len(letters) * 2)
        words = words[-n_max:]
        cand = " ".join(words)
    else:
        cand = before.strip()
    # strip a trailing ", or" etc. (what ``re.sub(r"[\s,;:]+$", "", cand)`` strips)
    end = len(cand)
    while end and (cand[end - 1] in ",;:" or cand[end - 1].isspace()):
        end -= 1
    cand = cand[:end]
    if not reverse and short.isupper() and len(letters) >= 2:
        # plain initials first: the letter walk below would spell "RSR" inside one word of
        # "Road Surface Reconstruction" and miss the definition
        ws = cand.split()[-len(letters):]
        if len(ws) == len(letters) and all(w[:1].lower() == c for w, c in zip(ws, letters)):
            return " ".join(ws)
    si, li = len(letters) - 1, len(cand) - 1
    if cand.isascii() and short.isascii():
        # the walk below with str.rfind on the lower-cased text (same offsets on ASCII)
        low = cand.lower()
        while si >= 0:
            c = letters[si]
            li = low.rfind(c, 0, li + 1)
            if si == 0:
                while li > 0 and cand[li - 1].isalnum():  # the first letter starts a word
                    li = low.rfind(c, 0, li)
            if li < 0:
                return None
            si -= 1
            li -= 1
    while si >= 0:
        c = letters[si]
        while li >= 0 and (cand[li].lower() != c or (si == 0 and li > 0 and cand[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        si -= 1
        li -= 1
    start = cand.rfind(" ", 0, li + 1) + 1
    long = cand[start:].strip(" ,;:(")
    if reverse:
        return long if len(long.split()) >= 2 or "-" in long else None
    if not long or len(long) <= len(short) or " " not in long and "-" not in long:
        return None
    lw = long.split()
    if lw[0].lower() in ("the", "a", "an", "our", "we", "and", "or", "of", "to"):
        long = " ".join(lw[1:])
    if len(long.split()) > len(letters) + 3:
        return None
    return long or None


ANALYSIS_KEY = "kg_names_analysis"


def analyse(doc: Doc) -> Analysis:
    """The dataset and method mentions of ``doc``, computed once and cached on the Doc."""
    cached = doc.user_data.get(ANALYSIS_KEY)
    if cached is None:
        cached = Scanner(doc, vocab_fast()).run()
        doc.user_data[ANALYSIS_KEY] = cached
    return cached
