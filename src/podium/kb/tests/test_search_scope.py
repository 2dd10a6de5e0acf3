"""The semantic part of a search selects what a full sort would, and the full-text half looks for
the words among the `LEXICAL_SCOPE` passages nearest by meaning once more pass the filters."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from podium.kb import embed
from podium.kb import search as kbsearch
from podium.kb.search import Filters, Index, nearest, search


def _index(n: int, rng: np.random.Generator) -> Index:
    index = Index()
    vecs = rng.standard_normal((n, embed.DIM), dtype=np.float32)
    index.vectors = vecs / np.linalg.norm(vecs, axis=1, keepdims=True)
    index.ids = rng.permutation(np.arange(1, 10 * n + 1, dtype=np.int64))[:n]
    return index


@pytest.mark.parametrize("n", [1, 7, 100, 101, 499, 500, 501, 3000])
@pytest.mark.parametrize("kept", [1.0, 0.5, 0.01])
def test_nearest_is_the_best_of_a_full_sort_and_its_scope_the_nearest(n: int, kept: float) -> None:
    rng = np.random.default_rng(n)
    index = _index(n, rng)
    q = index.vectors[0] + 0.1 * rng.standard_normal(embed.DIM, dtype=np.float32)
    sims = index.vectors @ q
    mask = rng.random(n) < kept
    top, scope = nearest(index, sims, mask)
    order = [int(i) for i in np.argsort(-sims) if mask[i]]  # within the mask, best first
    assert [int(i) for i in top] == order[: kbsearch.SEMANTIC_POOL]
    if len(order) <= kbsearch.LEXICAL_SCOPE:
        assert scope is None  # the words are looked for in every passage within the filters
    else:
        assert scope is not None
        assert sorted(scope) == sorted(int(index.ids[i]) for i in order[: kbsearch.LEXICAL_SCOPE])


def test_nothing_within_the_filters() -> None:
    index = _index(10, np.random.default_rng(0))
    top, scope = nearest(index, index.vectors @ index.vectors[0], np.zeros(10, dtype=bool))
    assert len(top) == 0 and scope is None


REMITTANCES = "The cost of sending remittances home must fall below three per cent."
CLIMATE = "Climate change and disasters force thousands of families to leave their homes each year."
REMITTANCES_DE = "Germany, too, wants the cost of sending remittances home below three per cent."
THANKS = "Nous remercions les co-facilitateurs pour l'organisation de cette session."


def test_the_words_are_looked_for_among_the_nearest_by_meaning_only_beyond_the_scope(
    say: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    say("BGD", REMITTANCES)
    say("MEX", CLIMATE)
    say("FRA", THANKS, "fr")
    # the query is nearest to the remittances passage; only the thanks hold its word
    monkeypatch.setattr(embed, "query", lambda text: embed.passages([REMITTANCES])[0])

    def by_words(f: Filters | None = None) -> dict[str, bool]:
        return {h.passage.text: h.by_words for h in search("remercions", f or Filters())}

    assert by_words()[THANKS] is True  # 3 passages, within the scope: all are read
    monkeypatch.setattr(kbsearch, "LEXICAL_SCOPE", 1)
    found = by_words()
    assert found[THANKS] is False  # still found by meaning, no longer by its words
    assert found[REMITTANCES] is False  # the nearest does not hold the word
    # within a filter that leaves no more passages than the scope, every one is read again
    assert by_words(Filters(lang="fr")) == {THANKS: True}
    say("DEU", REMITTANCES_DE)  # with the thanks (France), two passages of WEOG, a scope of 1
    assert by_words(Filters(region="WEOG")) == {REMITTANCES_DE: False, THANKS: False}
