"""The readers on the whole real sample files in ../shared/formats (skipped when absent)."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from kg.errors import RecordError
from kg.ingest import detect_format, read_source, read_sources
from kg.model import Paper

SHARED = Path(__file__).resolve().parents[2] / "shared"
FORMATS = SHARED / "formats"

pytestmark = [pytest.mark.shared,
              pytest.mark.skipif(not FORMATS.exists(), reason="../shared/formats is absent")]


def read(rel: str) -> tuple[list[Paper], list[RecordError]]:
    got = list(read_source(str(FORMATS / rel)))
    return [p for p in got if isinstance(p, Paper)], [e for e in got if isinstance(e, RecordError)]


#: file -> (format, papers read, skips by reason, papers after dedupe, distinct ids after dedupe)
EXPECTED = {
    "arxiv_atom/arxiv-api-query-all-science.atom.xml": ("arxiv-atom", 10, {}, 10, 10),
    "arxiv_atom/arxiv-api-query-au-muro-2026.atom.xml": ("arxiv-atom", 10, {}, 10, 10),
    "arxiv_oai_snapshot/arxiv-metadata-oai-snapshot.sample.jsonl": ("arxiv-oai", 200, {}, 200, 200),
    "bibtex/zotero-export-eric.first6.bib": ("bibtex", 6, {}, 6, 6),
    "csv/ieee-xplore-export.csv": ("csv", 10, {}, 10, 10),
    # row 37: "[No abstract available]"; four rows share the title of one proceedings volume.
    "csv/scopus-export.csv": ("csv", 57, {"no abstract": 1}, 54, 54),
    "hf_daily_papers/daily_papers.first8.json": ("hf-daily", 8, {}, 8, 8),
    # 10 works have a null abstract_inverted_index; two works share a DOI, and two journal
    # versions are richer than their preprints (re-yielded under the preprint's id).
    "openalex/openalex-works-orcid-0000-0001-8457-9889.first25.json": (
        "openalex", 15, {"no abstract": 10}, 14, 12),
    "semantic_scholar/s2-graph-paper-batch-response.json": ("s2", 3, {"null": 1}, 3, 3),
}


def _reason(e: RecordError) -> str:
    return re.sub(r"^element \d+: ", "", e.reason).split(" (")[0]


@pytest.mark.parametrize("rel", sorted(EXPECTED))
def test_counts(rel: str) -> None:
    fmt, n, skips, n_dedup, n_ids = EXPECTED[rel]
    path = FORMATS / rel
    head = path.read_text(encoding="utf-8-sig")[:8192]
    assert detect_format(str(path), head) == fmt
    papers, errors = read(rel)
    assert len(papers) == n
    assert Counter(_reason(e) for e in errors) == Counter(skips)
    for p in papers:
        assert p.title and p.abstract and p.id and p.source
        assert p.title == p.title.strip() and "\n" not in p.title + p.abstract
        assert p.date is None or re.fullmatch(r"\d{4}(-\d\d-\d\d)?", p.date)
    deduped = list(read_sources([str(path)]))
    assert len(deduped) == n_dedup
    assert len({p.id for p in deduped}) == n_ids


def test_atom_ids_and_long_author_lists() -> None:
    old, _ = read("arxiv_atom/arxiv-api-query-all-science.atom.xml")
    assert {"quant-ph/0210005", "physics/0507092", "1501.05039"} <= {p.id for p in old}
    assert all(not re.search(r"v\d+$", p.id) for p in old)
    new, _ = read("arxiv_atom/arxiv-api-query-au-muro-2026.atom.xml")
    assert all(851 <= len(p.authors) <= 2832 for p in new)
    assert any("$Λ$ and $\\barΛ$" in p.title for p in new)


def test_oai_snapshot_details() -> None:
    papers, _ = read("arxiv_oai_snapshot/arxiv-metadata-oai-snapshot.sample.jsonl")
    assert papers[0].id == "0704.0001" and papers[-1].id == "0704.0200"
    assert sum(len(p.categories) > 1 for p in papers) == 78
    assert sum(p.doi is not None for p in papers) == 200 - 83  # two list two DOIs: the first is kept
    assert all(p.date and len(p.date) == 10 for p in papers)
    assert papers[0].authors[0] == "C. Balázs"


def test_bibtex_decoding() -> None:
    papers, _ = read("bibtex/zotero-export-eric.first6.bib")
    text = " ".join(p.abstract for p in papers)
    assert "Gregersen & MacIntyre" in text and "p=<0.01" in text and "\\" not in text
    assert "{" not in " ".join(p.title for p in papers)


def test_scopus_notices_cut() -> None:
    papers, _ = read("csv/scopus-export.csv")
    assert not any(p.abstract.rstrip().endswith("Inc.") and "©" in p.abstract[-60:] for p in papers)
    assert sum("©" in p.abstract for p in papers) == 0


def test_hf_titles_unwrapped() -> None:
    papers, _ = read("hf_daily_papers/daily_papers.first8.json")
    assert papers[0].title.endswith("Scaling for Contrastive Loss")
    assert all(re.fullmatch(r"\d{4}\.\d{5}", p.id) for p in papers)


def test_all_shared_files_together() -> None:
    files = [str(FORMATS / rel) for rel in sorted(EXPECTED)]
    skips: list[object] = []
    papers = list(read_sources(files, report=skips.append))
    assert len(skips) == 12
    assert len({p.id for p in papers}) == sum(v[4] for v in EXPECTED.values())
