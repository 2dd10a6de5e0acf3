"""The record of a session, built from the floor's log and the people's data, and its outputs.

Views, exports and commands call these; nothing here renders HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from babel.lists import format_list
from django.conf import settings
from django.dispatch import receiver
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from podium.core.entities import LANGUAGES
from podium.core.record import Intervention, NotHeard, Record
from podium.core.statistics import PlannedSegment, Table, all_tables
from podium.floor.signals import floor_changed
from podium.programme.models import Session
from podium.record import adapters
from podium.record.documents import PanelContent, SummaryContent, paragraphs
from podium.record.labels import role_label, shown
from podium.record.models import Contribution, Statement, Summary, Writing
from podium.record.uploads import MAX_STATEMENT_BYTES

# --- the record -------------------------------------------------------------------------------


def record_of(session: Any) -> Record:
    """The session's record, derived from its floor log and enriched with people's data."""
    record = adapters.record_from_floor(session)
    return enrich(record, session)


def enrich(record: Record, session: Any = None) -> Record:
    """Fill each intervention's entity name, regional group and speaker's gender from people."""
    codes = {i.entity for i in record.interventions} | {n.entity for n in record.not_heard}
    people = adapters.entity_info(codes - {""})
    genders = adapters.speaker_genders(record, session)
    interventions = tuple(
        Intervention(
            **{
                **i.__dict__,
                "entity_name": _name(i.entity_name, i.entity, people),
                "regional_group": i.regional_group
                or people.get(i.entity, {}).get("regional_group", ""),
                "gender": i.gender or genders.get(i.number, ""),
            }
        )
        for i in record.interventions
    )
    not_heard = tuple(
        NotHeard(
            **{
                **n.__dict__,
                "entity_name": _name(n.entity_name, n.entity, people),
                "regional_group": n.regional_group
                or people.get(n.entity, {}).get("regional_group", ""),
            }
        )
        for n in record.not_heard
    )
    return Record(interventions=interventions, not_heard=not_heard, segments=record.segments)


def _name(given: str, code: str, people: dict[str, dict[str, str]]) -> str:
    """The entity's name as the log gives it, unless the log only repeated its code."""
    if given and given.upper() != code.upper():
        return given
    return people.get(code, {}).get("name", given or code)


def planned_segments(session: Any) -> list[PlannedSegment]:
    return adapters.planned_segments(session)


def table_titles() -> dict[str, str]:
    """The statistics tables' titles in the reader's language (the core names them in English)."""
    return {
        "totals": _("Totals"),
        "by-category": _("Interventions by category"),
        "by-role": _("Planned speakers by role"),
        "by-regional-group": _("Interventions of States by regional group"),
        "by-gender": _("Interventions by gender of speaker"),
        "by-panel": _("Interventions by panel and segment"),
        "gender-by-panel": _("Gender of speakers by panel and segment"),
        "overtime": _("Overtime"),
        "not-heard": _("Requests not heard"),
        "planned-vs-actual": _("Planned and actual time per segment"),
    }


def translated(tables: list[Table]) -> list[Table]:
    """The tables with their titles and entities' names (`entity_name`, beside the `entity`'s
    code) in the reader's language; codes and other identifiers stay as they are."""
    titles = table_titles()
    out = []
    for t in tables:
        t = replace(t, title=titles.get(t.key, t.title))
        if "entity_name" in t.columns and "entity" in t.columns:
            at, code = t.columns.index("entity_name"), t.columns.index("entity")
            t = replace(
                t,
                rows=tuple(
                    row[:at]
                    + (adapters.name_in_reader_language(str(row[code] or ""), str(row[at] or "")),)
                    + row[at + 1 :]
                    for row in t.rows
                ),
            )
        out.append(t)
    return out


def statistics_of(session: Any) -> list[Table]:
    planned = planned_segments(session)
    return translated(all_tables(record_of(session), planned, {p.key: p.title for p in planned}))


# --- statements: delivered means public ----------------------------------------------------------


