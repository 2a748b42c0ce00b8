"""kg_urls: URLs cleaned of punctuation and markup remnants."""
from __future__ import annotations

import pytest
from spacy.language import Language

from kg.extract import doc_ext
from kg.extract.nlp import build_nlp
from kg.extract.urls import clean_url


@pytest.fixture(scope="session")
def nlp() -> Language:
    return build_nlp()


def urls(nlp: Language, text: str) -> list[str]:
    return [u.url for u in doc_ext.urls(nlp(text))]


@pytest.mark.parametrize("raw, clean", [
    ('https://cumulo-autumn.github.io/StreamDiT/">this', "https://cumulo-autumn.github.io/StreamDiT/"),
    ("https://github.com/a/b.", "https://github.com/a/b"),
    ("https://github.com/a/b).", "https://github.com/a/b"),
    ("https://github.com/henry-pay/SpaRTAN].", "https://github.com/henry-pay/SpaRTAN"),
    ("https://github.com/sail-sg/zero-bubble{this", "https://github.com/sail-sg/zero-bubble"),
    ("https://github.com/x/y}.", "https://github.com/x/y"),
    ("https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_(bar)"),
])
def test_clean_url(raw: str, clean: str) -> None:
    assert clean_url(raw) == clean


def test_urls_in_text(nlp: Language) -> None:
    text = ("T\nCode is at https://github.com/MCG-NKU/AMT. See github.com/selimfirat/pysad, "
            'and <a href="https://x.github.io/StreamDiT/">this https URL.</a>')
    assert urls(nlp, text) == ["https://github.com/MCG-NKU/AMT", "github.com/selimfirat/pysad",
                               "https://x.github.io/StreamDiT/"]


def test_host_split_from_path(nlp: Language) -> None:
    assert urls(nlp, "T\nCode: https://github.com/ altair199797/LowFormer.") == [
        "https://github.com/altair199797/LowFormer"]


def test_evidence_offsets(nlp: Language) -> None:
    text = "T\nCode: https://github.com/a/b."
    u = doc_ext.urls(nlp(text))[0]
    assert text[u.evidence.start:u.evidence.end] == u.url
    assert u.evidence.extractor == "kg_urls.regex"


def test_bare_scheme_is_ignored(nlp: Language) -> None:
    assert urls(nlp, "T\nVisit https:// later.") == []


def test_space_after_scheme_colon(nlp: Language) -> None:
    # "https: //github.com/a/b": a space slipped in after the colon (arXiv source text)
    assert urls(nlp, "Our code is available at https: //github.com/AkierRaee/BlitzGS.") == [
        "https://github.com/AkierRaee/BlitzGS"]
    assert urls(nlp, "The ratio is 3: //x and nothing else.") == []


@pytest.mark.parametrize("text, expected", [
    ("T\nThe project page is at egosimulator.github.io.", ["egosimulator.github.io"]),
    ("T\nDemos (my-lab.github.io/proj/) and code.", ["my-lab.github.io/proj/"]),
    ("T\nSee group.gitlab.io/tool, and https://a.github.io/b.", ["group.gitlab.io/tool", "https://a.github.io/b"]),
    # the scheme form is found once, not again as a bare host
    ("T\nPage: https://egosimulator.github.io/.", ["https://egosimulator.github.io/"]),
    # not a pages host: a file name, an e-mail, a longer domain
    ("T\nWe edit the x.github.iox file; mail me@lab.github.io.", []),
])
def test_bare_pages_host(nlp: Language, text: str, expected: list[str]) -> None:
    """A project page on a code host's pages domain, written without a scheme."""
    assert urls(nlp, text) == expected
