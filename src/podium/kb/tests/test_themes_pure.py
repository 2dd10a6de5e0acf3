"""The grouping of passages into themes (`podium.kb.themes`), on plain vectors: where a passage
goes, what a decision of the secretariat changes, and how themes are counted and ordered."""

from __future__ import annotations

import numpy as np

from podium.kb.themes import Item, Reference, group, place

GROUPS = ("AFRICAN", "APG", "EEG", "GRULAC", "WEOG")


def unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


# three objectives along the first three axes; empty talk scores 0.5 on each: every score is
# moved by -0.5
REFERENCE = Reference.build(
    [2, 19, 20],
    np.vstack([unit(1, 0, 0, 0), unit(0, 1, 0, 0), unit(0, 0, 1, 0)]),
    empty_talk=np.vstack([unit(1, 1, 1, 1)]),
)


def item(key: int, entity: str, *xs: float, **kw: frozenset[int]) -> Item:
    return Item(key, entity, unit(*xs), **kw)


def placed(items: list[Item], threshold: float = 0.0, margin: float = 0.05) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for p in place(items, REFERENCE, threshold, margin):
        out.setdefault(p.key, []).append(p.objective)
    return out


def test_a_passage_goes_to_the_one_objective_it_is_clearly_closest_to() -> None:
    items = [
        item(1, "MEX", 0.1, 0.2, 0.9, 0.1),  # remittances
        item(2, "BGD", 0.9, 0.1, 0.1, 0.1),  # drivers
        item(3, "FRA", 0.6, 0.0, 0.58, 0.1),  # torn between two: within the margin
        item(5, "NGA", 0.1, 0.1, 0.3, 0.1, rejected=frozenset({20})),  # the secretariat: no
    ]
    assert REFERENCE.hub.tolist() == [0.5, 0.5, 0.5]
    assert placed(items) == {1: [20], 2: [2]}
    assert placed(items, threshold=0.95) == {}  # none scores that high


def test_an_objective_close_to_everything_does_not_win_everything() -> None:
    """Objective 19 here lies near empty talk (as "reduce vulnerabilities" does for E5): by raw
    cosine it would take a passage that is about objective 2; read against empty talk, it
    does not."""
    hubby = Reference.build(
        [2, 19, 20],
        np.vstack([unit(1, 0, 0, 0), unit(0.3, 1, 0.3, 1), unit(0, 0, 1, 0)]),
        empty_talk=np.vstack([unit(0, 0.2, 0, 1)]),
    )
    passage = item(1, "MEX", 0.6, 0, 0, 0.8)
    raw = passage.vector @ hubby.objectives.T
    assert hubby.numbers[int(np.argmax(raw))] == 19
    [p] = place([passage], hubby, 0.0, 0.05)
    assert p.objective == 2


def test_the_secretariats_confirmation_replaces_the_guess() -> None:
    items = [item(1, "MEX", 0.9, 0.1, 0.1, 0.0, confirmed=frozenset({19, 20}))]
    [a, b] = place(items, REFERENCE, 0.0, 0.05)
    assert (a.objective, a.decided, b.objective, b.decided) == (19, True, 20, True)


def test_themes_count_distinct_delegations_in_the_order_they_spoke() -> None:
    items = [
        item(1, "MEX", 0, 0, 1, 0),
        item(2, "BGD", 0, 0, 1, 0),
        item(3, "MEX", 0, 0, 1, 0),  # a second passage of Mexico: one delegation still
        item(4, "TUR", 1, 0, 0, 0),
        item(5, "", 0, 0, 1, 0),  # no delegation: listed, never counted
        item(6, "NGA", 0, 0, 1, 0),
    ]
    group_of = {"MEX": "GRULAC", "BGD": "APG", "NGA": "AFRICAN", "TUR": "WEOG"}
    remittances, drivers = group(items, place(items, REFERENCE, 0.0, 0.05), group_of, GROUPS)
    assert remittances.objective == 20
    assert remittances.entities == ["MEX", "BGD", "NGA"]
    assert remittances.keys == [1, 2, 3, 5, 6]
    assert remittances.groups == ["AFRICAN", "APG", "GRULAC"]  # in the UN's order
    assert (drivers.objective, drivers.entities, drivers.groups) == (2, ["TUR"], ["WEOG"])


def test_themes_come_most_delegations_first() -> None:
    items = [
        item(1, "MEX", 1, 0, 0, 0),
        item(2, "BGD", 0, 1, 0, 0),
        item(3, "DEU", 0, 1, 0, 0),
        item(4, "MEX", 0, 0, 1, 0),
        item(5, "MEX", 0, 0, 1, 0),
    ]
    themes = group(items, place(items, REFERENCE, 0.0, 0.05), {}, GROUPS)
    # objective 19: two delegations; then 20 (one delegation, two passages) before 2 (one)
    assert [t.objective for t in themes] == [19, 20, 2]
    assert themes[0].groups == []  # none of them has a regional group here
