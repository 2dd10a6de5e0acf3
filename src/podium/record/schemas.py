"""The record API's body as a schema (see `podium.people.schemas`): every intervention, every
request not heard and each segment's time, as `podium.core.record.record_json` writes them."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

_INSTANT = {"format": "date-time"}


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Intervention(_Out):
    number: int = Field(description="Its place in the record, from 1.")
    segment: str = Field(description="The segment's id (panel-1, opening…).")
    role: str = Field(description="moderator, expert, floor…: the slot or the floor.")
    category: str = Field(description="member_state, observer, stakeholder, panelist…")
    speaker: str
    entity: str
    entity_name: str
    represents: str
    represents_name: str
    on_behalf_of: str = Field(description="The group of States spoken for, if any.")
    round: str
    start: str = Field(json_schema_extra=_INSTANT)
    end: str = Field(json_schema_extra=_INSTANT)
    speaking_s: float
    paused_s: float
    limit_s: int
    granted_s: int
    extended_s: int
    overtime_s: float
    overtime_granted_s: float
    departed_from_suggested_order: bool
    request_id: str
    regional_group: str


class NotHeard(_Out):
    """A request to speak still waiting when its segment closed."""

    entity: str
    entity_name: str
    category: str
    segment: str
    round: str
    on_behalf_of: str
    request_id: str
    requested_at: str = Field(json_schema_extra=_INSTANT)
    closed_at: str = Field(json_schema_extra=_INSTANT)


class SegmentTime(_Out):
    segment: str
    opened_at: str | None = Field(json_schema_extra=_INSTANT)
    closed_at: str | None = Field(json_schema_extra=_INSTANT)
    actual_s: float | None


class Record(_Out):
    """The session's record, derived from the floor's event log (one fold)."""

    session: str
    interventions: list[Intervention]
    not_heard: list[NotHeard]
    segments: list[SegmentTime]


class SeriesSession(_Out):
    """One session of the series, with its interventions from the floor."""

    slug: str
    title: str
    city: str
    start_date: str = Field(json_schema_extra={"format": "date"})
    end_date: str = Field(json_schema_extra={"format": "date"})
    interventions: int = Field(description="Interventions from the floor.")
    speaking_time_s: float
    delegations: int = Field(description="Delegations heard from the floor.")


_BY_SESSION = Field(description="Interventions per session, by the session's slug (0 included).")


class SeriesDelegation(_Out):
    entity: str = Field(description="The delegation's code (ISO alpha-3 for States).")
    name: str
    category: str = Field(description="member_state, observer_state, igo, un_entity…")
    regional_group: str = Field(description="A State's UN regional group; empty otherwise.")
    interventions: int
    by_session: dict[str, int] = _BY_SESSION
    speaking_time_s: float


class SeriesRegionalGroup(_Out):
    regional_group: str = Field(description="AFRICAN, APG, EEG, GRULAC, WEOG or none.")
    name: str
    interventions: int
    by_session: dict[str, int] = _BY_SESSION
    speaking_time_s: float


class SeriesCategory(_Out):
    category: str = Field(description="member_state, observer_state, group, igo, un_entity…")
    name: str
    interventions: int
    by_session: dict[str, int] = _BY_SESSION
    speaking_time_s: float


class SeriesStatistics(_Out):
    """Interventions from the floor across a series' sessions, added up from each session's
    record: by delegation, by regional group (States) and by category."""

    series: str = Field(description="The series' name.")
    slug: str
    sessions: list[SeriesSession]
    delegations: list[SeriesDelegation]
    regional_groups: list[SeriesRegionalGroup]
    categories: list[SeriesCategory]
