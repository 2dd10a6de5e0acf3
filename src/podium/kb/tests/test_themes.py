"""Drafting help for the co-facilitators' summary: what a session (or one panel) said, grouped
by the compact's objectives into themes, each with its delegations, regional groups and the
passages behind it, for those who write the summary."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils.html import escape

from podium.kb import drafting, embed, objectives
from podium.kb.tests.calibrate_themes import measure
from podium.kb.tests.conftest import make_user
from podium.kb.tests.theme_corpus import CORPUS
from podium.programme.models import Segment
from podium.web.tests.test_openapi import conforms

SLUG = "gcm-its2-drivers"

# on remittances, by delegations of all five regional groups, in five languages
REMITTANCES = [
    (
        "MEX",
        "es",
        "Las remesas representan más del diez por ciento de nuestro producto interno bruto. "
        "Pedimos reducir los costos de envío de las remesas y promover la inclusión financiera "
        "de los migrantes y sus familias.",
    ),
    (
        "BGD",
        "en",
        "The cost of sending remittances remains far too high: a worker sending two hundred "
        "dollars home still pays more than seven per cent. We call for transfer costs below "
        "three per cent.",
    ),
    (
        "NGA",
        "fr",
        "Les envois de fonds des migrants font vivre des millions de familles. Nous demandons "
        "de réduire les frais de transfert des envois de fonds et d'ouvrir aux migrants "
        "l'accès aux services bancaires.",
    ),
    (
        "POL",
        "ru",
        "Денежные переводы мигрантов составляют значительную часть доходов домохозяйств. Мы "
        "призываем снизить стоимость денежных переводов и расширить доступ мигрантов к "
        "финансовым услугам.",
    ),
    (
        "ITA",
        "en",
        "Remittances sent by migrants are three times official development aid. Cheaper, "
        "faster and safer transfers of remittances, and bank accounts for migrants, must be "
        "a priority.",
    ),
]
# on climate change and disasters driving people from their homes, by two regional groups
CLIMATE = [
    (
        "FJI",
        "en",
        "Sea-level rise, drought and recurrent cyclones are already forcing people in our "
        "coastal villages to leave their homes. We must address the adverse effects of climate "
        "change that compel people to move.",
    ),
    (
        "DEU",
        "fr",
        "La désertification, les sécheresses et les inondations liées au changement climatique "
        "chassent des communautés entières de leurs terres. Il faut s'attaquer à ces facteurs "
        "qui contraignent les gens à partir.",
    ),
    (
        "CHN",
        "zh",
        "海平面上升、干旱和洪水等气候变化的不利影响正在迫使沿海和农村居民离开家园。国际社会应加强防灾减灾和气候适应。",
    ),
]
THANKS = "Thank you, Madam Co-Facilitator. My delegation aligns itself with the Group's statement."


def panel(session: Any, number: int) -> Segment:
    return Segment.objects.get(session=session, kind="expert_panel", panel_number=number)


def theme(themes: list[dict[str, Any]], number: int) -> dict[str, Any]:
    [found] = [t for t in themes if t["objective"]["number"] == number]
    return found


def signed_in(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def said(session: Any, say: Callable[..., Any]) -> dict[str, Any]:
    """Panel 1 heard the remittances statements and a courtesy; panel 3 the climate ones."""
    for code, lang, text in REMITTANCES:
        say(code, text, lang, segment=panel(session, 1))
    say("ECU", THANKS, "en", segment=panel(session, 1))
    for code, lang, text in CLIMATE:
        say(code, text, lang, segment=panel(session, 3))
    return {}


def test_the_drafting_page_groups_the_session_into_themes_with_their_delegations(
    said: Any, secretariat: Any
) -> None:
    page = signed_in(secretariat).get(f"/sessions/{SLUG}/drafting")
    assert page.status_code == 200
    html = page.content.decode()
    title = objectives.objective(20).title  # type: ignore[union-attr]
    sentence = (
        f"5 delegations, from all five regional groups, spoke on objective 20 ({title}): "
        "Mexico, Bangladesh, Nigeria, Poland and Italy."
    )
    assert sentence in html
    climate = (
        "3 delegations, from 2 regional groups (Asia-Pacific States and Western European and "
        "other States), spoke on objective 2"
    )
    assert climate in html and "Fiji, Germany and China." in html
    assert html.index(sentence) < html.index(climate)  # most delegations first
    # every number traceable: the passages behind each theme, with their links
    assert "The 5 passages behind it" in html and "The 3 passages behind it" in html
    for _code, _lang, text in REMITTANCES + CLIMATE:
        assert escape(text) in html
    assert f'href="/sessions/{SLUG}/statements/' in html
    # the courtesy is about no objective: counted in no theme, and listed as such
    themes, unplaced = html.split('id="unplaced"')
    assert "Ecuador" not in themes
    assert "1 passage is counted in no theme" in unplaced and escape(THANKS) in unplaced


def test_the_themes_api_names_exactly_the_delegations_and_passages_behind_each_theme(
    said: Any, secretariat: Any
) -> None:
    r = signed_in(secretariat).get(f"/api/sessions/{SLUG}/themes")
    assert r.status_code == 200
    body = r.json()
    assert [t["objective"]["number"] for t in body["themes"]] == [20, 2]
    remittances = theme(body["themes"], 20)
    assert [d["entity"] for d in remittances["delegations"]] == ["MEX", "BGD", "NGA", "POL", "ITA"]
    assert remittances["delegations"][0] == {
        "entity": "MEX",
        "entity_name": "Mexico",
        "regional_group": "GRULAC",
    }
    assert remittances["regional_groups"] == ["AFRICAN", "APG", "EEG", "GRULAC", "WEOG"]
    assert remittances["sentence"].startswith("5 delegations, from all five regional groups")
    passages = remittances["passages"]
    assert [(p["entity"], p["language"]) for p in passages] == [
        (c, lang) for c, lang, _t in REMITTANCES
    ]
    assert all(p["url"].startswith(f"/sessions/{SLUG}/statements/") for p in passages)
    climate = theme(body["themes"], 2)
    assert climate["regional_groups"] == ["APG", "WEOG"]
    assert body["unplaced"] == 1  # Ecuador's courtesy
    # in the reader's language: names and sentence in French
    fr = signed_in(secretariat).get(f"/api/sessions/{SLUG}/themes", HTTP_ACCEPT_LANGUAGE="fr")
    remises = theme(fr.json()["themes"], 20)
    assert remises["delegations"][0]["entity_name"] == "Mexique"
    assert remises["sentence"].startswith("5 délégations")
    assert "Mexique, Bangladesh, Nigeria, Pologne et Italie" in remises["sentence"]


def test_the_themes_api_keeps_to_its_openapi_document(said: Any, secretariat: Any) -> None:
    r = signed_in(secretariat).get(f"/api/sessions/{SLUG}/themes")
    conforms(r.json(), "ThemeList")
    for bad in (
        Client().get(f"/api/sessions/{SLUG}/themes"),
        signed_in(secretariat).get(f"/api/sessions/{SLUG}/themes", {"segment": "x"}),
    ):
        assert bad["Content-Type"] == "application/problem+json"
        conforms(bad.json(), "Problem")


def test_a_panels_themes_leave_out_the_other_panels(said: Any, secretariat: Any) -> None:
    c = signed_in(secretariat)
    panel1 = c.get(f"/api/sessions/{SLUG}/themes", {"segment": "panel-1"}).json()
    assert panel1["segment"] == "panel-1"
    assert [t["objective"]["number"] for t in panel1["themes"]] == [20]
    html = c.get(f"/sessions/{SLUG}/drafting", {"segment": "panel-3"}).content.decode()
    assert "Fiji, Germany and China." in html
    assert "Mexico" not in html and "spoke on objective 20" not in html


def test_an_undelivered_statement_never_counts(
    session: Any, say: Callable[..., Any], secretariat: Any
) -> None:
    code, lang, text = REMITTANCES[1]
    say(code, text, lang, delivered=False)
    r = signed_in(secretariat).get(f"/api/sessions/{SLUG}/themes")
    assert r.json()["themes"] == []  # not even for the secretariat, who may read it


def test_a_rejected_contribution_does_not_count_and_a_confirmed_one_does(
    session: Any, tag: Callable[..., Any], secretariat: Any
) -> None:
    _code, _lang, text = REMITTANCES[1]
    rejected = tag("BGD", text)
    confirmed = tag("DEU", "We fully support what the previous speaker proposed.")
    c = signed_in(secretariat)
    before = c.get(f"/api/sessions/{SLUG}/themes").json()["themes"]
    assert [d["entity"] for d in theme(before, 20)["delegations"]] == ["BGD"]  # by its meaning
    objectives.decide(rejected.pk, 20, False, secretariat)
    objectives.decide(confirmed.pk, 20, True, secretariat)
    after = c.get(f"/api/sessions/{SLUG}/themes").json()["themes"]
    remittances = theme(after, 20)
    assert [d["entity"] for d in remittances["delegations"]] == ["DEU"]
    [p] = remittances["passages"]
    assert p["confirmed"] is True and p["source"] == "contribution"
    assert p["url"] == f"/sessions/{SLUG}/contributions/#contribution-{confirmed.pk}"


def test_who_may_see_the_drafting_help(said: Any, session: Any, client: Client) -> None:
    delegate = make_user(session, "mexdelegate", "delegate", "MEX")
    moderator = make_user(session, "mod1", "moderator", "MEX", panel=1)
    cochair = make_user(session, "chair", "co_chair")
    page = f"/sessions/{SLUG}/drafting"
    api = f"/api/sessions/{SLUG}/themes"
    # not signed in: the page asks to sign in, the API answers 401
    r = client.get(page)
    assert r.status_code == 302 and r["Location"].startswith("/accounts/login/")
    assert client.get(api).status_code == 401
    # a delegate: 403 with the reason
    r = signed_in(delegate).get(page)
    assert r.status_code == 403
    assert "Only the secretariat and the co-facilitators" in r.content.decode()
    r = signed_in(delegate).get(api)
    assert r.status_code == 403 and r.json()["code"] == "forbidden"
    # a moderator: their panel only
    mod = signed_in(moderator)
    assert mod.get(page, {"segment": "panel-1"}).status_code == 200
    assert mod.get(page).status_code == 403
    r = mod.get(page, {"segment": "panel-2"})
    assert r.status_code == 403 and "the moderator of this panel" in r.content.decode()
    assert mod.get(api, {"segment": "panel-1"}).status_code == 200
    # the co-facilitators: everything
    chair = signed_in(cochair)
    assert chair.get(page).status_code == 200
    assert chair.get(api, {"segment": "panel-3"}).status_code == 200


def test_an_unknown_segment_is_a_404_that_names_the_segments(
    session: Any, secretariat: Any
) -> None:
    c = signed_in(secretariat)
    r = c.get(f"/sessions/{SLUG}/drafting", {"segment": "panel-9"})
    assert r.status_code == 404
    assert "no segment panel-9" in r.content.decode() and "panel-1" in r.content.decode()
    r = c.get(f"/api/sessions/{SLUG}/themes", {"segment": "panel-9"})
    assert r.status_code == 404 and r.json()["field"] == "segment"
    assert c.get("/api/sessions/nope/themes").status_code == 404


def test_the_summary_editor_offers_the_themes_without_embedding_anything(
    said: Any, session: Any, secretariat: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    drafting.reference()  # the objectives' vectors: once per process

    def refuse(*args: Any) -> Any:
        raise AssertionError("a page view embedded a text")

    monkeypatch.setattr(embed, "passages", refuse)
    monkeypatch.setattr(embed, "_query", refuse)
    c = signed_in(secretariat)
    r = c.get(f"/sessions/{SLUG}/record/texts/introduction")
    assert r.status_code == 200
    html = r.content.decode()
    assert "Drafting help" in html and "(2 themes)" in html
    assert "5 delegations, from all five regional groups, spoke on objective 20" in html
    assert 'data-insert-theme="theme-20"' in html and 'id="draft"' in html
    assert f'href="/sessions/{SLUG}/drafting"' in html
    # a panel's text: that panel's themes, and the drafting page of that panel
    seg = panel(session, 3)
    html = c.get(f"/sessions/{SLUG}/record/texts/panel_summary/{seg.pk}").content.decode()
    assert "(1 theme)" in html and "spoke on objective 2 " in html
    assert f'href="/sessions/{SLUG}/drafting?segment=panel-3"' in html
    # and the drafting page links back to the texts of its scope
    page = c.get(f"/sessions/{SLUG}/drafting", {"segment": "panel-3"}).content.decode()
    assert f'href="/sessions/{SLUG}/record/texts/panel_summary/{seg.pk}"' in page


def test_the_placing_holds_on_the_labelled_passages() -> None:
    """The calibration (`calibrate_themes`): of the placed passages, at least 85 % on their
    objective; at least 60 % of the labelled ones placed right; no courtesy placed."""
    counts = measure(
        drafting.reference(),
        embed.passages([t for _l, _o, t in CORPUS]),
        [o for _l, o, _t in CORPUS],
        drafting.themes.THRESHOLD,
        drafting.themes.MARGIN,
    )
    assert counts.precision >= 0.85, counts
    assert counts.recall >= 0.60, counts
    assert counts.false == 0, counts
