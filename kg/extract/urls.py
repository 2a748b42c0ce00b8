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

#: A URL with a scheme, or a bare code-hosting address (``github.com/user/repo``).
URL_RE = re.compile(
    r"(?:https?://|(?<![\w./@-])(?:www\.|(?:github|gitlab|bitbucket|huggingface)\.(?:com|co|org)/))[^\s<>\"'`]+",
    re.IGNORECASE,
)
#: Characters that end a URL when they appear in it: markup remnants (``">this``, ``{this``).
CUT_RE = re.compile(r"[\"'<>{}\\|^`]|&quot;|&gt;|&lt;")
TRAILING = ".,;:!?*'\"”’)]}>$"
#: ``https://github.com/ user/repo``: a line break or space after the host in the source.
HOST_ONLY_RE = re.compile(r"^https?://(?:www\.)?(?:github\.com|gitlab\.com|huggingface\.co)/$", re.I)
PATH_AFTER_SPACE_RE = re.compile(r"\s([\w.-]+/[\w./-]+)")


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


def _may_have_url(text: str) -> bool:
    """False only when URL_RE cannot match: every match holds "://", "www." or a
    code host's ".com/" / ".co/" / ".org/" (case aside; none of these letters has a non-ASCII
    case variant), so most abstracts skip the scan."""
    if "://" in text:
        return True
    low = text.lower()
    return "www." in low or ".co" in low or ".org/" in low


class CodeUrls:
    """Appends a :class:`kg.model.CodeUrl` for each distinct URL in the text."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc_ext.doc_text(doc)
        out = doc_ext.urls(doc)
        if not _may_have_url(text):
            return doc
        seen: set[str] = set()
        for m in URL_RE.finditer(text):
            url = clean_url(m.group(0))
            end = m.start() + len(url)
            if HOST_ONLY_RE.match(url):
                nxt = PATH_AFTER_SPACE_RE.match(text, m.end())
                if nxt:
                    url = url + clean_url(nxt.group(1))
                    end = nxt.start(1) + len(clean_url(nxt.group(1)))
            if re.match(r"^https?://[^/]*$", url) and "." not in url.split("//", 1)[1]:
                continue  # "https://" or a bare word: nothing to link to
            key = url.lower().rstrip("/")
            if key in seen or len(url) < 8:
                continue
            seen.add(key)
            span = doc.char_span(m.start(), end, alignment_mode="expand")
            sent = span.sent.text.strip() if span is not None else text[max(0, m.start() - 100): end]
            out.append(CodeUrl(url, Evidence(sent, m.start(), end, "kg_urls.regex", 0.99)))
        return doc


@Language.factory("kg_urls")
def make_urls(nlp: Language, name: str) -> CodeUrls:
    return CodeUrls()
