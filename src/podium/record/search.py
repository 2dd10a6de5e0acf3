"""Search across the sessions of a series: statements and contributions, with filters.

Portable by design (SQLite and PostgreSQL alike): every row stores a folded copy of its text
(`models.fold`: case-folded, accents removed) and a query matches when every folded term is
contained in it. Good enough for the tens of thousands of passages of a preparatory process,
and with no engine-specific index to keep in step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from podium.record.adapters import entity_code_field, regional_group_lookup, series_lookup
from podium.record.models import Contribution, Statement, fold


@dataclass
class SearchQuery:
    q: str = ""
    theme: str = ""  # Theme slug
    kind: str = ""  # "statement" or a Contribution.Kind value
    entity: str = ""  # entity code
    regional_group: str = ""  # regional group code or name, as people stores it
    session: str = ""  # session slug
    series: str = ""  # series name/slug (all sessions when empty)
    language: str = ""  # a statement's language (ar, zh, en, fr, ru, es, other)

    @classmethod
    def from_params(cls, params: Any) -> SearchQuery:
        return cls(**{k: (params.get(k) or "").strip() for k in cls.__dataclass_fields__})

    def terms(self) -> list[str]:
        return [t for t in fold(self.q).split() if t]

    def is_empty(self) -> bool:
        return not any(getattr(self, k) for k in self.__dataclass_fields__)


@dataclass
class SearchResults:
    statements: list[Statement] = field(default_factory=list)
    contributions: list[Contribution] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.statements) + len(self.contributions)


def _terms(qs: QuerySet[Any], terms: list[str]) -> QuerySet[Any]:
    for t in terms:
        qs = qs.filter(search_text__contains=t)
    return qs


def _entity_filters(query: SearchQuery, prefix: str) -> Q:
    q = Q()
    if query.entity:
        q &= Q(**{f"{prefix}{entity_code_field()}__iexact": query.entity})
    if query.regional_group:
        q &= regional_group_lookup(prefix, query.regional_group)
    return q


def _session_filters(query: SearchQuery) -> Q:
    q = Q()
    if query.session:
        q &= Q(session__slug=query.session)
    if query.series:
        q &= series_lookup("session__", query.series)
    return q


def search(query: SearchQuery, limit: int = 200) -> SearchResults:
    """Public statements and contributions matching every term and every filter given."""
    terms = query.terms()
    results = SearchResults()
    if not query.kind or query.kind == "statement":
        if not query.theme:  # statements are not tagged with themes; their passages are
            st = Statement.objects.filter(delivered_at__isnull=False)
            st = _terms(st, terms).filter(
                _session_filters(query), _entity_filters(query, "entity__")
            )
            if query.language:
                st = st.filter(language=query.language)
            results.statements = list(
                st.select_related("session", "entity").order_by("-uploaded_at")[:limit]
            )
    if query.kind != "statement":
        co = Contribution.objects.all()
        if query.kind:
            co = co.filter(kind=query.kind)
        if query.theme:
            co = co.filter(themes__slug=query.theme)
        co = _terms(co, terms).filter(_session_filters(query), _entity_filters(query, "entity__"))
        if query.language:  # a contribution has the language of the statement it comes from
            co = co.filter(statement__language=query.language)
        # a contribution tagged on a statement is public only once that statement is
        co = co.exclude(statement__isnull=False, statement__delivered_at__isnull=True)
        results.contributions = list(
            co.select_related("session", "entity", "statement")
            .prefetch_related("themes")
            .distinct()
            .order_by("-created_at")[:limit]
        )
    return results
