"""Cutting a text into passages for the knowledge base (pure: no Django).

A passage is one paragraph, or a run of sentences of a long one, of at most `MAX_UNITS` units
(a word of a spaced script, two characters of Chinese or Japanese): small enough that one
subject dominates its embedding, large enough to be read alone. Short paragraphs (a heading, a
salutation) join the next one. A source gives at most `MAX_PASSAGES` passages, so that an
outsized upload cannot occupy the indexer for minutes.
"""

from __future__ import annotations

import re
from typing import Final

MAX_UNITS: Final = 120
MIN_CHARS: Final = 60
MAX_PASSAGES: Final = 400

_PARAGRAPHS = re.compile(r"\n\s*\n|\r\n\s*\r\n")
# a sentence ends with . ! ? ; Arabic ؟ ؛ or the ideographic 。！？ (no space needed after those)
_SENTENCE = re.compile(r"(?<=[.!?؟؛])\s+|(?<=[。！？；])")
_CJK = re.compile(r"[\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def units(text: str) -> int:
    """The length of `text` in words, counting two CJK characters as one word."""
    cjk = len(_CJK.findall(text))
    return len(_CJK.sub(" ", text).split()) + (cjk + 1) // 2


def _clean(text: str) -> str:
    return " ".join(text.split())


def _sentences(paragraph: str) -> list[str]:
    out = [s for s in (_clean(p) for p in _SENTENCE.split(paragraph)) if s]
    pieces: list[str] = []
    for s in out:  # a "sentence" with no stop at all (a table, a list) is cut by words
        if units(s) <= MAX_UNITS:
            pieces.append(s)
            continue
        words = s.split()
        if len(words) <= 1:  # unspaced script: cut by characters
            step = MAX_UNITS * 2
            pieces.extend(s[i : i + step] for i in range(0, len(s), step))
        else:
            pieces.extend(
                " ".join(words[i : i + MAX_UNITS]) for i in range(0, len(words), MAX_UNITS)
            )
    return pieces


def split(text: str) -> list[str]:
    """The passages of `text`, in order (none for an empty text)."""
    paragraphs = [p for p in (_clean(p) for p in _PARAGRAPHS.split(text.replace("\x00", ""))) if p]
    if len(paragraphs) == 1 and "\n" in text.strip():  # no blank lines: single new lines
        paragraphs = [p for p in (_clean(p) for p in text.splitlines()) if p]
    out: list[str] = []
    carry = ""
    for p in paragraphs:
        p = f"{carry} {p}".strip() if carry else p
        carry = ""
        if len(p) < MIN_CHARS:
            carry = p
            continue
        if units(p) <= MAX_UNITS:
            out.append(p)
            continue
        chunk: list[str] = []
        size = 0
        for s in _sentences(p):
            n = units(s)
            if chunk and size + n > MAX_UNITS:
                out.append(" ".join(chunk))
                chunk, size = [], 0
            chunk.append(s)
            size += n
        if chunk:
            out.append(" ".join(chunk))
    if carry:
        if out and units(out[-1]) + units(carry) <= MAX_UNITS:
            out[-1] = f"{out[-1]} {carry}"
        else:
            out.append(carry)
    return out[:MAX_PASSAGES]
