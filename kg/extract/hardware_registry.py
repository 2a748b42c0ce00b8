"""The hardware registry: products, generations, vendor groups and device classes.

The registry is data (``kg/data/hardware.json``); this module turns it into

* a lookup of canonical products (:meth:`HardwareRegistry.get`),
* a resolver for what users type (``"rtx4090"``, ``"H100 80GB"``, ``"Hopper"``, ``"nvidia"``,
  ``"gpu"``) used by queries (:meth:`HardwareRegistry.resolve`),
* a hierarchy for the graph's ``skos:broader`` links (:meth:`HardwareRegistry.nodes`,
  :meth:`HardwareRegistry.broader_chain`): product -> generation -> vendor group -> class,
* the compiled alias matcher the ``kg_hardware`` component runs over text.

Why one compiled regex and not a PhraseMatcher: product names are written with and without
spaces and hyphens (``RTX4090``, ``RTX-4090``, ``RTX 4090``, ``8xA100``, ``TPUv4``), which the
tokenizer splits inconsistently. A trie-shaped regex over the alias *runs* (letter and digit
runs) with an optional separator between runs covers every spelling in one C-level scan, and
its trie shape keeps the scan cost independent of the number of aliases.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from kg.extract.vocab import load_json
from kg.extract.word_gate import OPT_SPACE, word_char

#: Separator allowed between two runs of an alias: nothing, one space, a hyphen/underscore, or
#: a LaTeX tie ("Raspberry Pi~5", "RTX~4090" in arXiv abstracts).
_SEP = r"[ \-_~]?"
_RUN = re.compile(r"[A-Za-z]+|[0-9]+|\+")


def compact(text: str) -> str:
    """The lookup key of a written name: lowercase letters, digits and '+' only."""
    return re.sub(r"[^a-z0-9+]+", "", text.lower())


@dataclass(frozen=True, slots=True)
class HardwareInfo:
    """One node of the hardware hierarchy (a product, generation, vendor group or class)."""

    name: str
    vendor: str | None
    hw_class: str | None
    generation: str | None = None
    year: int | None = None
    aliases: tuple[str, ...] = ()
    broader: list[str] = field(default_factory=list)
    kind: str = "product"  # product | generation | group | class
    label: str | None = None
    family: str | None = None


@dataclass(frozen=True, slots=True)
class AliasEntry:
    """What a matched alias key means, and whether it needs a context word to count."""

    canonical: str
    needs_context: bool
    case_sensitive_form: str | None = None
    vendor_prefixed: bool = False


def _runs(alias: str) -> tuple[str, ...]:
    return tuple(r.lower() for r in _RUN.findall(alias))


def _trie_regex(keys: list[tuple[str, ...]]) -> str:
    """A regex matching exactly the run sequences in ``keys``, runs joined by ``_SEP``.

    Children are tried longest-first so that ``RTX 4090 Ti`` wins over ``RTX 4090``.
    """
    trie: dict[str, Any] = {}
    for key in keys:
        node = trie
        for run in key:
            node = node.setdefault(run, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        alts = []
        for run in sorted((k for k in node if k), key=lambda r: (-len(r), r)):
            child = node[run]
            sub_keys = [k for k in child if k]
            piece = re.escape(run)
            if sub_keys:
                inner = build(child)
                if "" in child:
                    piece += f"(?:{_SEP}{inner})?"
                else:
                    piece += f"{_SEP}{inner}"
            alts.append(piece)
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return build(trie)


class HardwareRegistry:
    """The hardware hierarchy and its alias matcher, built once from the JSON data."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._nodes: dict[str, HardwareInfo] = {}
        self._resolve: dict[str, str] = {}
        self.aliases: dict[str, AliasEntry] = {}
        self.vendor_names: set[str] = set()
        self._forms: dict[str, set[str]] = {}  # alias key -> written forms (for the matcher)
        self.contexts: dict[str, re.Pattern[str]] = {}
        classes = data["classes"]
        for c in classes:
            broader = []
            b = c.get("broader")
            while b:
                broader.append(b)
                b = next((x.get("broader") for x in classes if x["name"] == b), None)
            self._add(HardwareInfo(c["name"], None, c["name"], kind="class", label=c.get("label"),
                                   broader=broader))
        self._vendor_alias: dict[str, str] = {}
        self._vendor_primary: dict[str, str] = {}
        for v in data["vendors"]:
            self.vendor_names.update([v["name"], *v["aliases"]])
            for a in [v["name"], *v["aliases"]]:
                self._vendor_alias[compact(a)] = v["name"]
            self._vendor_primary[v["name"]] = v["primary_class"]
        for g in data["generations"]:
            group = self._group(g["vendor"], g["hw_class"])
            self._add(HardwareInfo(g["name"], g["vendor"], g["hw_class"], None, g.get("year"),
                                   tuple(g["aliases"]), [group, *self._chain_of(g["hw_class"])],
                                   kind="generation"))
            self._register_aliases(g["name"], g["vendor"], g["aliases"],
                                   context=g["aliases"] if g.get("context", True) else [], cs=[])
        for p in data["products"]:
            self._add_product(p)
        for cls, words in data.get("contexts", {}).items():
            self.contexts[cls] = re.compile(
                r"(?<![a-z0-9])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                + r")(?![a-z0-9])", re.I)
        # vendor names and classes resolve to their group / class node
        for alias, vendor in self._vendor_alias.items():
            self._resolve.setdefault(alias, self._group(vendor, self._vendor_primary[vendor]))
        for c in classes:
            self._resolve[compact(c["name"])] = c["name"]
            self._resolve.setdefault(compact(c["name"]) + "s", c["name"])
        self._body, self.pattern_cs = self._compile()

    # -- construction -----------------------------------------------------------------------
    def _add(self, info: HardwareInfo) -> None:
        self._nodes.setdefault(info.name, info)
        self._resolve.setdefault(compact(info.name), info.name)

    def _chain_of(self, cls: str) -> list[str]:
        node = self._nodes.get(cls)
        return [cls, *(node.broader if node else [])]

    def _group(self, vendor: str, cls: str, family: str | None = None) -> str:
        """The vendor-group node (``NVIDIA GPU``) or a family node (``NVIDIA Jetson``)."""
        name = family or f"{vendor} {cls}"
        if name not in self._nodes:
            self._add(HardwareInfo(name, vendor, cls, kind="group",
                                   broader=self._chain_of(cls)))
        return name

    def _add_product(self, p: dict[str, Any]) -> None:
        vendor, cls = p["vendor"], p["hw_class"]
        gen = p.get("generation")
        family = p.get("family")
        chain: list[str] = []
        if family and family != p["name"]:
            chain.append(self._group(vendor, cls, family))
        gen_node = self._nodes.get(gen) if gen else None
        if gen_node is not None and gen_node.hw_class == cls:
            chain.append(gen)
        group = self._group(vendor, cls)
        if group != p["name"]:
            chain.append(group)
        chain.extend(self._chain_of(cls))
        chain = list(dict.fromkeys(c for c in chain if c != p["name"]))
        aliases = tuple(p["aliases"]) + tuple(p.get("context_aliases", ()))
        info = HardwareInfo(p["name"], vendor, cls, gen, p.get("year"), aliases, chain,
                            kind="product", family=family)
        if p["name"] in self._nodes and self._nodes[p["name"]].kind == "group":
            self._nodes[p["name"]] = info  # a product that is also its family's name
        self._add(info)
        self._register_aliases(p["name"], vendor, [*p["aliases"], *p.get("context_aliases", ())],
                               context=p.get("context_aliases", []),
                               cs=p.get("case_sensitive_aliases", []))

    def _register_aliases(self, canonical: str, vendor: str, aliases: list[str],
                          context: list[str], cs: list[str]) -> None:
        vendor_forms = [vendor] + [a for a, v in self._vendor_alias.items() if v == vendor]
        forms: list[tuple[str, bool, bool]] = []  # (alias, needs_context, vendor_prefixed)
        for a in [canonical, *aliases]:
            forms.append((a, a in context, False))
            for vf in {compact(x) for x in vendor_forms}:
                if not compact(a).startswith(vf):
                    forms.append((f"{vf} {a}", False, True))
        for a, needs_ctx, prefixed in forms:
            key = compact(a)
            if not key:
                continue
            self._forms.setdefault(key, set()).add(a)
            entry = AliasEntry(canonical, needs_ctx, a if a in cs else None, prefixed)
            old = self.aliases.get(key)
            # an unambiguous reading beats one that needs context; first registration wins
            if old is None or (old.needs_context and not needs_ctx):
                self.aliases[key] = entry
            self._resolve.setdefault(key, canonical)

    def _compile(self) -> tuple[str, re.Pattern[str] | None]:
        """The alias regex's source (see :attr:`pattern`), and the case-sensitive pattern."""
        ci = [_runs(k_form) for k_form in self._alias_forms(case_sensitive=False)]
        cs_forms = self._alias_forms(case_sensitive=True)
        # a name starts a word, or follows a count ("8xA100", "8×A100", "8timesA100");
        # GATE_LEADS and GATE_RIGHT below are these two in word text: keep them in step
        left = r"(?:(?<![A-Za-z0-9+])|(?<=\d[xX×])|(?<=\dtimes))"
        right = r"(?:'?s)?(?![A-Za-z0-9+])"
        body = left + "(" + _trie_regex([r for r in ci if r]) + ")" + right
        # the trie holds lowercase runs: matching lowercased text case-sensitively is ~3x
        # faster than re.I (no case folding per character), same offsets for ASCII text
        self.pattern_lower = re.compile(body)
        pat_cs = None
        if cs_forms:
            pat_cs = re.compile(left + "(" + "|".join(
                re.escape(f) for f in sorted(cs_forms, key=len, reverse=True)) + ")" + right)
        return body, pat_cs

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The alias regex with re.I, for the rare text whose lowercasing changes its length
        (where :attr:`pattern_lower`'s offsets would be wrong).

        Compiled on first use: the 49 kB pattern cost 0.27 s of every pipeline's start-up,
        and most corpora never need it.
        """
        return re.compile(self._body, re.I)

    #: What may precede a name in word text (kg.extract.word_gate.word_text): a space (any
    #: character that is no letter or digit, or the text start) or a count's "x" / "times".
    GATE_LEADS = (" ", "x", "times")
    #: What follows a name in word text: an optional plural "s" / "'s", then no letter or digit.
    GATE_RIGHT = r"(?: ?s)?(?![a-z0-9])"

    def gate_sequences(self) -> list[tuple[tuple[str, ...], bool]]:
        r"""Every alias as a word-text token sequence, for a :class:`~kg.extract.word_gate.WordGate`.

        The same aliases as the matchers: case-insensitive ones with an optional separator
        between runs (the trie's ``[ \-_]?``), case-sensitive ones as written (lowercased, which
        only makes the gate pass more often). With :data:`GATE_LEADS` and :data:`GATE_RIGHT`,
        a gate over these passes on every text where :attr:`pattern`, :attr:`pattern_lower` or
        :attr:`pattern_cs` matches.
        """
        out: list[tuple[tuple[str, ...], bool]] = []
        for form in self._alias_forms(case_sensitive=False):
            tokens: list[str] = []
            for i, run in enumerate(_runs(form)):
                if i:
                    tokens.append(OPT_SPACE)
                tokens.extend(run.replace("+", " "))  # runs are lowercase; "+" is a space in word text
            if tokens:
                out.append((tuple(tokens), True))
        for form in self._alias_forms(case_sensitive=True):
            chars = [word_char(c) for c in form]
            if chars and None not in chars:  # a name with a non-ASCII letter is not in ASCII text
                out.append((tuple(c for c in chars if c is not None), True))
        return out

    def _alias_forms(self, case_sensitive: bool) -> list[str]:
        out: list[str] = []
        for key, e in self.aliases.items():
            if (e.case_sensitive_form is not None) != case_sensitive:
                continue
            if case_sensitive:
                out.append(e.case_sensitive_form or key)
            else:
                out.extend(sorted(self._forms.get(key, {key})))
        return out

    # -- public API ---------------------------------------------------------------------------
    def get(self, canonical: str) -> HardwareInfo | None:
        """The node named exactly ``canonical`` (products, generations, groups, classes)."""
        return self._nodes.get(canonical)

    def resolve(self, text: str) -> str | None:
        """The canonical node name for what a user typed, or None.

        Case, spaces, hyphens, vendor prefixes, memory sizes (``H100 80GB``) and plurals are
        ignored: ``"rtx4090"``, ``"4090"``, ``"GeForce RTX 4090"`` -> ``"NVIDIA RTX 4090"``.
        """
        if not text or not text.strip():
            return None
        t = re.sub(r"\b\d+\s*[GT]B\b", " ", text, flags=re.I)  # memory sizes are not names
        t = re.sub(r"\b(?:GPUs?|graphics cards?)\s*$", "", t.strip(), flags=re.I) or t
        for cand in (compact(text), compact(t)):
            if not cand:
                continue
            for c in (cand, cand[:-1] if cand.endswith("s") else None):
                if c and c in self._resolve:
                    return self._resolve[c]
                if c and c in self.aliases:
                    return self.aliases[c].canonical
        return None

    def broader_chain(self, name: str) -> list[str]:
        """Ancestors of ``name``, nearest first: ``NVIDIA RTX 4090`` -> generation, group, class."""
        node = self._nodes.get(name)
        if node is None:
            resolved = self.resolve(name)
            node = self._nodes.get(resolved) if resolved else None
        return list(node.broader) if node else []

    def nodes(self) -> Iterator[HardwareInfo]:
        """Every node of the hierarchy; each node's ``broader[0]`` is its direct parent."""
        yield from self._nodes.values()

    def products(self) -> Iterator[HardwareInfo]:
        return (n for n in self._nodes.values() if n.kind == "product")

    def lookup_match(self, matched: str) -> AliasEntry | None:
        """The alias entry for text the matcher found (plural ``s`` tolerated)."""
        key = compact(matched)
        if key.endswith("'s"):
            key = key[:-2]
        e = self.aliases.get(key)
        if e is None and key.endswith("s"):
            e = self.aliases.get(key[:-1])
        return e

    def vendor_of_prefix(self, matched: str) -> str | None:
        """The vendor whose name starts ``matched`` (``"Nvidia A100"`` -> ``NVIDIA``), if any."""
        words = matched.split()
        if len(words) > 1 and compact(words[0]) in self._vendor_alias:
            return self._vendor_alias[compact(words[0])]
        return None


@lru_cache(maxsize=1)
def load_registry() -> HardwareRegistry:
    """The registry built from ``kg/data/hardware.json`` (cached per process)."""
    return HardwareRegistry(load_json("hardware.json"))
