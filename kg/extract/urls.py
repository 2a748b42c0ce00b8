"""kg_urls: code and project URLs, cleaned of trailing punctuation and markup remnants.

Abstracts carry URLs inside HTML (``<a href="https://x.io/">this https URL</a>``), LaTeX
(``\\url{https://...}``) and sentences (``... at https://github.com/a/b.``); what follows the
address is never part of it, so the cleaning cuts at markup characters and strips trailing
punctuation, keeping a closing bracket only when the URL opened one.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import doc_ext
from kg.model import CodeUrl, Evidence

#: A URL with a scheme, a bare code-hosting address (``github.com/user/repo``), or a bare
#: project page on a code host's pages domain (``egosimulator.github.io``: "The project page
#: is at egosimulator.github.io", no scheme).
URL_RE = re.compile(
    r"(?:https?://|https?:\s//(?=[\w-]+\.)|(?<![\w./@-])(?:www\.|(?:github|gitlab|bitbucket|huggingface)\.(?:com|co|org)/))[^\s<>\"'`]+"
    r"|(?<![\w./@:-])[a-z0-9][\w-]*\.(?:github|gitlab)\.io(?![\w-])[^\s<>\"'`]*",
    re.IGNORECASE,
)
#: Characters that end a URL when they appear in it: markup remnants (``">this``, ``{this``).
CUT_RE = re.compile(r"[\"'<>{}\\|^`]|&quot;|&gt;|&lt;")
TRAILING = ".,;:!?*'\"”’)]}>$"
#: ``https://github.com/ user/repo``: a line break or space after the host in the source.
HOST_ONLY_RE = re.compile(r"^https?://(?:www\.)?(?:github\.com|gitlab\.com|huggingface\.co)/$",
                          re.IGNORECASE)
PATH_AFTER_SPACE_RE = re.compile(r"\s([\w.-]+/[\w./-]+)")
#: ``https: //github.com/a/b``: a space slipped in after the scheme's colon in the source.
SPACED_SCHEME_RE = re.compile(r"^(https?:)\s//", re.IGNORECASE)


def clean_url(raw: str) -> str:
    """The address part of a raw URL match: cut at markup, strip trailing punctuation."""
    m = CUT_RE.search(raw)
    url = raw[: m.start()] if m else raw
    while url and url[-1] in TRAILING:
        ch = url[-1]
        if ch == ")" and url.count("(") >= url.count(")"):
            break
        if ch == "]" and url.count("[") >= url.count("]"):
            break
        url = url[:-1]
    return url


#: The most characters a URL_RE match can start before the first of its hint strings
#: (``_scan_start``): "huggingface" before ".co/".
_MAX_LEAD = len("huggingface")
#: Case-insensitive hints (matched on the lower-cased text); "://" has no letters.
_HINTS = ("www.", ".co", ".org/")
#: Hints of a bare pages host, whose user part before the hint has no bounded length.
_PAGES_HINTS = (".github.io", ".gitlab.io")
#: A scheme with no host after it, or a host without a dot ("https://", "http://localhost").
BARE_RE = re.compile(r"^https?://[^/]*$")


def _scan_start(text: str) -> int | None:
    """Where URL_RE may first match in ``text``; None when it cannot match.

    Every match holds "://" (or ": //"), "www." or a code host's ".com/" / ".co/" / ".org/" (case aside)
    no more than ``_MAX_LEAD`` characters after its start, or a pages host (".github.io") after
    a run of non-space characters, so most abstracts skip the regex
    and the rest scan from just before their first hint (URLs come last in an abstract).
    """
    hints = [i for i in (text.find("://"), text.find(": //")) if i >= 0]
    low = text.lower()
    hints += [i for i in (low.find(h) for h in _HINTS) if i >= 0]
    pages = [i for i in (low.find(h) for h in _PAGES_HINTS) if i >= 0]
    if not hints and not pages:
        return None
    if len(low) != len(text):  # a character whose lower case is longer: offsets differ
        return 0
    starts = [max(0, i - _MAX_LEAD) for i in hints]
    for i in pages:  # back to the start of the run of non-space characters
        while i > 0 and not text[i - 1].isspace():
            i -= 1
        starts.append(i)
    return min(starts)


class CodeUrls:
    """Appends a :class:`kg.model.CodeUrl` for each distinct URL in the text."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc_ext.doc_text(doc)
        pos = _scan_start(text)
        if pos is None:
            return doc
        out = doc_ext.urls(doc)
        seen: set[str] = set()
        for m in URL_RE.finditer(text, pos):
            url = clean_url(m.group(0))
            end = m.start() + len(url)
            url = SPACED_SCHEME_RE.sub(r"\1//", url)
            if HOST_ONLY_RE.match(url):
                nxt = PATH_AFTER_SPACE_RE.match(text, m.end())
                if nxt:
                    path = clean_url(nxt.group(1))
                    url = url + path
                    end = nxt.start(1) + len(path)
            if BARE_RE.match(url) and "." not in url.split("//", 1)[1]:
                continue  # "https://" or a bare word: nothing to link to
            key = url.lower().rstrip("/")
            if key in seen or len(url) < 8:
                continue
            seen.add(key)
            span = doc.char_span(m.start(), end, alignment_mode="expand")
            if span is not None:
                # == span.sent.text.strip(): Span.text joins Token objects, slicing is free
                ss, se = doc_ext.sentence_at(doc, span.start_char)
                evidence = text[ss:se].strip()
            else:
                evidence = text[max(0, m.start() - 100): end]
            out.append(CodeUrl(url, Evidence(evidence, m.start(), end, "kg_urls.regex", 0.99)))
        return doc


@Language.factory("kg_urls")
def make_urls(nlp: Language, name: str) -> CodeUrls:
    return CodeUrls()
