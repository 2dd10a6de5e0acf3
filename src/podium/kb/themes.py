"""Themes of what was said, for the co-facilitators' drafting (pure: numpy, no Django).

A theme is one of the compact's objectives, with the passages placed on it and the delegations
behind them. A passage is placed on the objective it is closest to, by a score read against a
reference (`Reference`), when it is clearly about that one:

- the score is the cosine of the passage's vector with the objective's (its title, description
  and keywords, embedded as a passage), minus the objective's mean cosine with talk that is about
  no objective in particular (`Reference.hub`: thanks, procedure, "migration concerns us all",
  in the six languages, `EMPTY_TALK`). E5's cosines are compressed (~0.78 for anything, ~0.85
  for the right answer) and some objectives are close to every passage ("reduce
  vulnerabilities", "basic services"); subtracting what each objective scores on empty talk
  puts the 23 on one footing, and leaves a courtesy below the threshold everywhere;
- it is placed when its best score is at least `THRESHOLD` and leads its second-best objective
  by at least `MARGIN` (a passage torn between two objectives is placed on neither);
- a contribution the secretariat decided on is placed on its confirmed objectives only (the
  decision replaces the guess), and never on one it rejected.

`THRESHOLD` and `MARGIN` are calibrated on two collections of labelled passages written apart
(`podium/kb/tests/theme_corpus.py` and `collection.json`):
`python -m podium.kb.tests.calibrate_themes`; docs/record.md, "Drafting help", has the numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

import numpy as np

THRESHOLD: Final = 0.01
MARGIN: Final = 0.0125


# Talk about no objective in particular, in the six languages: courtesies, procedure, and
# migration in general. Read against it, an objective close to everything stops scoring high on
# everything (`Reference.hub`). None of these is in the calibration collections.
EMPTY_TALK: Final = (
    "Thank you, Mr. Chair. We thank the co-facilitators and the panellists for their presentations.",
    "I have the honour to speak on behalf of my delegation and I congratulate you on your "
    "leadership.",
    "Je vous remercie, Monsieur le Président, et je félicite les co-facilitateurs pour leur travail.",
    "Gracias, señor Presidente. Mi delegación agradece a los expertos sus valiosas intervenciones.",
    "شكرا السيد الرئيس. يسعدني أن أتحدث باسم وفد بلادي في هذه الجلسة.",
    "谢谢主席先生。我代表我国代表团发言，感谢各位专家的精彩发言。",
    "Спасибо, господин председатель. Мы благодарим экспертов за их содержательные выступления.",
    "We will submit our written contribution and look forward to the next steps of the process.",
    "Migration has always been part of human history and it concerns every country.",
    "La migration est un phénomène mondial qui touche tous les pays.",
    "La migración es una realidad global que nos interpela a todos.",
    "الهجرة ظاهرة عالمية تهم جميع البلدان.",
    "移民是一个涉及所有国家的全球性现象。",
    "Миграция — это глобальное явление, которое касается всех стран.",
    "Our delegation would like to ask the panellists a question about their experience.",
    "In conclusion, we reaffirm our commitment to an ambitious and action-oriented compact.",
)


@dataclass(frozen=True)
class Reference:
    """What the scores are read against: the objectives' vectors, and how close each one is to
    empty talk (`hub`)."""

    numbers: tuple[int, ...]
    objectives: np.ndarray  # (objectives, dim), rows L2-normalized
    hub: np.ndarray  # (objectives,): the mean cosine of empty talk with each objective

    @classmethod
    def build(
        cls, numbers: Sequence[int], objectives: np.ndarray, empty_talk: np.ndarray
    ) -> Reference:
        """From the objectives' vectors and the vectors of empty talk (rows L2-normalized)."""
        objectives = np.asarray(objectives, dtype=np.float32)
        empty = np.asarray(empty_talk, dtype=np.float32)
        hub = (
            (empty @ objectives.T).mean(axis=0)
            if len(empty)
            else np.zeros(len(objectives), dtype=np.float32)
        )
        return cls(tuple(numbers), objectives, hub)

    def scores(self, vectors: np.ndarray) -> np.ndarray:
        """Each passage's (row of `vectors`) corrected score for each objective."""
        vectors = np.asarray(vectors, dtype=np.float32).reshape(-1, self.objectives.shape[1])
        return np.asarray(vectors @ self.objectives.T - self.hub)


@dataclass(frozen=True)
class Item:
    """A passage as the grouping sees it."""

    key: int  # the passage's id
    entity: str  # the delegation's code ("" for none: never counted)
    vector: np.ndarray
    confirmed: frozenset[int] = frozenset()  # objectives the secretariat confirmed for it
    rejected: frozenset[int] = frozenset()  # … and rejected


@dataclass(frozen=True)
class Placement:
    key: int
    objective: int
    score: float  # the corrected score (for a decided one too: how close it is)
    decided: bool  # placed by the secretariat's confirmation, not by the score


def place(
    items: Sequence[Item],
    reference: Reference,
    threshold: float = THRESHOLD,
    margin: float = MARGIN,
) -> list[Placement]:
    """Where each item goes: at most one objective by its score, or its confirmed ones."""
    if not items:
        return []
    scores = reference.scores(np.vstack([i.vector for i in items]))
    numbers = reference.numbers
    out: list[Placement] = []
    for item, row in zip(items, scores, strict=True):
        if item.confirmed:
            out.extend(
                Placement(item.key, n, float(row[numbers.index(n)]), True)
                for n in sorted(item.confirmed)
                if n in numbers
            )
            continue
        order = np.argsort(-row)
        best = float(row[order[0]])
        second = float(row[order[1]]) if len(order) > 1 else -np.inf
        number = numbers[int(order[0])]
        if best >= threshold and best - second >= margin and number not in item.rejected:
            out.append(Placement(item.key, number, best, False))
    return out


@dataclass
class Grouped:
    """One theme: an objective, its passages (in the items' order) and distinct delegations
    (in the order they first appear), with the regional groups they come from."""

    objective: int
    keys: list[int] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)


def group(
    items: Sequence[Item],
    placements: Iterable[Placement],
    group_of: Mapping[str, str],
    group_order: Sequence[str],
) -> list[Grouped]:
    """The themes, most delegations first (then most passages, then the objective's number).
    `group_of`: an entity's regional group ("" or absent: none); groups are listed in
    `group_order`."""
    position = {item.key: i for i, item in enumerate(items)}
    entity = {item.key: item.entity for item in items}
    by_objective: dict[int, list[int]] = {}
    for p in placements:
        keys = by_objective.setdefault(p.objective, [])
        if p.key not in keys:
            keys.append(p.key)
    themes = []
    for number, keys in by_objective.items():
        keys = sorted(keys, key=lambda k: position.get(k, len(position)))
        entities = list(dict.fromkeys(entity[k] for k in keys if entity.get(k)))
        if not entities:
            continue
        found = {group_of.get(e, "") for e in entities}
        themes.append(Grouped(number, keys, entities, [g for g in group_order if g in found]))
    return sorted(themes, key=lambda t: (-len(t.entities), -len(t.keys), t.objective))
