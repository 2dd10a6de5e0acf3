"""Drafting help for the co-facilitators' summary: the themes of what a session, or one of its
segments, said — each one of the compact's objectives, with the delegations and passages behind
it, and a sentence that can go into the summary with its attributions.

What counts is what is public: the passages of delivered statements and the tagged
contributions (those of an undelivered statement wait for it), of the scope, read from the
knowledge base's stored passages. Nothing is embedded on a page view: the passages' vectors are
stored; the objectives' and the empty talk's (`podium.kb.themes`) are embedded once per
process, on the first use. Placing and grouping are `podium.kb.themes.place` and `group`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
from babel.lists import format_list
from django.db.models import F, Q
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from podium.core.entities import REGIONAL_GROUPS
from podium.kb import embed, objectives, themes
from podium.kb.models import ObjectiveLink, Passage, Source
from podium.kb.search import url_of
from podium.record import adapters, services
from podium.record.labels import regional_group_label
from podium.record.models import LANGUAGES, Contribution, Statement, Writing

# the texts of the whole session, and those of one segment (a panel's moderator writes these)
SESSION_KINDS: tuple[str, ...] = tuple(
    str(k)
    for k in (Writing.Kind.INTRODUCTION, Writing.Kind.CONCLUSIONS, Writing.Kind.THEMATIC_OVERVIEW)
)
SEGMENT_KINDS: tuple[str, ...] = (
    str(Writing.Kind.PANEL_SUMMARY),
    str(Writing.Kind.RECOMMENDATIONS),
)


def objective_text(o: objectives.Objective) -> str:
    """What an objective is embedded from: its title, description and keywords."""
    return f"{o.title}. {o.description} {', '.join(o.keywords)}".strip()


@cache
def reference() -> themes.Reference:
    """The objectives and the empty talk, embedded once per process (as passages: a passage's
    cosine with another passage placed them best, docs/record.md)."""
    every = objectives.all_objectives()
    return themes.Reference.build(
        [o.number for o in every],
        embed.passages([objective_text(o) for o in every]),
        embed.passages(list(themes.EMPTY_TALK)),
    )


# --- who, and which scope ----------------------------------------------------------------------


def may_draft(request: HttpRequest, session: Any, segment: Any = None) -> bool:
    """Those who write the summary: the secretariat, the co-chairs, the thematic expert (the
    whole session and every segment); a panel's moderator, for that panel."""
    if any(services.may_write(request, session, kind, None) for kind in SESSION_KINDS):
        return True
    return segment is not None and any(
        services.may_write(request, session, kind, segment) for kind in SEGMENT_KINDS
    )


def refusal(segment: Any) -> str:
    if segment is not None:
        return str(
            _(
                "Only the secretariat, the co-facilitators and the moderator of this panel see "
                "its drafting help."
            )
        )
    return str(
        _("Only the secretariat and the co-facilitators see the drafting help of the session.")
    )


def segment_of(session: Any, key: str) -> Any:
    """The programme segment with the floor's key `key` (panel-1, summary…), or None."""
    if not key or len(key) > 100:
        return None
    return services.segment_by_key(session, key)


def unknown_segment(session: Any, key: str) -> str:
    keys = [adapters.segment_key_of_row(s) for s in services.speaking_segments(session)]
    return str(_("This session has no segment %(key)s; its segments are %(keys)s.")) % {
        "key": key[:100],
        "keys": ", ".join(keys),
    }


def scopes(session: Any) -> list[tuple[str, str]]:
    """The scopes a reader picks from: ("", the whole session), then (key, label) per segment
    where someone speaks."""
    labels = services.segment_labels(session)
    return [("", _("The whole session"))] + [
        (adapters.segment_key_of_row(s), labels.get(s.pk, adapters.segment_title(s)))
        for s in services.speaking_segments(session)
    ]


# --- the themes ----------------------------------------------------------------------------------


@dataclass
class Delegation:
    entity: str
    name: str
    regional_group: str  # its code, "" for none

    @property
    def group_label(self) -> str:
        return regional_group_label(self.regional_group) if self.regional_group else ""

    def to_json(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "entity_name": self.name,
            "regional_group": self.regional_group,
        }


