"""Search by meaning across sessions and languages, ranked with the full-text match too.

Every process keeps the live passages' vectors in memory (`Index`: one float32 matrix, 1.5 kB a
passage, with the columns the filters read), brought up to date before each search by reading
only the passages added or retired since its generation. A query is embedded
(`podium.kb.embed.query`), compared with every passage at once (one matrix-vector product), the
filters masked out, and the best `SEMANTIC_POOL` kept. The full-text half is the record's
own word-form match (`podium.record.search.matching`) on the same filters, among the
`LEXICAL_SCOPE` passages nearest by meaning when more pass the filters (below that, among all
of them): an unindexed `LIKE` over every passage is a scan of the whole table, p99 about half a
second on SQLite and 0.5–0.9 s on PostgreSQL at 100,000 passages (docs/benchmarks.md, bench 9),
while 500 rows read by primary key take a few ms. What the scope gives up is a passage that holds
the words but is far from the query's meaning. Both lists are fused by reciprocal rank
(`RRF_K`): a passage found by meaning and by its words ranks first, one found by either alone
still ranks.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
from django.db.models import QuerySet
from django.urls import reverse

from podium.kb import embed
from podium.kb.models import IndexState, ObjectiveLink, Passage, Source
from podium.programme.models import Session
from podium.record import adapters
from podium.record.search import matching

SEMANTIC_POOL: Final = 100
LEXICAL_POOL: Final = 200
LEXICAL_SCOPE: Final = 500  # the words are looked for among this many nearest by meaning
RRF_K: Final = 60
MAX_LIMIT: Final = 100

_FIELDS = (
    "pk",
    "session_id",
    "segment_id",
    "entity_id",
    "language",
    "tag",
    "source",
    "source_id",
    "public",
)
# numeric columns as typed arrays (None as -1: no row has that pk), so that the masks compare in
# numpy's loops rather than object by object (`np.isin` over objects sorts Python objects)
_INTS = frozenset({"session_id", "segment_id", "entity_id", "source_id"})


def _column(field: str, values: list[Any]) -> np.ndarray:
    if field in _INTS:
        return np.array([-1 if v is None else v for v in values], dtype=np.int64)
    if field == "public":
        return np.array(values, dtype=bool)
    col = np.empty(len(values), dtype=object)
    col[:] = values
    return col


LANGUAGE_CODES: Final = ("ar", "zh", "en", "fr", "ru", "es", "other")
# a language with fewer passages within the filters is compared by the whole set's statistics
MIN_PER_LANGUAGE: Final = 8


def _language_code(language: str) -> int:
    return LANGUAGE_CODES.index(language) if language in LANGUAGE_CODES else len(LANGUAGE_CODES) - 1


def calibrated(index: Index, sims: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The similarities made comparable across languages: each passage's, as standard scores
    among the passages of its language that pass the filters.

    multilingual-e5 gives a passage in the query's own language a higher cosine whatever its
    subject (measured on the test collection: a French query's top 5 were French passages on
    other subjects, recall@5 0.36). Measured in standard deviations above its own language's
    mean, the Spanish passage on the query's subject outranks a French one on another
    (recall@5 0.74 of at most 0.83; docs/benchmarks.md, benchmark 9). Three `bincount`s: about a
    millisecond at 100,000."""
    n = int(mask.sum())
    if n < 2:
        return sims
    codes = index.language_codes
    s = sims[mask].astype(np.float64)
    c = codes[mask]
    k = len(LANGUAGE_CODES)
    count = np.bincount(c, minlength=k)
    mean = np.bincount(c, weights=s, minlength=k) / np.maximum(count, 1)
    var = np.bincount(c, weights=s * s, minlength=k) / np.maximum(count, 1) - mean**2
    sd = np.sqrt(np.maximum(var, 0.0))
    few = count < MIN_PER_LANGUAGE
    mean[few] = s.mean()
    sd[few] = s.std()
    sd = np.maximum(sd, 1e-4)
    return ((sims - mean[codes]) / sd[codes]).astype(np.float32)


def _ids(values: Any) -> np.ndarray:
    return np.array(sorted(values), dtype=np.int64)


