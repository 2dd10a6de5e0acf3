"""Search finds word forms (Snowball stems in the text's language) and highlights what it found,
escaped (issue 16)."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.utils import timezone

from podium.people.models import Entity
from podium.record.models import Contribution, Statement
from podium.record.search import SearchQuery, highlight, search


def delivered(session: Any, code: str, text: str, language: str = "en", title: str = "") -> Any:
    return Statement.objects.create(
        session=session,
        entity=Entity.objects.get(code=code),
        language=language,
        kind="txt",
        size=len(text),
        text=text,
        title=title,
        delivered_at=timezone.now(),
    )


def found(q: str, **kw: str) -> set[int]:
    results = search(SearchQuery(q=q, **kw))
    return {s.pk for s in results.statements} | {-c.pk for c in results.contributions}


def test_search_finds_the_other_forms_of_a_word(session: Any) -> None:
    mex = delivered(session, "MEX", "Every migrant deserves protection and a fair remittance.")
    bgd = delivered(session, "BGD", "Migrants send remittances; their policies differ.")
    fra = delivered(session, "FRA", "Les politiques migratoires protègent les migrants.", "fr")
    assert found("migrants") >= {mex.pk, bgd.pk}
    assert found("migrant") >= {mex.pk, bgd.pk}
    assert found("remittances") == {mex.pk, bgd.pk}
    assert found("policy") == {bgd.pk}  # policies → "polici", as policy
    assert found("politique") == {fra.pk}  # French stems French text
    assert found("protected") == {mex.pk}  # protection, protected → "protect"
    assert found("Cote") == set() and found("remittance migrants") == {mex.pk, bgd.pk}


def test_a_contribution_of_an_intervention_is_stemmed_in_the_language_it_reads_as(
    session: Any,
) -> None:
    c = Contribution.objects.create(
        session=session, kind="commitment", text="Mexico commits to lower the costs of remittances."
    )
    assert c.search_language == "en"
    assert found("remittance cost") == {-c.pk}


def test_highlights_the_words_found_and_escapes_the_rest(session: Any) -> None:
    q = SearchQuery(q="migrants")
    shown = str(highlight("<script>alert('migrant')</script> Migrants & <b>x</b>", q, "en"))
    assert "<script>" not in shown and "<b>" not in shown
    assert "&lt;script&gt;alert(&#x27;<mark>migrant</mark>&#x27;)&lt;/script&gt;" in shown
    assert "<mark>Migrants</mark> &amp; &lt;b&gt;x&lt;/b&gt;" in shown
    assert str(highlight("immigration", SearchQuery(q="migra"), "en")) == "im<mark>migra</mark>tion"


def test_the_search_page_highlights_matches_with_no_markup_from_a_statement(
    client: Client, session: Any
) -> None:
    delivered(
        session,
        "MEX",
        "<script>alert(1)</script> We protect migrants <img src=x onerror=alert(2)>.",
        title="<i>Migrant</i> workers",
    )
    page = client.get("/search/", {"q": "migrant"}).content.decode()
    results = page.split('role="status"', 1)[1]
    assert "<script>alert(1)" not in results and "<img" not in results and "<i>" not in results
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in results
    assert "We protect <mark>migrants</mark>" in results
    assert "&lt;i&gt;<mark>Migrant</mark>&lt;/i&gt; workers" in results