def sync_delivered(session: Any, record: Record) -> int:
    """Mark statements delivered once their delegation has spoken (in their segment, if given) or
    its request closed unheard (UN practice: the statement is still published). Returns how many
    statements became public."""
    pending = list(
        Statement.objects.filter(session=session, delivered_at__isnull=True).select_related(
            "entity", "segment"
        )
    )
    if not pending:
        return 0
    seg_key = adapters.segment_key_of_row
    spoken: dict[tuple[str, str], Any] = {}
    for i in record.interventions:
        spoken.setdefault((i.entity, i.segment), i.end)
        spoken.setdefault((i.entity, ""), i.end)
    for n in record.not_heard:
        when = n.closed_at or n.requested_at
        spoken.setdefault((n.entity, n.segment), when)
        spoken.setdefault((n.entity, ""), when)
    changed = 0
    for st in pending:
        code = adapters.entity_code(st.entity)
        key = (code, seg_key(st.segment) if st.segment else "")
        when = spoken.get(key)
        if when is not None:
            st.delivered_at = when
            st.save(update_fields=["delivered_at"])
            changed += 1
    return changed


# A statement becomes public when the floor hears its delegation (or closes its request unheard):
# decided when the floor changes, never by whoever next opens a page.
_HEARD_EVENTS = frozenset({"speaker_finished", "discussion_closed", "segment_closed"})


@receiver(floor_changed, dispatch_uid="podium.record.statements_delivered")
def _on_floor_changed(session: Any, events: list[Any], **kwargs: Any) -> None:
    if any(e.type in _HEARD_EVENTS for e in events):
        sync_delivered(session, record_of(session))


def public_statements(session: Any) -> list[Statement]:
    return list(
        Statement.objects.filter(session=session, delivered_at__isnull=False).select_related(
            "entity", "segment"
        )
    )


# --- archive ---------------------------------------------------------------------------------


@dataclass
class SegmentView:
    key: str
    title: str
    when: str = ""
    kind: str = ""
    moderator: str = ""
    experts: list[str] = field(default_factory=list)
    speakers: list[Intervention] = field(default_factory=list)
    not_heard: list[NotHeard] = field(default_factory=list)
    is_speaking: bool = True
    planned: list[str] = field(default_factory=list)  # the programme's speakers of the segment

    @property
    def speaker_lines(self) -> list[tuple[Intervention, str]]:
        """Everyone who spoke, in order, each with how the record names them."""
        return [(i, speaker_line(i)) for i in self.speakers]

    @property
    def not_heard_names(self) -> list[str]:
        """The delegations not heard, named in the reader's language."""
        return [adapters.name_in_reader_language(n.entity, n.entity_name) for n in self.not_heard]


def speakers_by_segment(session: Any, record: Record) -> list[SegmentView]:
    """The programme's segments in order, each with its speakers in the order heard."""
    out: list[SegmentView] = []
    seen: set[str] = set()
    for seg in adapters.segments_of(session):
        key = adapters.segment_key_of_row(seg)
        seen.add(key)
        out.append(
            SegmentView(
                key=key,
                title=adapters.segment_title(seg),
                when=adapters.segment_when(seg),
                kind=adapters.segment_kind(seg),
                moderator=adapters.segment_moderator(seg),
                experts=adapters.segment_experts(seg),
                speakers=record.speakers_of(key),
                not_heard=[n for n in record.not_heard if n.segment == key],
                is_speaking=adapters.segment_kind(seg) not in adapters.NON_SPEAKING_KINDS,
                planned=adapters.segment_speakers(seg),
            )
        )
    for key in record.segment_keys():  # segments the log names but the programme no longer has
        if key not in seen:
            out.append(
                SegmentView(
                    key=key,
                    title=key,
                    speakers=record.speakers_of(key),
                    not_heard=[n for n in record.not_heard if n.segment == key],
                )
            )
    return out


# --- the co-facilitators' summary ------------------------------------------------------------------


def _text(w: Writing | None, draft: bool) -> str:
    if w is None:
        return ""
    return (w.draft if draft else w.published) or ""


def summary_content(session: Any, draft: bool = False) -> SummaryContent:
    """The summary's content: the published snapshot, or (draft=True, or nothing published) the
    live draft built from the writings' drafts, the contributions and the record."""
    if not draft:
        s = Summary.objects.filter(session=session).first()
        if s is not None and s.published_content:
            return content_from_json(_in_reader_language(s.published_content))
    return build_summary(session, use_drafts=True)


def _in_reader_language(published: dict[str, Any]) -> dict[str, Any]:
    """The published summary in the reader's language: publishing freezes it in each of the six
    (`{"languages": {lang: content}}`); a summary frozen before that is one content, as is."""
    by_language = published.get("languages")
    if not isinstance(by_language, dict) or not by_language:
        return published
    found = by_language.get(adapters.reader_language()) or by_language.get("en")
    return found if found is not None else next(iter(by_language.values()))


