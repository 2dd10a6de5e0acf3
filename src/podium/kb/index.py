"""Keeping the knowledge base current: what changed is queued in its own transaction and
embedded after the commit, in a background thread (never on a page view).

- A save or delete of a statement, a contribution or a summary text (or a note written on the
  floor, for those who run it: its passages are never public) writes a `Pending` row in
  the transaction that changed it; after the commit, `kick` wakes this process's indexer
  thread, which `drain`s the queue. A restart between the two loses nothing: the rows wait for
  the next commit or for `podium kb reindex`.
- Indexing a source cuts its text into passages (`podium.kb.passages`), reuses the vectors of
  the passages whose text did not change and embeds the others (`podium.kb.embed`), retires
  the old rows and adds the new ones under a new generation, in one transaction.
- A contribution's objectives are suggested once it has its vector (`podium.kb.objectives`).

`PODIUM_KB_INDEX` (setting or environment): `thread` (the default), `inline` (drain in the
committing thread: the tests, so that what they assert is there when the request returns) or
`off` (queue only; `podium kb reindex` indexes).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.conf import settings
from django.db import close_old_connections, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from podium.floor.models import FloorEvent
from podium.floor.services import state_of
from podium.floor.signals import floor_changed
from podium.kb import embed, objectives
from podium.kb.models import IndexState, Passage, Pending, Source
from podium.kb.passages import split
from podium.programme.models import Session
from podium.record.language import detect
from podium.record.models import Contribution, Statement, Writing
from podium.record.stems import fold, stem_language, stored_stems

log = logging.getLogger(__name__)

_wake = threading.Event()
_thread_lock = threading.Lock()
_thread: threading.Thread | None = None
_drain_lock = threading.Lock()


@dataclass
class Piece:
    """One passage to store, before its vector."""

    text: str
    language: str
    public: bool
    session_id: int
    segment_id: int | None = None
    entity_id: int | None = None
    speaker: str = ""
    tag: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def mode() -> str:
    return str(getattr(settings, "PODIUM_KB_INDEX", "thread"))


# --- the queue ---------------------------------------------------------------------------------


def enqueue(source: str, source_id: int) -> None:
    """Queue a source in the current transaction; index it after the commit."""
    # a new `queued_at` even when queued already: a drain running now keeps the row
    Pending.objects.update_or_create(
        source=source, source_id=source_id, defaults={"queued_at": timezone.now()}
    )
    if mode() != "off":
        transaction.on_commit(kick)


def kick() -> None:
    if mode() == "inline":
        drain()
        return
    global _thread
    with _thread_lock:
        if _thread is None or not _thread.is_alive():
            _thread = threading.Thread(target=_worker, name="podium-kb-indexer", daemon=True)
            _thread.start()
    _wake.set()


def _worker() -> None:
    while True:
        _wake.wait(timeout=60)
        _wake.clear()
        try:
            drain()
        except Exception:  # the queue stays: the next commit or a reindex retries
            log.exception("the knowledge base's indexer failed; its queue is kept")
        finally:
            close_old_connections()


def drain(progress: Callable[[int, int], None] | None = None) -> int:
    """Index every queued source; return how many. `progress(done, total)` after each."""
    done = 0
    with _drain_lock:
        while True:
            batch = list(Pending.objects.order_by("pk")[:50])
            if not batch:
                return done
            total = done + Pending.objects.count()
            before = done
            for row in batch:
                with transaction.atomic():
                    # claimed for the time of its indexing: another worker process skips it
                    claimed = (
                        Pending.objects.select_for_update(skip_locked=True)
                        .filter(pk=row.pk)
                        .first()
                    )
                    if claimed is None:
                        continue
                    index_source(claimed.source, claimed.source_id)
                    # queued again meanwhile (a new `queued_at`): it stays for the next round
                    Pending.objects.filter(pk=claimed.pk, queued_at=claimed.queued_at).delete()
                done += 1
                if progress:
                    progress(done, total)
            if done == before:  # all taken by other processes: theirs to finish
                return done


def reindex(session: Any = None, progress: Callable[[int, int], None] | None = None) -> int:
    """Queue every source (of `session`, or of all sessions), then drain the queue."""
    stmts = Statement.objects.all()
    contribs = Contribution.objects.all()
    writings = Writing.objects.all()
    noted = FloorEvent.objects.filter(type="note_added")  # sessions with notes of the floor
    if session is not None:
        noted = noted.filter(session=session)
        stmts, contribs, writings = (
            stmts.filter(session=session),
            contribs.filter(session=session),
            writings.filter(session=session),
        )
    with transaction.atomic():
        for source, ids in (
            (Source.STATEMENT, stmts.values_list("pk", flat=True)),
            (Source.CONTRIBUTION, contribs.values_list("pk", flat=True)),
            (Source.SUMMARY, writings.values_list("pk", flat=True)),
            (Source.NOTE, noted.values_list("session_id", flat=True).distinct()),
        ):
            for pk in ids:
                Pending.objects.get_or_create(source=source, source_id=pk)
        # passages of a source that no longer exists are retired as the queue reaches them
        live = Passage.objects.filter(retired_gen__isnull=True)
        if session is not None:
            live = live.filter(session=session)
        for source, pk in live.values_list("source", "source_id").distinct():
            Pending.objects.get_or_create(source=source, source_id=pk)
    return drain(progress)


# --- one source ------------------------------------------------------------------------------


def _language(code: str, text: str) -> str:
    if code and code != "other":
        return code
    return detect(text) or code or "other"


def pieces_of(source: str, source_id: int) -> list[Piece] | None:
    """The passages a source gives now (None: it no longer exists)."""
    if source == Source.STATEMENT:
        st = Statement.objects.filter(pk=source_id).first()
        if st is None:
            return None
        language = _language(
            st.detected_language if st.language == "other" else st.language, st.text
        )
        return [
            Piece(
                text=t,
                language=language,
                public=st.delivered_at is not None,
                session_id=st.session_id,
                segment_id=st.segment_id,
                entity_id=st.entity_id,
                speaker=st.speaker,
            )
            for t in split(st.text)
        ]
    if source == Source.CONTRIBUTION:
        c = Contribution.objects.select_related("statement").filter(pk=source_id).first()
        if c is None:
            return None
        st = c.statement
        language = _language(st.language if st is not None else "", c.text)
        public = st is None or st.delivered_at is not None
        # a contribution is one passage, however long: it was tagged as one
        text = " ".join(c.text.split())
        return (
            [
                Piece(
                    text=text,
                    language=language,
                    public=public,
                    session_id=c.session_id,
                    segment_id=c.segment_id,
                    entity_id=c.entity_id,
                    speaker=st.speaker if st is not None else "",
                    tag=c.kind,
                )
            ]
            if text
            else []
        )
    if source == Source.SUMMARY:
        w = Writing.objects.filter(pk=source_id).first()
        if w is None:
            return None
        if not w.published_at or not w.published:
            return []
        return [
            Piece(
                text=t,
                language=_language("", t),
                public=True,
                session_id=w.session_id,
                segment_id=w.segment_id,
                tag=w.kind,
            )
            for t in split(w.published)
        ]
    if source == Source.NOTE:  # source_id: the session's; its notes are one source
        session = Session.objects.filter(pk=source_id).first()
        if session is None:
            return None
        return [
            Piece(
                text=" ".join(n.text.split()),
                language=_language("", n.text),
                public=False,  # notes are for those who run the floor
                session_id=session.pk,
            )
            for n in state_of(session).notes
            if n.text.strip()
        ]
    return None


def index_source(source: str, source_id: int) -> None:
    pieces = pieces_of(source, source_id)
    old = list(Passage.objects.filter(source=source, source_id=source_id, retired_gen__isnull=True))
    pieces = pieces or []
    same = [
        (p.text, p.language, p.public, p.session_id, p.segment_id, p.entity_id, p.speaker, p.tag)
        for p in pieces
    ] == [
        (o.text, o.language, o.public, o.session_id, o.segment_id, o.entity_id, o.speaker, o.tag)
        for o in sorted(old, key=lambda o: o.ordinal)
    ] and all(o.model == embed.MODEL for o in old)
    if same and (old or not pieces):
        vectors = [embed.from_bytes(o.vector) for o in sorted(old, key=lambda o: o.ordinal)]
    else:
        known = {o.text: bytes(o.vector) for o in old if o.model == embed.MODEL}
        todo = [p.text for p in pieces if p.text not in known]
        fresh = dict(zip(todo, embed.passages(todo), strict=True)) if todo else {}
        vectors = [
            embed.from_bytes(known[p.text]) if p.text in known else fresh[p.text] for p in pieces
        ]
        with transaction.atomic():
            gen = _next_generation()
            Passage.objects.filter(pk__in=[o.pk for o in old], retired_gen__isnull=True).update(
                retired_gen=gen
            )
            Passage.objects.bulk_create(
                [
                    Passage(
                        session_id=p.session_id,
                        segment_id=p.segment_id,
                        source=source,
                        source_id=source_id,
                        ordinal=i,
                        entity_id=p.entity_id,
                        speaker=p.speaker[:200],
                        language=p.language,
                        tag=p.tag,
                        text=p.text,
                        search_text=fold(p.text),
                        search_stems=stored_stems(p.text, stem_language(p.language)),
                        search_language=stem_language(p.language),
                        public=p.public,
                        vector=embed.to_bytes(v),
                        model=embed.MODEL,
                        added_gen=gen,
                    )
                    for i, (p, v) in enumerate(zip(pieces, vectors, strict=True))
                ]
            )
    if source == Source.CONTRIBUTION and pieces:
        objectives.suggest(source_id, vectors[0])


def _next_generation() -> int:
    state, _ = IndexState.objects.select_for_update().get_or_create(pk=1)
    IndexState.objects.filter(pk=1).update(generation=F("generation") + 1)
    state.refresh_from_db()
    return int(state.generation)


def vectors_of(ids: Iterable[int]) -> np.ndarray:
    rows = Passage.objects.filter(pk__in=list(ids)).values_list("vector", flat=True)
    return np.vstack([embed.from_bytes(v) for v in rows]) if rows else np.zeros((0, embed.DIM))


# --- what queues a source ---------------------------------------------------------------------


def _queue(source: str) -> Callable[..., None]:
    def handler(sender: Any, instance: Any, **kwargs: Any) -> None:
        if kwargs.get("raw"):  # loaddata: reindex afterwards
            return
        enqueue(source, int(instance.pk))

    return handler


def _statement_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A statement, and the contributions tagged on it: they are public when it is."""
    if kwargs.get("raw"):
        return
    enqueue(Source.STATEMENT, int(instance.pk))
    if kwargs.get("signal") is post_save:  # deleted: its contributions go with it (cascade)
        for pk in Contribution.objects.filter(statement_id=instance.pk).values_list(
            "pk", flat=True
        ):
            enqueue(Source.CONTRIBUTION, int(pk))


_HANDLERS = {
    Statement: _statement_changed,
    Contribution: _queue(Source.CONTRIBUTION),
    Writing: _queue(Source.SUMMARY),
}


def _on_floor_changed(session: Any, events: list[Any], **kwargs: Any) -> None:
    if any(e.type == "note_added" for e in events):
        enqueue(Source.NOTE, int(session.pk))


def connect() -> None:
    floor_changed.connect(_on_floor_changed, dispatch_uid="podium-kb-notes", weak=False)
    for model, handler in _HANDLERS.items():
        uid = f"podium-kb-{model.__name__}"
        post_save.connect(handler, sender=model, dispatch_uid=f"{uid}-save", weak=False)
        post_delete.connect(handler, sender=model, dispatch_uid=f"{uid}-delete", weak=False)
