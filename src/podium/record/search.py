"""Search across the sessions of a series: statements and contributions, with filters.

Portable by design (SQLite and PostgreSQL alike): every row stores a folded copy of its text
(`models.fold`: case-folded, accents removed) and the stems of its words in its language
(`podium.record.stems`: Snowball); a query matches when each of its words is contained in the
folded text or is, stemmed in the row's language, one of its stems ("migrants" finds
"migrant", "remittances" finds "remittance", "policies" finds "policy"). Good enough for the
tens of thousands of passages of a preparatory process, and with no engine-specific index to
keep in step. The words found are highlighted (`highlight`, `excerpt`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from podium.record.adapters import entity_code_field, regional_group_lookup, series_lookup
from podium.record.models import Contribution, Statement, fold
from podium.record.stems import ALGORITHMS, WORD, stem


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

    def words(self) -> list[str]:
        """The query's words as typed (stemmed per language by `_terms`)."""
        return [w for w in WORD.findall(self.q) if fold(w)]

    def is_empty(self) -> bool:
        return not any(getattr(self, k) for k in self.__dataclass_fields__)


@dataclass
class SearchResults:
    statements: list[Statement] = field(default_factory=list)
    contributions: list[Contribution] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.statements) + len(self.contributions)


def _word_matches(word: str) -> Q:
    """Rows holding `word`: in their folded text, or as a stem in their own language."""
    q = Q(search_text__contains=fold(word))
    for language in (*ALGORITHMS, ""):
        q |= Q(search_language=language, search_stems__contains=f" {stem(word, language)} ")
    return q


def _terms(qs: QuerySet[Any], query: SearchQuery) -> QuerySet[Any]:
    for w in query.words():
        qs = qs.filter(_word_matches(w))
    for t in query.terms():
        if not WORD.search(t):  # a sign, not a word ("%"): contained as it is
            qs = qs.filter(search_text__contains=t)
    return qs


def matching(qs: QuerySet[Any], q: str) -> QuerySet[Any]:
    """The rows of `qs` (with the search fields of `models.fold` and `stems`) holding every word
    of `q`, in any of its forms: the full-text half of the knowledge base's ranking."""
    return _terms(qs, SearchQuery(q=q))


def _matches(word: str, query: SearchQuery, language: str) -> list[tuple[int, int]] | None:
    """Where `word` (of a text in `language`) answers the query: [(0, len)] when its stem is a
    query word's, the spans of the query words it contains, or None."""
    words = query.words()
    if any(stem(word, language) == stem(w, language) for w in words):
        return [(0, len(word))]
    folded = fold(word)
    spans: list[tuple[int, int]] = []
    for t in {fold(w) for w in words}:
        at = folded.find(t)
        while at >= 0:
            spans.append((at, at + len(t)))
            at = folded.find(t, at + len(t))
    if not spans:
        return None
    if len(folded) != len(word):  # folding changed its length: mark the whole word
        return [(0, len(word))]
    return sorted(spans)


def highlight(text: str, query: SearchQuery, language: str) -> SafeString:
    """`text` escaped, with the words that answer the query in `<mark>`."""
    out: list[str] = []
    last = 0
    for m in WORD.finditer(text):
        spans = _matches(m.group(), query, language) if query.q else None
        if not spans:
            continue
        out.append(escape(text[last : m.start()]))
        pos = 0
        word = m.group()
        for a, b in spans:
            if a < pos:
                continue
            out.append(escape(word[pos:a]) + "<mark>" + escape(word[a:b]) + "</mark>")
            pos = b
        out.append(escape(word[pos:]))
        last = m.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of the text is escaped


def excerpt(text: str, query: SearchQuery, language: str, width: int = 320) -> SafeString:
    """About `width` characters of `text` around its first word that answers the query, with
    the matches highlighted ("…" where it is cut)."""
    start = 0
    if query.q:
        first = next((m for m in WORD.finditer(text) if _matches(m.group(), query, language)), None)
        if first is not None:
            start = max(0, first.start() - width // 3)
            space = text.rfind(" ", 0, start)
            start = space + 1 if start and space >= 0 and start - space < 40 else start
    end = min(len(text), start + width)
    space = text.find(" ", end)
    end = space if end < len(text) and 0 <= space - end < 40 else end
    cut = " ".join(text[start:end].split())
    body = highlight(cut, query, language)
    return mark_safe(("… " if start else "") + body + (" …" if end < len(text) else ""))  # noqa: S308


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
    results = SearchResults()
    if not query.kind or query.kind == "statement":
        if not query.theme:  # statements are not tagged with themes; their passages are
            st = Statement.objects.filter(delivered_at__isnull=False)
            st = _terms(st, query).filter(
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
        co = _terms(co, query).filter(_session_filters(query), _entity_filters(query, "entity__"))
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