def build_summary(session: Any, use_drafts: bool = True) -> SummaryContent:
    record = record_of(session)
    writings = {(w.kind, w.segment_id): w for w in Writing.objects.filter(session=session)}
    contributions = list(
        Contribution.objects.filter(session=session)
        .exclude(statement__isnull=False, statement__delivered_at__isnull=True)
        .select_related("entity")
    )

    def texts(kind: str, seg: Any = None) -> list[str]:
        return paragraphs(_text(writings.get((kind, getattr(seg, "pk", None))), use_drafts))

    def heard(seg_pk: Any, kind: str) -> list[str]:
        out = []
        for c in contributions:
            if c.kind == kind and c.segment_id == seg_pk:
                who = adapters.entity_name(c.entity)
                out.append(f"{c.text} ({who})" if who else c.text)
        return out

    def panel(seg: Any, view: SegmentView) -> PanelContent:
        recs = texts(Writing.Kind.RECOMMENDATIONS, seg) + heard(seg.pk, "recommendation")
        return PanelContent(
            title=view.title,
            moderator=view.moderator,
            experts=view.experts,
            key_messages=texts(Writing.Kind.PANEL_SUMMARY, seg),
            recommendations=recs,
            good_practices=heard(seg.pk, "good_practice"),
            commitments=heard(seg.pk, "commitment"),
            speakers=[speaker_line(i) for i in view.speakers if i.from_floor],
            not_heard=[
                adapters.name_in_reader_language(n.entity, n.entity_name) for n in view.not_heard
            ],
        )

    views = {v.key: v for v in speakers_by_segment(session, record)}
    panels: list[PanelContent] = []
    summary_panels: list[PanelContent] = []
    for seg in adapters.segments_of(session):
        kind = adapters.segment_kind(seg)
        view = views[adapters.segment_key_of_row(seg)]
        if kind in adapters.PANEL_KINDS:
            panels.append(panel(seg, view))
        elif kind in adapters.SUMMARY_PANEL_KINDS:
            summary_panels.append(panel(seg, view))
    planned = planned_segments(session)
    tables = shown(
        translated(all_tables(record, planned, {p.key: p.title for p in planned})),
        session.time_zone,
    )
    intro = texts(Writing.Kind.INTRODUCTION) or [
        _(
            "This summary of the informal thematic session “%(title)s” was prepared by the "
            "co-facilitators under their own responsibility."
        )
        % {"title": session.title}
    ]
    return SummaryContent(
        title=_("Co-facilitators' summary: %(title)s") % {"title": session.title},
        subtitle=adapters.session_subtitle(session),
        introduction=intro,
        panels=panels,
        summary_panels=summary_panels,
        thematic_overview=texts(Writing.Kind.THEMATIC_OVERVIEW),
        conclusions=texts(Writing.Kind.CONCLUSIONS),
        tables=tables,
        status="draft",
    )


def speaker_line(i: Intervention) -> str:
    """ "Ana Torres (Mexico) — on behalf of G77" for a delegation from the floor; "Dr A. Expert
    (Expert, Bangladesh)" for a planned speaker, who speaks in their role (the State they come
    from is not the one speaking)."""
    if not i.from_floor:
        represents = adapters.name_in_reader_language(i.represents, i.represents_name)
        about = ", ".join(p for p in (role_label(i.role), represents) if p)
        return f"{i.speaker or _('name to be confirmed')} ({about})"
    # the delegation's name in the reader's language (the log holds it as it was, in English)
    name = adapters.name_in_reader_language(i.entity, i.entity_name) if i.entity_name else ""
    # a request names no person: its speaker is the delegation's recorded name
    speaker = "" if i.speaker and i.speaker in (i.entity_name, i.entity) else i.speaker
    line = speaker or name or i.entity
    if name and name != line:
        line += f" ({name})"
    if i.on_behalf_of:
        group = adapters.name_in_reader_language(i.on_behalf_of)
        line += " — " + _("on behalf of %(group)s") % {"group": group}
    return line


def content_to_json(c: SummaryContent) -> dict[str, Any]:
    def panel(p: PanelContent | None) -> dict[str, Any] | None:
        return None if p is None else dict(p.__dict__)

    return {
        "title": c.title,
        "subtitle": c.subtitle,
        "introduction": c.introduction,
        "panels": [panel(p) for p in c.panels],
        "summary_panels": [panel(p) for p in c.summary_panels],
        "thematic_overview": c.thematic_overview,
        "conclusions": c.conclusions,
        "tables": [
            {
                "key": t.key,
                "title": t.title,
                "columns": list(t.columns),
                "rows": [list(r) for r in t.rows],
                "chart": t.chart,
            }
            for t in c.tables
        ],
        "status": c.status,
    }


