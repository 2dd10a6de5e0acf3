"""Calibrate the drafting help's placing (`podium.kb.themes.THRESHOLD`, `MARGIN`) on labelled
passages, and say how well it places them:

    DJANGO_SETTINGS_MODULE=podium.settings .venv/bin/python -m podium.kb.tests.calibrate_themes

Two collections written apart, each in the six languages, with passages about no objective
(thanks, alignments, procedure): `theme_corpus.py` (written for this calibration) and
`collection.json` (the knowledge base's retrieval test collection). Each passage is placed (or
not) as the drafting help places it (`podium.kb.themes.place`, with `drafting.reference()`): on
its labelled objective it is right, on another wrong, left out missed; a passage about no
objective placed anywhere is a false theme. Precision: the right among all placed; recall: the
right among all labelled. A pair (threshold, margin) is chosen for the best F0.5 (precision
weighs twice recall: a wrong attribution in a co-facilitators' summary costs more than a passage
left out, which the drafter still finds on the statement's page). The honest figures are the
crossed ones: the pair chosen on one collection, measured on the other.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

COLLECTION = Path(__file__).with_name("collection.json")
THRESHOLDS = np.round(np.arange(-0.03, 0.0801, 0.0025), 4)
MARGINS = np.round(np.arange(0.0, 0.0301, 0.0025), 4)

Labelled = tuple[list[str], list[str], list[int | None]]  # texts, languages, objectives


@dataclass(frozen=True)
class Counts:
    right: int
    wrong: int
    missed: int
    false: int

    @property
    def precision(self) -> float:
        placed = self.right + self.wrong + self.false
        return self.right / placed if placed else 1.0

    @property
    def recall(self) -> float:
        labelled = self.right + self.wrong + self.missed
        return self.right / labelled if labelled else 1.0

    @property
    def f05(self) -> float:
        p, r = self.precision, self.recall
        return 1.25 * p * r / (0.25 * p + r) if p + r else 0.0

    def __str__(self) -> str:
        return (
            f"precision {self.precision:.2f}, recall {self.recall:.2f}, F0.5 {self.f05:.2f} "
            f"(right {self.right}, wrong {self.wrong}, missed {self.missed}, "
            f"false themes {self.false})"
        )


def _count(got: Sequence[int | None], labels: Sequence[int | None]) -> Counts:
    right = wrong = missed = false = 0
    for placed, label in zip(got, labels, strict=True):
        if label is None:
            false += placed is not None
        elif placed is None:
            missed += 1
        elif placed == label:
            right += 1
        else:
            wrong += 1
    return Counts(right, wrong, missed, false)


def measure(
    reference: Any,
    vectors: np.ndarray,
    labels: Sequence[int | None],
    threshold: float,
    margin: float,
) -> Counts:
    """How `podium.kb.themes.place` places the labelled vectors."""
    from podium.kb.themes import Item, place

    items = [Item(i, "X", v) for i, v in enumerate(vectors)]
    got = {p.key: p.objective for p in place(items, reference, threshold, margin)}
    return _count([got.get(i) for i in range(len(labels))], labels)


def _grid(reference: Any, vectors: np.ndarray, labels: Sequence[int | None]) -> list[Any]:
    """(counts, threshold, margin) for the whole grid, in one pass over the scores (the same
    rule as `place` for passages nobody decided on; `best` checks its pick with `measure`)."""
    scores = reference.scores(vectors)
    order = np.argsort(-scores, axis=1)
    top = scores[np.arange(len(scores)), order[:, 0]]
    lead = top - scores[np.arange(len(scores)), order[:, 1]]
    objective = np.array(reference.numbers)[order[:, 0]]
    out = []
    for t in THRESHOLDS:
        for m in MARGINS:
            ok = (top >= t) & (lead >= m)
            got = [int(o) if k else None for o, k in zip(objective, ok, strict=True)]
            out.append((_count(got, labels), float(t), float(m)))
    return out


def best(
    reference: Any, vectors: np.ndarray, labels: Sequence[int | None]
) -> tuple[float, float, Counts]:
    """The grid's pair with the best F0.5 (ties: the higher threshold, then margin)."""
    counts, t, m = max(
        _grid(reference, vectors, labels), key=lambda f: (round(f[0].f05, 6), f[1], f[2])
    )
    assert measure(reference, vectors, labels, t, m) == counts
    return t, m, counts


def collections() -> dict[str, Labelled]:
    from podium.kb.tests.theme_corpus import CORPUS

    out: dict[str, Labelled] = {
        "theme_corpus.py": (
            [t for _l, _o, t in CORPUS],
            [lang for lang, _o, _t in CORPUS],
            [o for _l, o, _t in CORPUS],
        )
    }
    passages = json.loads(COLLECTION.read_text(encoding="utf-8"))["passages"]
    out["collection.json"] = (
        [p["text"] for p in passages],
        [p["language"] for p in passages],
        [p["objective"] for p in passages],
    )
    return out


def main() -> None:
    import django

    django.setup()
    from podium.kb import drafting, embed, themes

    reference = drafting.reference()
    data = {
        name: (embed.passages(texts), langs, labels)
        for name, (texts, langs, labels) in collections().items()
    }
    for name, (_v, _l, labels) in data.items():
        print(f"{name}: {len(labels)} passages, {sum(o is None for o in labels)} about none")
    vectors = np.vstack([v for v, _l, _o in data.values()])
    languages = [lang for _v, langs, _o in data.values() for lang in langs]
    labels = [o for _v, _l, os in data.values() for o in os]

    raw = themes.Reference(reference.numbers, reference.objectives, 0 * reference.hub)
    print("\nWithout the correction by empty talk (raw cosines):")
    for name, (v, _l, os) in data.items():
        rt, rm, rc = max(
            (
                (float(t), float(m), measure(raw, v, os, float(t), float(m)))
                for t in np.round(np.arange(0.78, 0.88, 0.0025), 4)
                for m in MARGINS[::2]
            ),
            key=lambda f: (round(f[2].f05, 6), f[0], f[1]),
        )
        print(f"  best on {name}: cosine ≥ {rt:.4f}, margin {rm:.4f}: {rc}")

    print("\nRead against empty talk (themes.Reference), chosen on one, measured on the other:")
    names = list(data)
    for fit, check in ((names[0], names[1]), (names[1], names[0])):
        t, m, c = best(reference, data[fit][0], data[fit][2])
        held = measure(reference, data[check][0], data[check][2], t, m)
        print(f"  chosen on {fit}: {t:.4f} / {m:.4f} ({c})\n    on {check}: {held}")
    t, m, c = best(reference, vectors, labels)
    print(f"  chosen on both: threshold {t:.4f}, margin {m:.4f}: {c}")

    print(f"\nThe constants (threshold {themes.THRESHOLD}, margin {themes.MARGIN}):")
    for name, (v, _l, os) in data.items():
        print(f"  {name}: {measure(reference, v, os, themes.THRESHOLD, themes.MARGIN)}")
    print("  by language (both):")
    for lang in ("ar", "zh", "en", "fr", "ru", "es"):
        keep = [i for i, x in enumerate(languages) if x == lang]
        c = measure(
            reference, vectors[keep], [labels[i] for i in keep], themes.THRESHOLD, themes.MARGIN
        )
        print(f"    {lang}: {c}")


if __name__ == "__main__":
    main()
