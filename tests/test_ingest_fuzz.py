"""Property tests: every reader, fed arbitrary or mangled input, yields Papers and RecordErrors
or raises a KGError subclass, never anything else."""
from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import KGError, RecordError
from kg.ingest import READERS, read_source
from kg.ingest.base import get_reader
from kg.model import Paper

DATA = Path(__file__).resolve().parent / "data" / "formats"

#: A fixture per format: the seed that mangling starts from.
SEEDS = {
    "trending": "trending-crlf.txt", "jsonl": "generic.jsonl", "json": "generic-array.json",
    "csv": "generic.csv", "tsv": "papers.tsv", "arxiv-atom": "broken.atom.xml",
    "arxiv-oai": "oai-small.jsonl", "bibtex": "tricky.bib", "openalex": "openalex-small.json",
    "s2": "s2-search.json", "hf-daily": "hf-daily-small.json",
}
FORMATS = sorted(READERS)
FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Characters that matter to the parsers, so that random text hits their edge cases.
SYNTAX = st.sampled_from(list('{}[]",:;\t\n\r\\@<>/=&#%$\'') + ["<entry>", "</entry>", "<feed>",
                         "@article{", "\"title\"", "\"abstract\"", "null", "Subscribe", "\ufeff",
                         "<!DOCTYPE", "&amp;", "\\'a", "title,abstract\n"])
TEXT = st.lists(st.one_of(SYNTAX, st.text(max_size=8)), max_size=40).map("".join)


def check(results: Iterator[Paper | RecordError]) -> None:
    try:
        for item in results:
            assert isinstance(item, (Paper, RecordError)), item
            if isinstance(item, Paper):
                assert item.id and item.title and item.abstract
                assert item.title == item.title.strip() and item.abstract == item.abstract.strip()
                assert item.date is None or len(item.date) in (4, 10)
            else:
                assert item.location and item.reason
    except KGError:
        pass


@pytest.mark.parametrize("fmt", FORMATS)
@FUZZ
@given(text=TEXT)
def test_reader_on_arbitrary_text(fmt: str, text: str) -> None:
    check(get_reader(fmt)(io.StringIO(text, newline=""), "fuzz"))


@pytest.mark.parametrize("fmt", FORMATS)
@FUZZ
@given(data=st.data())
def test_reader_on_mangled_records(fmt: str, data: st.DataObject) -> None:
    seed = (DATA / SEEDS[fmt]).read_text(encoding="utf-8")
    text = seed
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        i = data.draw(st.integers(0, len(text)), label="at")
        j = data.draw(st.integers(i, min(len(text), i + 40)), label="to")
        text = text[:i] + data.draw(st.one_of(st.just(""), SYNTAX, st.text(max_size=5)), label="put") + text[j:]
    check(get_reader(fmt)(io.StringIO(text, newline=""), "mangled"))


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.mark.parametrize("ext", [".json", ".jsonl", ".csv", ".tsv", ".xml", ".bib", ".txt", ""])
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=st.binary(max_size=300))
def test_read_source_on_arbitrary_bytes(fuzz_dir: Path, ext: str, raw: bytes) -> None:
    path = fuzz_dir / f"input{ext}"
    path.write_bytes(raw)
    check(read_source(str(path)))