class Index:
    """The live passages of the knowledge base, as arrays (one per process)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        """Forget everything (the next search reads every live passage again)."""
        self.generation = -1
        self.ids = np.zeros(0, dtype=np.int64)
        self.vectors = np.zeros((0, embed.DIM), dtype=np.float32)
        self.columns: dict[str, np.ndarray] = {f: _column(f, []) for f in _FIELDS[1:]}
        self.language_codes = np.zeros(0, dtype=np.int64)  # LANGUAGE_CODES' index of each

    def __len__(self) -> int:
        return len(self.ids)

    def refresh(self) -> None:
        gen = IndexState.objects.filter(pk=1).values_list("generation", flat=True).first() or 0
        if gen == self.generation:
            return
        with self._lock:
            if gen == self.generation:
                return
            if gen < self.generation:  # the database was emptied or restored: read it all
                self.reset()
            added = Passage.objects.filter(added_gen__gt=self.generation, retired_gen__isnull=True)
            rows = list(added.values_list(*_FIELDS, "vector"))
            retired: set[int] = set()
            if self.generation >= 0:
                retired = set(
                    Passage.objects.filter(retired_gen__gt=self.generation).values_list(
                        "pk", flat=True
                    )
                )
            keep = ~np.isin(self.ids, np.fromiter(retired, dtype=np.int64)) if retired else None
            if keep is not None:
                self.ids = self.ids[keep]
                self.vectors = self.vectors[keep]
                self.columns = {k: v[keep] for k, v in self.columns.items()}
                self.language_codes = self.language_codes[keep]
            known = set(self.ids.tolist())
            rows = [r for r in rows if r[0] not in known]
            if rows:
                self.ids = np.concatenate(
                    [self.ids, np.array([r[0] for r in rows], dtype=np.int64)]
                )
                vecs = np.frombuffer(b"".join(bytes(r[-1]) for r in rows), dtype=np.float32)
                self.vectors = np.vstack([self.vectors, vecs.reshape(len(rows), embed.DIM)])
                for i, f in enumerate(_FIELDS[1:], start=1):
                    col = _column(f, [r[i] for r in rows])
                    self.columns[f] = np.concatenate([self.columns[f], col])
                at = _FIELDS.index("language")
                codes = np.array([_language_code(r[at]) for r in rows], dtype=np.int64)
                self.language_codes = np.concatenate([self.language_codes, codes])
            self.generation = gen


INDEX = Index()


@dataclass
class Filters:
    session: str = ""  # a session's slug
    lang: str = ""
    tag: str = ""  # a contribution's type, or "statement" / "summary"
    objective: int | None = None
    region: str = ""  # a regional group's code
    category: str = ""  # an entity's kind (member-state, stakeholder…)
    entity: str = ""  # an entity's code


def _entity_ids(f: Filters) -> set[int] | None:
    if not (f.region or f.category or f.entity):
        return None
    model = adapters.entity_model()
    qs = model.objects.all()
    if f.category:
        qs = qs.filter(kind=f.category)
    if f.entity:
        qs = qs.filter(**{f"{adapters.entity_code_field()}__iexact": f.entity})
    if f.region:
        qs = qs.filter(adapters.regional_group_lookup("", f.region))
    return set(qs.values_list("pk", flat=True))


def _linked(objective: int) -> set[int]:
    return set(
        ObjectiveLink.objects.filter(objective=objective)
        .exclude(status=ObjectiveLink.Status.REJECTED)
        .values_list("contribution_id", flat=True)
    )


def secretariat_sessions(user: Any) -> set[int]:
    """The sessions whose secretariat `user` is part of (who decides their objectives)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return {s.pk for s in Session.objects.all() if adapters.is_secretariat(user, s)}


def visible_sessions(user: Any) -> set[int] | None:
    """The sessions whose private passages (undelivered statements, notes) `user` may read;
    None: every session's (a superuser)."""
    if getattr(user, "is_superuser", False):
        return None
    return secretariat_sessions(user)


def _mask(
    index: Index, f: Filters, session_id: int | None, private_ok: set[int] | None
) -> np.ndarray:
    c = index.columns
    m = np.ones(len(index), dtype=bool)
    if session_id is not None:
        m &= c["session_id"] == session_id
    if f.lang:
        m &= c["language"] == f.lang
    if f.tag == "statement":
        m &= c["source"] == Source.STATEMENT
    elif f.tag == "summary":
        m &= c["source"] == Source.SUMMARY
    elif f.tag:
        m &= c["tag"] == f.tag
    ids = _entity_ids(f)
    if ids is not None:
        m &= np.isin(c["entity_id"], _ids(ids)) if ids else False
    if f.objective is not None:
        linked = _linked(f.objective)
        m &= (c["source"] == Source.CONTRIBUTION) & np.isin(c["source_id"], _ids(linked))
    if private_ok is not None:
        m &= c["public"] | np.isin(c["session_id"], _ids(private_ok))
    return m


def _lexical(q: str, scope: list[int]) -> QuerySet[Any]:
    """The passages among `scope` (pks from the index's mask: within the filters and what the
    reader may see already) holding every word of `q`. Read by primary key alone: the filters
    again would be a second copy of `_mask`, and PostgreSQL then plans from the filter's index
    (measured: 70 ms at 100,000 with a region)."""
    return matching(Passage.objects.filter(retired_gen__isnull=True, pk__in=scope), q)


def nearest(
    index: Index, sims: np.ndarray, mask: np.ndarray
) -> tuple[np.ndarray, list[int] | None]:
    """The semantic part of a search, once the similarities are computed: the positions in
    `index` of the best `SEMANTIC_POOL` passages within `mask`, best first, and the scope of the
    full-text half: the pks of the `LEXICAL_SCOPE` nearest within `mask`, or None when no more
    than those pass the filters (the words are then looked for in every one)."""
    n = int(mask.sum())
    if not n:
        return np.zeros(0, dtype=np.int64), None
    sims_masked = np.where(mask, sims, -np.inf)
    pool = min(SEMANTIC_POOL, n)
    if n <= LEXICAL_SCOPE:
        top = np.argpartition(-sims_masked, pool - 1)[:pool]
        return top[np.argsort(-sims_masked[top])], None
    # the nearest (all within the mask: the others are -inf), best first
    wide = max(LEXICAL_SCOPE, pool)
    near = np.argpartition(-sims_masked, wide - 1)[:wide]
    near = near[np.argsort(-sims_masked[near])]
    return near[:pool], [int(i) for i in index.ids[near[:LEXICAL_SCOPE]]]


