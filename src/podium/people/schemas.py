"""The people API's bodies as schemas: what the OpenAPI document (`/api/openapi.json`) says
`/api/me/` and `/api/entities/` answer. The views build the JSON; these describe it, and the
Schemathesis run checks every answer against them."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from podium.people.models import AccreditationStatus, EntityKind

EntityKindName = Annotated[str, Field(json_schema_extra={"enum": list(EntityKind.values)})]
Accreditation = Annotated[
    str,
    Field(json_schema_extra={"enum": [v for v in AccreditationStatus.values if v]}),
]


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Names(_Out):
    """An entity's name in the six official languages of the United Nations (UNTERM short names
    for States; an organization without a recorded translation keeps its English name)."""

    ar: str
    zh_hans: str = Field(alias="zh-hans")
    en: str
    fr: str
    ru: str
    es: str

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class EntityRef(_Out):
    code: str
    name: str
    kind: EntityKindName


class Entity(_Out):
    """A State, observer, UN entity, stakeholder or group of States."""

    code: str = Field(description="ISO 3166 alpha-3 for States (MEX), a short code otherwise.")
    name: str = Field(
        description="In the language asked for (`lang`, else `Accept-Language`; English "
        "otherwise): the UN's short name for a State."
    )
    names: Names = Field(description="The name in each of the six official languages.")
    kind: EntityKindName
    iso2: str | None
    iso3: str | None
    numeric: str | None = Field(description="ISO 3166 numeric code, as text (e.g. 484).")
    regional_groups: list[str] = Field(description="UN regional groups (GRULAC, WEOG…).")
    election_group: str | None = Field(description="The group it is counted in for elections.")
    observes: list[str]
    accreditation: Accreditation | None = Field(
        description="A stakeholder's accreditation now; null for every other kind."
    )
    members: list[str] | None = Field(None, description="A group's members' codes.")
    category: str | None = Field(None, description="A stakeholder's category.")
    ecosoc_status: str | None = Field(None, description="general, special or roster.")


class EntityList(_Out):
    count: int
    entities: list[Entity]


class MySession(_Out):
    roles: list[str]
    panels: list[int]
    delegations: list[EntityRef]


class Me(_Out):
    """The signed-in account (cookie or bearer token) and its roles per session."""

    username: str
    superuser: bool
    sessions: dict[str, MySession]
