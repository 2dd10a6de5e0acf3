"""Word forms for search: each word reduced to its stem by the Snowball stemmer of the text's
language ("migrants" and "migrant" → "migrant", "remittances" → "remitt"), so that a query finds
the other forms of its words. Snowball (`snowballstemmer`, pure Python) has a stemmer for five of
the six official languages; Chinese, written without spaces, keeps the substring match of
`fold`ed text (`podium.record.search`).

Portable by design: the stems are stored beside the text (`search_stems`, " stem stem … ") and
matched with a plain `contains` on SQLite and PostgreSQL alike."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import Any

import snowballstemmer

# our language codes (models.LANGUAGES) → Snowball's algorithms
ALGORITHMS = {"ar": "arabic", "en": "english", "fr": "french", "ru": "russian", "es": "spanish"}
WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Text as search compares it: case-folded, accents removed, spaces collapsed.

    Stored beside the text so that a plain `contains` query finds "Cote" in "Côte d'Ivoire" on
    SQLite and PostgreSQL alike (SQLite's LIKE folds ASCII only).
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.split())


@cache
def _stemmer(language: str) -> Any:
    algorithm = ALGORITHMS.get(language)
    return snowballstemmer.stemmer(algorithm) if algorithm else None


def stem_language(language: str) -> str:
    """The language whose stemmer reads a text said to be in `language` ("" for none)."""
    return language if language in ALGORITHMS else ""


def stems_of(words: list[str], language: str) -> list[str]:
    """Each word's stem in `language`, folded (the folded word itself without a stemmer)."""
    stemmer = _stemmer(language)
    seen: dict[str, str] = {}  # a long statement repeats its words: stem each once
    out = []
    for word in words:
        low = word.casefold()
        if low not in seen:
            seen[low] = fold(stemmer.stemWord(low) if stemmer else low)
        out.append(seen[low])
    return out


@lru_cache(maxsize=65536)
def stem(word: str, language: str) -> str:
    return stems_of([word], language)[0]


def stored_stems(text: str, language: str) -> str:
    """The stems of every word of `text`, each once, space-separated with a space at each end
    (so that " stem " matches a whole stem)."""
    unique = dict.fromkeys(s for s in stems_of(WORD.findall(text), language) if s)
    return f" {' '.join(unique)} " if unique else ""