@dataclass
class Hit:
    passage: Passage
    score: float
    similarity: float
    by_meaning: bool
    by_words: bool


def search(q: str, f: Filters, user: Any = None, limit: int = 20) -> list[Hit]:
    """The passages that answer `q` best first, within the filters and what `user` may read."""
    limit = max(1, min(limit, MAX_LIMIT))
    session_id: int | None = None
    if f.session:
        found = Session.objects.filter(slug=f.session).values_list("pk", flat=True).first()
        if found is None:
            return []
        session_id = int(found)
    private_ok = visible_sessions(user)
    INDEX.refresh()
    index = INDEX
    qv = embed.query(q)
    sims = index.vectors @ qv if len(index) else np.zeros(0, dtype=np.float32)
    mask = _mask(index, f, session_id, private_ok)
    ranked = calibrated(index, sims, mask)  # ranks by meaning: comparable across languages
    top, scope = nearest(index, ranked, mask)
    # similarities of the passages ranked: the semantic pool's, then the word matches'
    sim_of = {int(index.ids[i]): float(sims[i]) for i in top}
    z_of = {int(index.ids[i]): float(ranked[i]) for i in top}
    semantic = list(sim_of)
    lexical_ids: list[int] = []
    if semantic:  # else nothing passes the filters
        if scope is None:  # no more than LEXICAL_SCOPE pass the filters: all of them
            scope = [int(i) for i in index.ids[mask]]
        lexical_qs = _lexical(q, scope)
        lexical_ids = list(lexical_qs.values_list("pk", flat=True)[:LEXICAL_POOL])
    if lexical_ids:  # those the index holds within the filters
        held = np.flatnonzero(mask & np.isin(index.ids, _ids(lexical_ids)))
        sim_of.update({int(index.ids[i]): float(sims[i]) for i in held})
        z_of.update({int(index.ids[i]): float(ranked[i]) for i in held})
    # rank the word matches by meaning too (they all hold every word)
    lexical = sorted((i for i in lexical_ids if i in z_of), key=lambda i: -z_of[i])
    fused: dict[int, float] = {}
    for rank, pk in enumerate(semantic):
        fused[pk] = fused.get(pk, 0.0) + 1.0 / (RRF_K + rank + 1)
    for rank, pk in enumerate(lexical):
        fused[pk] = fused.get(pk, 0.0) + 1.0 / (RRF_K + rank + 1)
    best = sorted(fused, key=lambda pk: (-fused[pk], -z_of.get(pk, 0.0), pk))[:limit]
    rows = Passage.objects.select_related("session", "segment", "entity").in_bulk(best)
    in_sem, in_lex = set(semantic), set(lexical)
    return [
        Hit(rows[pk], fused[pk], sim_of.get(pk, 0.0), pk in in_sem, pk in in_lex)
        for pk in best
        if pk in rows
    ]


def url_of(p: Passage) -> str:
    slug = p.session.slug
    if p.source == Source.STATEMENT:
        return reverse("record:statement", args=[slug, p.source_id])
    if p.source == Source.CONTRIBUTION:
        return reverse("record:contributions", args=[slug]) + f"#contribution-{p.source_id}"
    if p.source == Source.NOTE:
        return reverse("floor:console", args=[slug])
    return reverse("record:summary", args=[slug])


def objectives_of(contribution_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    for link in ObjectiveLink.objects.filter(contribution_id__in=contribution_ids).order_by(
        "-score"
    ):
        out.setdefault(link.contribution_id, []).append(
            {"number": link.objective, "status": link.status, "score": round(link.score, 4)}
        )
    return out


def hit_json(h: Hit, objectives: dict[int, list[dict[str, Any]]]) -> dict[str, Any]:
    p = h.passage
    return {
        "passage": p.pk,
        "source": p.source,
        "tag": p.tag,
        "entity": adapters.entity_code(p.entity) if p.entity else "",
        "entity_name": adapters.entity_name(p.entity) if p.entity else "",
        "regional_group": adapters.regional_group_of(p.entity) if p.entity else "",
        "speaker": p.speaker,
        "session": p.session.slug,
        "session_title": p.session.title,
        "segment": adapters.segment_key_of_row(p.segment) if p.segment else "",
        "segment_title": adapters.segment_title(p.segment) if p.segment else "",
        "language": p.language,
        "text": p.text,
        "score": round(h.score, 6),
        "similarity": round(h.similarity, 4),
        "matched": "both" if h.by_meaning and h.by_words else "words" if h.by_words else "meaning",
        "url": url_of(p),
        "objectives": objectives.get(p.source_id, []) if p.source == Source.CONTRIBUTION else [],
    }
