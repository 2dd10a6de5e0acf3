"""The knowledge base API's answers as schemas (see `podium.people.schemas`): the OpenAPI
document is generated from them and the API's tests check real answers against them."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ObjectiveMark(_Out):
    number: int = Field(ge=1, le=23)
    status: str = Field(description="suggested, confirmed or rejected (by the secretariat).")
    score: float = Field(description="The similarity when it was suggested.")


class SearchResult(_Out):
    passage: int = Field(description="The passage's id.")
    source: str = Field(description="statement, contribution or summary.")
    tag: str = Field(description="A contribution's type (good_practice…), a summary text's kind.")
    entity: str = Field(description="The delegation's code (a State's ISO 3166 alpha-3).")
    entity_name: str = Field(description="Its name in the reader's language.")
    regional_group: str
    speaker: str
    session: str = Field(description="The session's slug.")
    session_title: str
    segment: str = Field(description="The floor's segment key (panel-1, summary…), or empty.")
    segment_title: str
    language: str = Field(description="ar, zh, en, fr, ru, es or other.")
    text: str
    score: float = Field(description="The fused rank score (meaning and words): best first.")
    similarity: float = Field(description="The cosine similarity of passage and query.")
    matched: str = Field(description="meaning, words or both.")
    url: str = Field(description="The page the passage comes from.")
    objectives: list[ObjectiveMark] = Field(description="A contribution's objectives.")


class SearchResults(_Out):
    query: str
    count: int
    results: list[SearchResult]


class ObjectiveSource(_Out):
    symbol: str = Field(description="A/RES/73/195")
    title: str
    adopted: str = Field(json_schema_extra={"format": "date"})
    paragraph: int
    url: str


class Objective(_Out):
    number: int = Field(ge=1, le=23)
    title: str = Field(description="Its official English title.")
    paragraph: int = Field(description="The resolution's paragraph that sets it out.")
    description: str
    keywords: list[str]
    url: str = Field(description="Its page: what every session said about it.")
    source: str
    contributions: int | None = Field(
        default=None, description="Contributions linked to it (confirmed or suggested)."
    )


class ObjectiveList(_Out):
    source: ObjectiveSource
    objectives: list[Objective]


class ObjectiveContribution(_Out):
    contribution: int
    session: str
    segment: str
    entity: str
    entity_name: str
    speaker: str
    language: str
    tag: str
    text: str
    status: str = Field(description="suggested or confirmed.")
    score: float
    url: str


class ObjectiveContributions(_Out):
    objective: Objective
    count: int
    contributions: list[ObjectiveContribution]


# --- drafting help: GET /api/sessions/<slug>/themes ------------------------------------------


class ThemeObjective(_Out):
    number: int = Field(ge=1, le=23)
    title: str


class ThemeDelegation(_Out):
    entity: str = Field(description="The delegation's code (a State's ISO 3166 alpha-3).")
    entity_name: str = Field(description="Its name in the reader's language.")
    regional_group: str = Field(description="AFRICAN, APG, EEG, GRULAC, WEOG, or empty.")


class ThemePassage(_Out):
    passage: int = Field(description="The passage's id.")
    source: str = Field(description="statement or contribution.")
    entity: str
    entity_name: str
    language: str = Field(description="ar, zh, en, fr, ru, es or other.")
    segment: str = Field(description="The floor's segment key (panel-1…), or empty.")
    text: str
    url: str = Field(description="The statement's page, or the contribution on its page.")
    score: float = Field(
        description="How far its similarity to the objective stands above empty talk's."
    )
    confirmed: bool = Field(
        description="Counted because the secretariat confirmed this objective for it."
    )


class Theme(_Out):
    """One objective of the compact, the delegations that spoke on it and the passages behind
    them: every number of the sentence is counted from these passages."""

    objective: ThemeObjective
    delegations: list[ThemeDelegation] = Field(description="Distinct, in the order they spoke.")
    regional_groups: list[str] = Field(description="The delegations' regional groups' codes.")
    sentence: str = Field(
        description="The theme as a sentence of the summary, in the reader's language."
    )
    passages: list[ThemePassage]


class ThemeList(_Out):
    session: str = Field(description="The session's slug.")
    segment: str = Field(description="The segment's key, or empty for the whole session.")
    themes: list[Theme] = Field(description="Most delegations first.")
    unplaced: int = Field(
        description="The scope's passages counted in no theme (about no one objective clearly)."
    )
