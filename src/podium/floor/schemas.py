"""The floor API's bodies as schemas (see `podium.people.schemas`). A command's schema is the
core's own (`podium.core.commands.command_schema`, which parses every command); the views a
screen gets are described here by their fields (docs/floor.md says what each means). Their
nested objects are left open: the floor adds fields to them without breaking a client."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

_INSTANT = {"format": "date-time"}


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class SpeakerTimer(_Open):
    started_at: str | None = Field(None, json_schema_extra=_INSTANT)
    limit_s: int | None = None
    paused_total_s: float | None = None
    paused_at: str | None = None
    stopped_at: str | None = None
    warning_s: int | None = None


class CurrentSpeaker(_Open):
    """Who has the floor: named in the room and on the webcast."""

    speaker: str | None = None
    entity: str | None = None
    entity_name: str | None = None
    flag: str | None = Field(
        None,
        description="A State's ISO 3166-1 alpha-2 code in lower case (its flag is "
        "/static/flags/<flag>.svg); empty for other entities",
    )
    on_behalf_of: str | None = None
    role: str | None = None
    called_at: str | None = Field(None, json_schema_extra=_INSTANT)
    timer: SpeakerTimer | None = None


class WaitingRequest(_Open):
    """A request to speak in a line (the room is shown only the delegation, not the person)."""

    request_id: str | None = None
    entity: str | None = None
    entity_name: str | None = None
    line: str | None = None
    on_behalf_of: str | None = None
    speaker: str | None = None
    place: int | None = None
    wait_s: float | None = None


class FloorView(_Open):
    """The floor as one audience sees it (`view`: room, public, delegate, console), or, without
    `view`, the whole snapshot. `version` grows with every change; `server_time` is the clock
    screens count down against."""

    version: int = Field(ge=0)
    server_time: str = Field(json_schema_extra=_INSTANT)
    view: str | None = None
    session: dict[str, Any] | None = None
    segment: dict[str, Any] | None = None
    round: str | None = None
    round_lines: list[str] | None = None
    current: CurrentSpeaker | None = None
    lines: dict[str, list[WaitingRequest]] | None = None
    suggested: WaitingRequest | None = None
    next: list[WaitingRequest] | None = None
    forecast: dict[str, Any] | None = None
    closed_segments: list[str] | None = None
    notes: list[dict[str, Any]] | None = Field(None, description="For those who chair only.")
    waits: dict[str, list[int | None]] | None = Field(None, description="Console: minutes.")
    waiting: dict[str, int] | None = Field(None, description="Phones: how many in each line.")
    pace_s: float | None = None
    mine: dict[str, Any] | None = Field(
        None, description="Phones: each of the signed-in delegations' own request, or null."
    )