def content_from_json(d: dict[str, Any]) -> SummaryContent:
    return SummaryContent(
        title=d["title"],
        subtitle=d.get("subtitle", ""),
        introduction=d.get("introduction", []),
        panels=[PanelContent(**p) for p in d.get("panels", [])],
        summary_panels=[PanelContent(**p) for p in d.get("summary_panels") or []]
        # a summary published before there could be several: its one summary panel
        or ([PanelContent(**d["summary_panel"])] if d.get("summary_panel") else []),
        thematic_overview=d.get("thematic_overview", []),
        conclusions=d.get("conclusions", []),
        tables=[
            Table(
                t["key"],
                t["title"],
                tuple(t["columns"]),
                tuple(tuple(r) for r in t["rows"]),
                t.get("chart"),
            )
            for t in d.get("tables", [])
        ],
        status=d.get("status", "published"),
    )


def publish_summary(session: Any, user: Any = None) -> Summary:
    """Publish every writing's draft and freeze the summary as it now reads."""
    for w in Writing.objects.filter(session=session):
        if w.draft != w.published or w.published_at is None:
            w.publish()
            w.save()
    # frozen in each of the six languages: its headings, the entities' names, the dates
    frozen = {}
    for language in LANGUAGES:
        with translation.override(language):
            content = build_summary(session, use_drafts=False)
            content.status = "published"
            frozen[language] = content_to_json(content)
    s, _created = Summary.objects.get_or_create(session=session)
    s.published_content = {"languages": frozen}
    s.published_at = timezone.now()
    s.published_by = user if getattr(user, "is_authenticated", False) else None
    s.save()
    return s


def summary_gaps(session: Any) -> list[str]:
    """What publishing the summary now would leave empty, in words: the panels whose key
    messages (the moderator's summary) have no text yet ("Panels 2 and 3 have no key messages
    yet."); an empty list when every panel has some."""
    written = {
        w.segment_id
        for w in Writing.objects.filter(session=session, kind=Writing.Kind.PANEL_SUMMARY)
        if w.draft.strip()
    }
    numbers: list[str] = []
    summary_panel = False
    for seg in adapters.segments_of(session):
        kind = adapters.segment_kind(seg)
        if seg.pk in written:
            continue
        if kind in adapters.PANEL_KINDS:
            numbers.append(str(adapters.panel_number(seg) or adapters.segment_title(seg)))
        elif kind in adapters.SUMMARY_PANEL_KINDS:
            summary_panel = True
    gaps = []
    if numbers:
        locale = translation.to_locale(translation.get_language() or "en")
        gaps.append(
            ngettext(
                "Panel %(numbers)s has no key messages yet.",
                "Panels %(numbers)s have no key messages yet.",
                len(numbers),
            )
            % {"numbers": format_list(numbers, locale=locale)}
        )
    if summary_panel:
        gaps.append(_("The summary panel has no key messages yet."))
    return gaps


def summary_state(session: Any) -> dict[str, Any]:
    s = Summary.objects.filter(session=session).first()
    published = s is not None and s.published_content is not None
    return {"published": published, "published_at": s.published_at if s else None}


def writing_slots(session: Any) -> list[dict[str, Any]]:
    """The texts the summary draws on, with where to edit each."""
    have = {(w.kind, w.segment_id): w for w in Writing.objects.filter(session=session)}
    slots: list[tuple[str, Any, str]] = [(Writing.Kind.INTRODUCTION, None, _("Introduction"))]
    for seg in adapters.segments_of(session):
        kind = adapters.segment_kind(seg)
        if kind in adapters.PANEL_KINDS or kind in adapters.SUMMARY_PANEL_KINDS:
            title = adapters.segment_title(seg)
            slots.append((Writing.Kind.PANEL_SUMMARY, seg, _("Moderator's summary: %s") % title))
            slots.append((Writing.Kind.RECOMMENDATIONS, seg, _("Key recommendations: %s") % title))
    slots.append((Writing.Kind.THEMATIC_OVERVIEW, None, _("Thematic expert's overview")))
    slots.append((Writing.Kind.CONCLUSIONS, None, _("Co-facilitators' main conclusions")))
    out = []
    for kind, seg, label in slots:
        w = have.get((kind, getattr(seg, "pk", None)))
        if seg is None:
            url = reverse("record:writing", args=[session.slug, kind])
        else:
            url = reverse("record:writing_segment", args=[session.slug, kind, seg.pk])
        out.append(
            {
                "label": label,
                "url": url,
                "draft": bool(w and w.draft),
                "published": bool(w and w.published_at),
            }
        )
    return out


