"""The side events API's body as a schema (see `podium.people.schemas`)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SideEventOrganization(_Out):
    code: str
    name: str
    kind: str


class SideEventTheme(_Out):
    key: str
    label: str


class SideEventRoom(_Out):
    name: str
    building: str
    capacity: int


class SideEventSpeaker(_Out):
    name: str
    affiliation: str


class SideEventParity(_Out):
    women: int
    men: int
    other: int
    undeclared: int
    balanced: bool


class SideEvent(_Out):
    id: int
    title: str
    description: str
    organizer: SideEventOrganization
    cosponsors: list[SideEventOrganization]
    themes: list[SideEventTheme] = Field(description="The panels' themes it relates to.")
    start: str = Field(json_schema_extra={"format": "date-time"})
    end: str = Field(json_schema_extra={"format": "date-time"})
    room: SideEventRoom | None
    interpretation: list[str] = Field(description="Languages interpretation is needed in.")
    webcast: bool
    speakers: list[SideEventSpeaker]
    parity: SideEventParity
    url: str


class SideEventList(_Out):
    """The approved side events, in the venue's time zone."""

    session: str
    time_zone: str
    side_events: list[SideEvent]
