"""Themes of what was said, for the co-facilitators' drafting (pure: numpy, no Django).

A theme is one of the compact's objectives, with the passages placed on it and the delegations
behind them. A passage is placed on the objective it is closest to, by a score read against a
reference (`Reference`), when it is clearly about that one:

- the score is the cosine of the passage's vector with the objective's, minus the objective's
  mean cosine with talk that is about no objective in particular (`Reference.hub`: thanks,
  procedure, "migration concerns us all", in the six languages). E5's cosines are compressed
  (~0.78 for anything, ~0.85 for the right answer) and some objectives ("reduce
  vulnerabilities", "basic services") are close to every passage; subtracting what each
  objective scores on empty talk puts the 23 on one footing;
- it is placed when its best score is at least `THRESHOLD`, leads its second-best objective by
  `MARGIN`, and beats the best of the same empty talk embedded as questions
  (`Reference.anchors`, corrected alike): a courtesy is closer to a courtesy than to any
  objective, and is placed on none;
- a contribution the secretariat decided on is placed on its confirmed objectives only (the
  decision replaces the guess), and never on one it rejected.

`THRESHOLD` and `MARGIN` were calibrated on the labelled passages of
`podium/kb/tests/theme_corpus.py` (`python -m podium.kb.tests.calibrate_themes`; docs/record.md,
"Drafting help").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

import numpy as np

THRESHOLD: Final = 0.0
MARGIN: Final = 0.0


# Talk about no objective in particular, in the six languages: courtesies, procedure, and
# migration in general. Read against it, an objective close to everything stops scoring high
# on everything (`Reference.hub`), and a passage closer to it than to any objective is placed on
# none (`Reference.anchors`). None of these is in the calibration corpus.
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
    """What the scores are read against: the objectives' vectors (as questions), and talk about
    no objective embedded as passages (for each objective's `hub`) and as questions
    (`anchors`, the "no objective" rows)."""

    numbers: tuple[int, ...]
    objectives: np.ndarray  # (objectives, dim)
    hub: np.ndarray  # (objectives,): the mean cosine of empty talk with each objective
    anchors: np.ndarray  # (anchors, dim)
    anchor_hub: np.ndarray  # (anchors,)

    @classmethod
    def build(
        cls,
        numbers: Sequence[int],
        objectives: np.ndarray,
        empty_passages: np.ndarray,
        empty_questions: np.ndarray,
    ) -> Reference:
        """From the objectives' vectors and empty talk embedded both ways (rows L2-normalized)."""
        objectives = np.asarray(objectives, dtype=np.float32)
        passages = np.asarray(empty_passages, dtype=np.float32)
        questions = np.asarray(empty_questions, dtype=np.float32)
        if len(passages):
            hub = (passages @ objectives.T).mean(axis=0)
            anchor_hub = (passages @ questions.T).mean(axis=0)
        else:
            hub = np.zeros(len(objectives), dtype=np.float32)
            anchor_hub = np.zeros(len(questions), dtype=np.float32)
        return cls(tuple(numbers), objectives, hub, questions, anchor_hub)

    def scores(self, vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per passage (row of `vectors`): its corrected score for each objective (passages ×
        objectives), and its best corrected score against empty talk (passages,)."""
        vectors = np.asarray(vectors, dtype=np.float32).reshape(-1, self.objectives.shape[1])
        objective = vectors @ self.objectives.T - self.hub
        if len(self.anchors):
            empty = (vectors @ self.anchors.T - self.anchor_hub).max(axis=1)
        else:
            empty = np.full(len(vectors), -np.inf, dtype=np.float32)
        return objective, empty


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
    scores, empty = reference.scores(np.vstack([i.vector for i in items]))
    numbers = reference.numbers
    out: list[Placement] = []
    for item, row, nothing in zip(items, scores, empty, strict=True):
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
        if (
            best >= threshold
            and best - second >= margin
            and best > float(nothing)
            and number not in item.rejected
        ):
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
