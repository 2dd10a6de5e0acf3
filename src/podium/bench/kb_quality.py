"""Retrieval quality of the knowledge base on its test collection (`podium/kb/tests/
collection.json`), for benchmark 9 and for `podium/kb/tests/test_collection.py`.

The collection's passages are delivered as statements of the seed session, one statement each,
and indexed by the knowledge base's own path (`podium.kb.index.drain`: cut into passages,
embedded, stored); every query is then answered by `podium.kb.search.search` as the API answers
it (meaning and words fused, anonymous, no filter, the longest list it gives). For a query, the
relevant passages are the collection's passages on its subject, one in each language.

- *recall@5* of a query for a passage language: the share of its relevant passages in that
  language found in its top 5; in all languages, the share of all its relevant passages (six
  relevant, five places: at most 5/6).
- *MRR*: for a passage language, the mean of 1/rank of the relevant passage in that language
  (0 when not ranked); in all languages, of the first relevant passage, whatever its language.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

COLLECTION = Path(__file__).resolve().parents[1] / "kb" / "tests" / "collection.json"
LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")


def load() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(COLLECTION.read_text(encoding="utf-8"))
    return data


def index_collection(session: Any, collection: dict[str, Any]) -> dict[int, str]:
    """Deliver each passage as a statement and index them all; a stored passage's pk → the
    collection's passage id."""
    from django.utils import timezone

    from podium.kb import index
    from podium.kb.models import Passage, Source
    from podium.people.models import Entity
    from podium.record.models import Statement

    entities = {e.code: e for e in Entity.objects.all()}
    statement_of: dict[int, str] = {}
    for p in collection["passages"]:
        st = Statement.objects.create(
            session=session,
            entity=entities[p["entity"]],
            language=p["language"],
            kind="txt",
            size=len(p["text"].encode()),
            text=p["text"],
            delivered_at=timezone.now(),
        )
        statement_of[st.pk] = p["id"]
    index.drain()
    live = Passage.objects.filter(source=Source.STATEMENT, retired_gen__isnull=True)
    return {pk: statement_of[sid] for pk, sid in live.values_list("pk", "source_id")}


def rankings(collection: dict[str, Any], of: dict[int, str]) -> dict[str, list[str]]:
    """Each query's ranking by `search()` (collection passage ids, best first)."""
    from podium.kb.search import MAX_LIMIT, Filters, search

    return {
        q["id"]: _unique(of[h.passage.pk] for h in search(q["text"], Filters(), limit=MAX_LIMIT))
        for q in collection["queries"]
    }


def semantic_rankings(
    collection: dict[str, Any], of: dict[int, str], raw: bool = False
) -> dict[str, list[str]]:
    """Each query's ranking by meaning alone: as `search()`'s semantic part ranks (the
    similarity's standard score within each language, `search.calibrated`), or by the `raw`
    cosine (as it ranked before that calibration)."""
    import numpy as np

    from podium.kb import embed
    from podium.kb.search import INDEX, calibrated

    INDEX.refresh()
    everyone = np.ones(len(INDEX), dtype=bool)
    out = {}
    for q in collection["queries"]:
        sims = INDEX.vectors @ embed.query(q["text"])
        if not raw:
            sims = calibrated(INDEX, sims, everyone)
        out[q["id"]] = _unique(of[int(INDEX.ids[i])] for i in np.argsort(-sims, kind="stable"))
    return out


def _unique(ids: Iterable[str]) -> list[str]:
    """Passage ids in order of their first appearance (a long passage could give two)."""
    return list(dict.fromkeys(ids))


def _mean(xs: list[float]) -> float:
    return statistics.mean(xs) if xs else 0.0


def metrics(collection: dict[str, Any], ranked: dict[str, list[str]]) -> dict[str, Any]:
    by_subject: dict[str, dict[str, set[str]]] = {}
    for p in collection["passages"]:
        if p["subject"]:
            by_subject.setdefault(p["subject"], {}).setdefault(p["language"], set()).add(p["id"])
    cells: dict[str, dict[str, dict[str, list[float]]]] = {
        ql: {pl: {"recall5": [], "mrr": []} for pl in LANGUAGES} for ql in LANGUAGES
    }
    per_query: dict[str, dict[str, list[float]]] = {
        ql: {"recall5": [], "mrr": []} for ql in LANGUAGES
    }
    ranks: dict[str, dict[str, int | None]] = {}
    for q in collection["queries"]:
        ql, order = q["language"], ranked[q["id"]]
        rank_of = {pid: i + 1 for i, pid in enumerate(order)}
        relevant = by_subject[q["subject"]]
        ranks[q["id"]] = {}
        for pl, wanted in relevant.items():
            found = [rank_of[p] for p in wanted if p in rank_of]
            cells[ql][pl]["recall5"].append(sum(r <= 5 for r in found) / len(wanted))
            cells[ql][pl]["mrr"].append(1 / min(found) if found else 0.0)
            ranks[q["id"]][pl] = min(found) if found else None
        every = [p for ps in relevant.values() for p in ps]
        found_any = [rank_of[p] for p in every if p in rank_of]
        per_query[ql]["recall5"].append(sum(r <= 5 for r in found_any) / len(every))
        per_query[ql]["mrr"].append(1 / min(found_any) if found_any else 0.0)

    def avg(d: dict[str, list[float]]) -> dict[str, float]:
        return {k: _mean(v) for k, v in d.items()}

    every_query = {k: [x for ql in LANGUAGES for x in per_query[ql][k]] for k in ("recall5", "mrr")}
    misses_fr = []
    for q in collection["queries"]:
        if q["language"] != "fr":
            continue
        r = ranks[q["id"]]
        if any(r.get(pl) is None or (r[pl] or 0) > 5 for pl in ("es", "ar")):
            misses_fr.append(f"{q['id']} (es rank {r.get('es')}, ar rank {r.get('ar')})")
    return {
        "passages": len(collection["passages"]),
        "queries": len(collection["queries"]),
        "languages": list(LANGUAGES),
        "pairs": {ql: {pl: avg(cells[ql][pl]) for pl in LANGUAGES} for ql in LANGUAGES},
        "by_query_language": {ql: avg(per_query[ql]) for ql in LANGUAGES},
        "queries_by_language": {ql: len(per_query[ql]["mrr"]) for ql in LANGUAGES},
        "overall": avg(every_query),
        "misses_fr": misses_fr,
        "ranks": ranks,
    }


def evaluate(session: Any, timer: Callable[[], float] | None = None) -> dict[str, Any]:
    """Index the collection in this database (seed `session`), rank every query; the metrics
    of `search()`, and under `semantic` those of the ranking by meaning alone."""
    import time

    clock = timer or time.perf_counter
    collection = load()
    t0 = clock()
    of = index_collection(session, collection)
    took = clock() - t0
    result = metrics(collection, rankings(collection, of))
    semantic = metrics(collection, semantic_rankings(collection, of))
    raw = metrics(collection, semantic_rankings(collection, of, raw=True))
    for key, m in (("semantic", semantic), ("raw", raw)):
        result[key] = {
            "overall": m["overall"],
            "misses_fr": m["misses_fr"],
            "fr": {lg: m["pairs"]["fr"][lg] for lg in ("es", "ar")},
        }
    result["index_s"] = took
    result["stored"] = len(of)
    return result
