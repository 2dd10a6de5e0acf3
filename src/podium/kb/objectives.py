"""The compact's 23 objectives (A/RES/73/195, paragraph 16) as data, and the suggestion of a
contribution's objectives by similarity, taught by the secretariat's decisions.

A contribution's score for objective n is the cosine similarity of its passage to the
objective's title and summary (embedded as a query, as E5 pairs a question with its answers),
moved by the decisions already taken on its nearest decided contributions: each of the
`NEIGHBOURS` nearest that was confirmed for n adds `LEARN` × its similarity, each rejected
subtracts it. The objectives scoring at least `MIN_SCORE` and within `MARGIN` of the best are
suggested, at most `MAX_SUGGESTED`; a decision is never overwritten by a suggestion.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final

import numpy as np
from django.db import transaction
from django.utils import timezone

from podium.kb import embed
from podium.kb.models import ObjectiveLink, Passage, Source

DATA: Final = Path(__file__).with_name("data") / "objectives.json"
MIN_SCORE: Final = 0.80
MARGIN: Final = 0.03
MAX_SUGGESTED: Final = 3
NEIGHBOURS: Final = 5
LEARN: Final = 0.1

_lock = threading.Lock()


@dataclass(frozen=True)
class Objective:
    number: int
    title: str
    paragraph: int
    description: str
    keywords: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "title": self.title,
            "paragraph": self.paragraph,
            "description": self.description,
            "keywords": list(self.keywords),
        }


@cache
def _data() -> dict[str, Any]:
    return dict(json.loads(DATA.read_text(encoding="utf-8")))


def source() -> dict[str, Any]:
    """Where the objectives come from: the resolution's symbol, title, date and address."""
    return dict(_data()["source"])


@cache
def all_objectives() -> tuple[Objective, ...]:
    return tuple(
        Objective(
            number=int(o["number"]),
            title=str(o["title"]),
            paragraph=int(o["paragraph"]),
            description=str(o.get("description", "")),
            keywords=tuple(o.get("keywords", ())),
        )
        for o in _data()["objectives"]
    )


def objective(number: int) -> Objective | None:
    return next((o for o in all_objectives() if o.number == number), None)


@cache
def vectors() -> np.ndarray:
    """One row per objective, in number order."""
    return np.vstack([embed.query(f"{o.title}. {o.description}") for o in all_objectives()])


def scores(vector: np.ndarray, exclude_contribution: int | None = None) -> np.ndarray:
    """The score of each objective for a passage's vector (in number order)."""
    base = vectors() @ vector
    decided = list(
        ObjectiveLink.objects.exclude(status=ObjectiveLink.Status.SUGGESTED)
        .exclude(contribution_id=exclude_contribution)
        .values_list("contribution_id", "objective", "status")
    )
    if not decided:
        return base
    rows = dict(
        Passage.objects.filter(
            source=Source.CONTRIBUTION,
            source_id__in={c for c, _, _ in decided},
            retired_gen__isnull=True,
        ).values_list("source_id", "vector")
    )
    ids = [c for c in dict.fromkeys(c for c, _, _ in decided) if c in rows]
    if not ids:
        return base
    sims = np.vstack([embed.from_bytes(rows[c]) for c in ids]) @ vector
    nearest = {ids[i]: float(sims[i]) for i in np.argsort(-sims)[:NEIGHBOURS]}
    numbers = [o.number for o in all_objectives()]
    out = base.copy()
    for c, n, status in decided:
        if c in nearest and n in numbers:
            sign = 1.0 if status == ObjectiveLink.Status.CONFIRMED else -1.0
            out[numbers.index(n)] += sign * LEARN * nearest[c]
    return out


def suggest(contribution_id: int, vector: np.ndarray) -> list[int]:
    """Replace the contribution's suggestions by the current ones; return their numbers."""
    s = scores(vector, exclude_contribution=contribution_id)
    numbers = [o.number for o in all_objectives()]
    order = [int(i) for i in np.argsort(-s)]
    best = float(s[order[0]])
    chosen = [
        i
        for i in order[:MAX_SUGGESTED]
        if float(s[i]) >= MIN_SCORE and float(s[i]) >= best - MARGIN
    ]
    with _lock, transaction.atomic():
        decided = set(
            ObjectiveLink.objects.filter(contribution_id=contribution_id)
            .exclude(status=ObjectiveLink.Status.SUGGESTED)
            .values_list("objective", flat=True)
        )
        ObjectiveLink.objects.filter(
            contribution_id=contribution_id, status=ObjectiveLink.Status.SUGGESTED
        ).delete()
        ObjectiveLink.objects.bulk_create(
            [
                ObjectiveLink(
                    contribution_id=contribution_id, objective=numbers[i], score=float(s[i])
                )
                for i in chosen
                if numbers[i] not in decided
            ]
        )
    return [numbers[i] for i in chosen]


def decide(contribution_id: int, number: int, confirmed: bool, user: Any) -> ObjectiveLink:
    """The secretariat confirms (or rejects) objective `number` for a contribution."""
    link, _ = ObjectiveLink.objects.update_or_create(
        contribution_id=contribution_id,
        objective=number,
        defaults={
            "status": ObjectiveLink.Status.CONFIRMED
            if confirmed
            else ObjectiveLink.Status.REJECTED,
            "decided_by": user if getattr(user, "is_authenticated", False) else None,
            "decided_at": timezone.now(),
        },
    )
    return link