# --- permissions -------------------------------------------------------------------------------


def _user(request: HttpRequest) -> Any:
    return adapters.request_user(request)


def is_secretariat(request: HttpRequest, session: Any) -> bool:
    user = _user(request)
    return bool(user and user.is_authenticated and adapters.is_secretariat(user, session))


def upload_entities(request: HttpRequest, session: Any) -> list[Any]:
    """The delegations this user may upload statements for (all, for the secretariat)."""
    user = _user(request)
    if not user or not user.is_authenticated:
        return []
    if adapters.is_secretariat(user, session):
        return adapters.all_speaking_entities()
    return list(adapters.delegations_of(user, session))


def may_see_statement(request: HttpRequest, session: Any, st: Statement) -> bool:
    """The secretariat and the delegation that made it (`people.permissions.can_act_for`)."""
    return adapters.can_act_for(_user(request), session, st.entity)


def may_read_statement(request: HttpRequest, session: Any, st: Statement) -> bool:
    """Everyone once it is public (delivered, or not heard at the close); before, as above."""
    return st.is_public or may_see_statement(request, session, st)


def may_tag(request: HttpRequest, session: Any, st: Statement | None) -> bool:
    """The secretariat tags anything; a delegation tags passages of its own statements."""
    if st is None:
        return is_secretariat(request, session)
    return may_see_statement(request, session, st)


def may_write(request: HttpRequest, session: Any, kind: str, segment: Any) -> bool:
    user = _user(request)
    if not user or not user.is_authenticated:
        return False
    if adapters.is_secretariat(user, session):
        return True
    roles = adapters.roles_of(user, session)
    if kind in (Writing.Kind.PANEL_SUMMARY, Writing.Kind.RECOMMENDATIONS):
        return segment is not None and adapters.is_moderator_of(user, session, segment, roles)
    if kind == Writing.Kind.THEMATIC_OVERVIEW:
        return "thematic_expert" in roles
    return "co_chair" in roles


def may_publish_summary(request: HttpRequest, session: Any) -> bool:
    """Those who chair the summary panel: the secretariat and the co-chairs."""
    return adapters.can_chair(_user(request), session, None)


# --- small helpers for views --------------------------------------------------------------------


def max_upload_bytes() -> int:
    return int(getattr(settings, "PODIUM_MAX_STATEMENT_BYTES", MAX_STATEMENT_BYTES))


def max_upload_mb() -> str:
    return f"{max_upload_bytes() / 1048576:.0f}"


def login_url() -> str:
    return reverse(settings.LOGIN_URL)


def speaking_segments(session: Any) -> list[Any]:
    return [
        s
        for s in adapters.segments_of(session)
        if adapters.segment_kind(s) not in adapters.NON_SPEAKING_KINDS
    ]


def segment_labels(session: Any) -> dict[int, str]:
    """Each segment's name in pickers and lists: "Day 1 · Panel 1: …", by id."""
    return adapters.segment_labels(session)


def segment_choices(session: Any) -> list[tuple[int, str]]:
    """The segments where someone speaks, for a picker: (id, "Day 1 · Panel 1: …")."""
    labels = segment_labels(session)
    return [(s.pk, labels[s.pk]) for s in speaking_segments(session)]


def segment_by_id(session: Any, pk: Any) -> Any:
    if pk in (None, ""):
        return None
    try:
        n = int(pk)
    except (TypeError, ValueError):
        return None
    return next((s for s in adapters.segments_of(session) if s.pk == n), None)


def intervention_by_number(session: Any, number: int) -> Intervention | None:
    return next((i for i in record_of(session).interventions if i.number == number), None)


def segment_by_key(session: Any, key: str) -> Any:
    return next(
        (s for s in adapters.segments_of(session) if adapters.segment_key_of_row(s) == key), None
    )


def entity_by_code(code: str) -> Any:
    if not code:
        return None
    return adapters.entity_model().by_code(code)


on_behalf = adapters.behalf_of
groups_of = adapters.groups_of


def entity_by_id(pk: Any) -> Any:
    if pk in (None, ""):
        return None
    try:
        return adapters.entity_model().objects.filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        return None


def all_sessions() -> list[Any]:
    return list(Session.objects.all())


def regional_groups() -> list[tuple[str, str]]:
    return adapters.regional_group_choices()