@dataclass
class ThemePassage:
    passage: Passage
    entity: str
    entity_name: str
    score: float
    decided: bool  # placed by the secretariat's confirmation
    url: str
    language_name: str = ""
    segment_label: str = ""

    def to_json(self) -> dict[str, Any]:
        p = self.passage
        return {
            "passage": p.pk,
            "source": p.source,
            "entity": self.entity,
            "entity_name": self.entity_name,
            "language": p.language,
            "segment": adapters.segment_key_of_row(p.segment) if p.segment else "",
            "text": p.text,
            "url": self.url,
            "score": round(self.score, 4),
            "confirmed": self.decided,
        }


@dataclass
class Theme:
    objective: objectives.Objective
    delegations: list[Delegation]
    regional_groups: list[str]
    passages: list[ThemePassage]
    sentence: str

    def to_json(self) -> dict[str, Any]:
        return {
            "objective": {"number": self.objective.number, "title": self.objective.title},
            "delegations": [d.to_json() for d in self.delegations],
            "regional_groups": self.regional_groups,
            "sentence": self.sentence,
            "passages": [p.to_json() for p in self.passages],
        }


def _visible(session: Any) -> tuple[set[int], set[int]]:
    """The delivered statements and the public contributions of the session (ids), read from
    the record itself (not from the passages' copy of it)."""
    statements = set(
        Statement.objects.filter(session=session, delivered_at__isnull=False).values_list(
            "pk", flat=True
        )
    )
    contributions = set(
        Contribution.objects.filter(session=session)
        .filter(Q(statement__isnull=True) | Q(statement__delivered_at__isnull=False))
        .values_list("pk", flat=True)
    )
    return statements, contributions


_FIELDS = (
    "pk",
    "session_id",
    "segment_id",
    "source",
    "source_id",
    "ordinal",
    "entity_id",
    "language",
    "text",
    "vector",
)


def scope_passages(session: Any, segment: Any = None) -> list[Passage]:
    """The public passages of statements and contributions of the scope that have a delegation,
    in the programme's order (segment, then source and place in it)."""
    qs = Passage.objects.filter(
        session=session,
        retired_gen__isnull=True,
        source__in=[Source.STATEMENT, Source.CONTRIBUTION],
        entity__isnull=False,
    )
    if segment is not None:
        qs = qs.filter(segment=segment)
    statements, contributions = _visible(session)
    rows = [
        p
        for p in qs.only(*_FIELDS).order_by(
            F("segment__start").asc(nulls_last=True), "-source", "source_id", "ordinal"
        )
        if p.source_id in (statements if p.source == Source.STATEMENT else contributions)
    ]
    # each delegation and segment read once, not once a passage
    entities = adapters.entity_model().objects.in_bulk({p.entity_id for p in rows})
    segments = {s.pk: s for s in adapters.segments_of(session)}
    for p in rows:
        p.session = session
        p.entity = entities[p.entity_id]
        p.segment = segments.get(p.segment_id) if p.segment_id else None
    return rows


def _decisions(contribution_ids: list[int]) -> dict[int, tuple[set[int], set[int]]]:
    out: dict[int, tuple[set[int], set[int]]] = {}
    links = ObjectiveLink.objects.filter(contribution_id__in=contribution_ids).exclude(
        status=ObjectiveLink.Status.SUGGESTED
    )
    for cid, number, status in links.values_list("contribution_id", "objective", "status"):
        confirmed, rejected = out.setdefault(cid, (set(), set()))
        (confirmed if status == ObjectiveLink.Status.CONFIRMED else rejected).add(number)
    return out


def regional_groups_phrase(groups: list[str]) -> str:
    if len(groups) == len(REGIONAL_GROUPS):
        return str(_("all five regional groups"))
    return str(
        ngettext(
            "%(count)d regional group (%(groups)s)",
            "%(count)d regional groups (%(groups)s)",
            len(groups),
        )
    ) % {"count": len(groups), "groups": _join([regional_group_label(g) for g in groups])}


def _join(items: list[str]) -> str:
    """The items as "A, B and C" in the reader's language (English as the UN writes it: with
    no serial comma)."""
    locale = translation.to_locale(translation.get_language() or "en")
    locale = "en_GB" if locale == "en" else locale
    try:
        return str(format_list(items, locale=locale))
    except (ValueError, LookupError):
        return str(format_list(items, locale="en"))


