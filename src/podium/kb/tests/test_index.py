"""The knowledge base is kept current after each commit, loses nothing on a restart, and its
search ranks by meaning across languages with the record's filters."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from podium.kb import embed, index
from podium.kb.models import Passage, Pending
from podium.kb.search import Filters, search

CLIMATE_ES = (
    "Los desastres naturales y el cambio climático obligan a miles de familias a abandonar sus "
    "hogares en nuestra región cada año."
)
REMITTANCES_EN = "The cost of sending remittances home must fall below three per cent."
THANKS_FR = "Nous remercions les co-facilitateurs pour l'organisation de cette session."


def live(**kw: Any) -> Any:
    return Passage.objects.filter(retired_gen__isnull=True, **kw)


def texts(hits: list[Any]) -> list[str]:
    return [h.passage.text for h in hits]


def test_a_delivered_statement_is_indexed_after_its_commit(say: Any) -> None:
    st = say("MEX", CLIMATE_ES, "es")
    [p] = live(source="statement", source_id=st.pk)
    assert (p.language, p.entity.code, p.public) == ("es", "MEX", True)
    assert len(bytes(p.vector)) == embed.DIM * 4
    assert not Pending.objects.exists()


def test_an_english_query_finds_the_spanish_passage_on_climate_displacement_first(say: Any) -> None:
    say("MEX", CLIMATE_ES, "es")
    say("BGD", REMITTANCES_EN)
    say("FRA", THANKS_FR, "fr")
    hits = search("people displaced by climate change", Filters())
    assert texts(hits)[0] == CLIMATE_ES


def test_editing_a_statement_retires_its_passages_and_keeps_unchanged_vectors(
    say: Any, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    st = say("MEX", f"{CLIMATE_ES}\n\n{REMITTANCES_EN}")
    assert search("climate", Filters())  # this process's index holds both passages now
    embedded: list[str] = []
    real = embed.passages
    monkeypatch.setattr(embed, "passages", lambda t: embedded.extend(t) or real(t))
    st.text = f"{CLIMATE_ES}\n\n{THANKS_FR}"
    with django_capture_on_commit_callbacks(execute=True):
        st.save()
    assert embedded == [THANKS_FR]  # the unchanged passage kept its vector
    assert sorted(p.text for p in live(source_id=st.pk)) == sorted([CLIMATE_ES, THANKS_FR])
    # the index of a running process catches up: the retired passage is no longer found
    assert REMITTANCES_EN not in texts(search("remittances cost", Filters()))


def test_a_deleted_statement_leaves_the_index(
    say: Any, django_capture_on_commit_callbacks: Any
) -> None:
    st = say("MEX", CLIMATE_ES, "es")
    with django_capture_on_commit_callbacks(execute=True):
        st.delete()
    assert not live().exists()
    assert search("climate displacement", Filters()) == []


def test_a_statement_not_delivered_yet_is_found_by_the_secretariat_only(
    say: Any, secretariat: Any
) -> None:
    say("MEX", CLIMATE_ES, "es", delivered=False)
    assert search("climate displacement", Filters()) == []
    assert texts(search("climate displacement", Filters(), secretariat)) == [CLIMATE_ES]


def test_filters_by_language_region_category_and_session(say: Any) -> None:
    say("MEX", CLIMATE_ES, "es")  # GRULAC
    say("BGD", "Climate change is driving displacement in our delta.")  # Asia-Pacific
    q = "climate displacement"
    assert texts(search(q, Filters(lang="es"))) == [CLIMATE_ES]
    assert texts(search(q, Filters(region="GRULAC"))) == [CLIMATE_ES]
    assert len(search(q, Filters(category="member-state"))) == 2
    assert search(q, Filters(category="stakeholder")) == []
    assert search(q, Filters(session="no-such-session")) == []


def test_a_restart_before_indexing_loses_nothing(
    say: Any, settings: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    settings.PODIUM_KB_INDEX = "off"  # as if the process stopped right after the commit
    st = say("MEX", CLIMATE_ES, "es")
    assert not live().exists()
    assert Pending.objects.filter(source="statement", source_id=st.pk).exists()
    call_command("kb", "reindex")
    assert live(source_id=st.pk).count() == 1
    assert not Pending.objects.exists()
    out = capsys.readouterr()
    assert "1 sources indexed" in out.out
    assert "1/1" in out.err  # the progress bar


def test_reindex_of_one_session_and_an_unknown_slug(say: Any, session: Any) -> None:
    say("MEX", CLIMATE_ES, "es")
    assert index.reindex(session) == 1
    with pytest.raises(Exception, match="no session has the slug"):
        call_command("kb", "reindex", "nope")


def test_the_search_api_answers_best_first_with_where_each_passage_comes_from(
    say: Any, client: Client
) -> None:
    say("MEX", CLIMATE_ES, "es", speaker="Ms. Ana Pérez")
    say("FRA", THANKS_FR, "fr")
    r = client.get("/api/search", {"q": "desplazamiento por el clima", "limit": "5"})
    assert r.status_code == 200
    first = r.json()["results"][0]
    assert first["text"] == CLIMATE_ES
    assert first["entity"] == "MEX"
    assert first["speaker"] == "Ms. Ana Pérez"
    assert first["language"] == "es"
    assert first["session"] == "gcm-its2-drivers"
    assert first["url"].startswith("/sessions/gcm-its2-drivers/statements/")
    scores = [h["score"] for h in r.json()["results"]]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({}, "q"),
        ({"q": "   "}, "q"),
        ({"q": "a\x00b"}, None),  # refused before the view, for every request
        ({"q": "a\x07b"}, "q"),
        ({"q": "x" * 501}, "q"),
        ({"q": "climate", "limit": "0"}, "limit"),
        ({"q": "climate", "limit": "1e999"}, "limit"),
        ({"q": "climate", "limit": "١٠"}, "limit"),  # Arabic-Indic digits
        ({"q": "climate", "limit": "101"}, "limit"),
        ({"q": "climate", "lang": "xx"}, "lang"),
        ({"q": "climate", "objective": "24"}, "objective"),
        ({"q": "climate", "objective": "Infinity"}, "objective"),
        ({"q": "climate", "tag": "rumour"}, "tag"),
        ({"q": "climate", "region": "MARS"}, "region"),
        ({"q": "climate", "session": "../etc"}, "session"),
    ],
)
def test_the_search_api_refuses_bad_parameters_by_name(
    client: Client, db: None, query: dict[str, str], field: str | None
) -> None:
    r = client.get("/api/search", query)
    assert r.status_code == 400
    assert r["Content-Type"] == "application/problem+json"
    assert r.json()["field"] == field
    if field is None:
        assert r.json()["code"] == "control_character"


def test_the_search_page_shows_passage_language_speaker_and_link(say: Any, client: Client) -> None:
    say("MEX", CLIMATE_ES, "es", speaker="Ms. Ana Pérez")
    html = client.get("/knowledge/", {"q": "climate displacement"}).content.decode()
    assert CLIMATE_ES in html
    assert "Ms. Ana Pérez" in html and "Spanish" in html and "Mexico" in html
    assert 'href="/sessions/gcm-its2-drivers/statements/' in html
    bad = client.get("/knowledge/", {"q": "climate", "limit": "1e999"})
    assert bad.status_code == 400 and "limit must be a whole number" in bad.content.decode()


def test_a_contribution_tagged_on_a_statement_is_public_once_the_statement_is_delivered(
    say: Any, tag: Any, django_capture_on_commit_callbacks: Any
) -> None:
    st = say("MEX", CLIMATE_ES, "es", delivered=False)
    c = tag("MEX", CLIMATE_ES, statement=st)
    assert live(source="contribution", source_id=c.pk).get().public is False
    assert search("climate displacement", Filters(tag="recommendation")) == []
    st.delivered_at = st.uploaded_at
    with django_capture_on_commit_callbacks(execute=True):
        st.save(update_fields=["delivered_at"])  # as the floor does when Mexico is heard
    assert live(source="contribution", source_id=c.pk).get().public is True
    assert len(search("climate displacement", Filters(tag="recommendation"))) == 1
