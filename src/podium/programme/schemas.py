"""The programme API's bodies as schemas (see `podium.people.schemas`): the sessions list and
a session's programme in the session-file format (`podium-session/1`, docs/programme.md)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Minutes = Annotated[
    int | str, Field(description="Minutes: a number, or a range such as 5-7 (min-max).")
]
Span = Annotated[str, Field(pattern=r"^\d\d:\d\d-\d\d:\d\d$", description="HH:MM-HH:MM")]


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SessionSummary(_Out):
    slug: str
    title: str
    series: str
    venue: str
    city: str
    time_zone: str = Field(description="The venue's IANA time zone (America/New_York).")
    start_date: str = Field(json_schema_extra={"format": "date"})
    end_date: str = Field(json_schema_extra={"format": "date"})
    url: str = Field(description="This session's programme in the API.")
    page: str = Field(description="Its page for people.")


class SessionList(_Out):
    sessions: list[SessionSummary]


class ProgrammePerson(_Out):
    name: str
    entity: str | None = Field(None, description="The entity's code.")
    gender: str | None = None
    title: str | None = None
    role: str | None = Field(None, description="A segment's speaker: their part in it.")


class ProgrammeFloor(_Out):
    intervention: Minutes
    pre_inscribed_list: bool
    rounds: list[str] = Field(description="The lines in their order: member-states, panelists…")


class ProgrammePanel(_Out):
    number: int
    title: str
    description: str | None = None
    moderator: ProgrammePerson | None = Field(None, description="One moderator…")
    moderators: list[ProgrammePerson] | None = Field(None, description="…or several.")
    experts: list[ProgrammePerson]
    limits: dict[str, Minutes] | None = None
    floor: ProgrammeFloor | None = None


class ProgrammeSummaryPanel(_Out):
    number: int | None = Field(None, description="Given when there are several (summary_panels).")
    title: str
    description: str | None = None
    moderators: list[ProgrammePerson] | None = None
    thematic_expert: ProgrammePerson
    limits: dict[str, Minutes] | None = None
    floor: ProgrammeFloor | None = None


class ProgrammeSegment(_Out):
    time: Span
    kind: str
    panel: int | None = None
    title: str | None = None
    description: str | None = None
    side_events: bool | None = None
    speakers: list[ProgrammePerson] | None = None
    starts_at: str = Field(json_schema_extra={"format": "date-time"})
    ends_at: str = Field(json_schema_extra={"format": "date-time"})


class ProgrammeDay(_Out):
    date: str = Field(json_schema_extra={"format": "date"})
    blocks: list[Span]
    side_event_windows: list[Span] | None = None
    segments: list[ProgrammeSegment]


class MinutesRange(_Out):
    min: int
    max: int


class BudgetItem(_Out):
    """One segment's time budget in minutes (docs/programme.md)."""

    date: str = Field(json_schema_extra={"format": "date"})
    start: str
    end: str
    kind: str
    title: str
    panel: int | None
    length: int
    fixed: MinutesRange | None
    floor: MinutesRange | None
    intervention: MinutesRange | None
    interventions: MinutesRange | None


class ProgrammeFormat(_Out):
    version: Literal["podium-session/1"]
    moderators_may_be: list[str] = Field(
        description="member_state (the default, A/RES/71/280), co_chair, un_entity, igo"
    )


class Programme(_Out):
    """A session's programme in the session-file format, plus what readers need: `format`,
    each segment's `starts_at`/`ends_at` and the `budget` (both ignored on import)."""

    format: Literal["podium-session/1"] | ProgrammeFormat
    slug: str
    title: str
    theme: str | None = None
    series: str | None = None
    venue: str | None = None
    city: str | None = None
    time_zone: str
    co_chairs: list[ProgrammePerson]
    limits: dict[str, Minutes] | None = None
    floor: ProgrammeFloor
    day_hours: Span | None = None
    panels: list[ProgrammePanel]
    summary_panel: ProgrammeSummaryPanel | None = None
    summary_panels: list[ProgrammeSummaryPanel] | None = Field(
        None, description="Several summary panels, numbered (instead of summary_panel)."
    )
    days: list[ProgrammeDay]
    budget: list[BudgetItem]