def sentence(objective: objectives.Objective, names: list[str], groups: list[str]) -> str:
    """The theme as a sentence of the summary, its delegations named."""
    values = {
        "n": len(names),
        "number": objective.number,
        "title": objective.title,
        "names": _join(names),
    }
    if not groups:
        template = ngettext(
            "%(n)d delegation spoke on objective %(number)d (%(title)s): %(names)s.",
            "%(n)d delegations spoke on objective %(number)d (%(title)s): %(names)s.",
            len(names),
        )
        return str(template) % values
    template = ngettext(
        "%(n)d delegation, from %(groups)s, spoke on objective %(number)d (%(title)s): %(names)s.",
        "%(n)d delegations, from %(groups)s, spoke on objective %(number)d (%(title)s): %(names)s.",
        len(names),
    )
    return str(template) % {**values, "groups": regional_groups_phrase(groups)}


@dataclass
class Drafting:
    """A scope's themes, and the passages counted in none (each with the objective it is
    closest to, `closest`): what the drafter reads beside the themes."""

    themes: list[Theme]
    unplaced: list[ThemePassage]
    closest: dict[int, objectives.Objective]  # passage id → its closest objective


def drafting_of(session: Any, segment: Any = None) -> Drafting:
    """The scope's themes, most delegations first, and what is in none."""
    passages = scope_passages(session, segment)
    if not passages:
        return Drafting([], [], {})
    decisions = _decisions([p.source_id for p in passages if p.source == Source.CONTRIBUTION])
    items = []
    for p in passages:
        confirmed, rejected = (
            decisions.get(p.source_id, (set(), set()))
            if p.source == Source.CONTRIBUTION
            else (set(), set())
        )
        items.append(
            themes.Item(
                key=p.pk,
                entity=adapters.entity_code(p.entity),
                vector=embed.from_bytes(p.vector),
                confirmed=frozenset(confirmed),
                rejected=frozenset(rejected),
            )
        )
    ref = reference()
    placements = themes.place(items, ref)
    by_code = {adapters.entity_code(p.entity): p.entity for p in passages}
    group_of = {code: adapters.regional_group_of(e) for code, e in by_code.items()}
    names = {code: adapters.entity_name(e) for code, e in by_code.items()}
    rows = {p.pk: p for p in passages}
    languages = language_names()
    labels = services.segment_labels(session)

    def shown(p: Passage, score: float, decided: bool) -> ThemePassage:
        code = adapters.entity_code(p.entity)
        return ThemePassage(
            p,
            code,
            names[code],
            score,
            decided,
            url_of(p),
            languages.get(p.language, p.language),
            labels.get(p.segment_id, "") if p.segment_id else "",
        )

    placed = {(pl.key, pl.objective): pl for pl in placements}
    out = []
    for g in themes.group(items, placements, group_of, REGIONAL_GROUPS):
        objective = objectives.objective(g.objective)
        if objective is None:
            continue
        delegations = [Delegation(c, names[c], group_of[c]) for c in g.entities]
        listed = [
            shown(rows[k], placed[(k, g.objective)].score, placed[(k, g.objective)].decided)
            for k in g.keys
        ]
        sentence_ = sentence(objective, [d.name for d in delegations], g.groups)
        out.append(Theme(objective, delegations, g.groups, listed, sentence_))
    keys = {pl.key for pl in placements}
    left = [i for i in items if i.key not in keys]
    unplaced: list[ThemePassage] = []
    closest: dict[int, objectives.Objective] = {}
    if left:
        scores = ref.scores(np.vstack([i.vector for i in left]))
        for item, row in zip(left, scores, strict=True):
            best = int(np.argmax(row))
            unplaced.append(shown(rows[item.key], float(row[best]), False))
            found = objectives.objective(ref.numbers[best])
            if found is not None:
                closest[item.key] = found
    return Drafting(out, unplaced, closest)


def themes_of(session: Any, segment: Any = None) -> list[Theme]:
    """The scope's themes, most delegations first."""
    return drafting_of(session, segment).themes


def language_names() -> dict[str, str]:
    return {code: str(name) for code, name in LANGUAGES}
