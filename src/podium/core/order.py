"""The speaking-order policy of a discussion (pure).

Within a line, a new request goes:

1. after the statements on behalf of a group of States already waiting, and before everything
   else when it is itself on behalf of a group (groups speak first);
2. among those who have not yet spoken on this panel, after them when its delegation has already
   spoken on this panel ("a delegation that has spoken goes after those who have not");
3. first come, first served otherwise.

The position is computed once, when the request is made, and the moderator may move it; the
suggestion of the next speaker is the head of the current round's lines (Member States before
observers in a States round). The moderator may always call someone else: the floor records it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar


class Waiting(Protocol):
    @property
    def entity(self) -> str: ...

    @property
    def on_behalf_of(self) -> str: ...


T = TypeVar("T", bound=Waiting)


def _priority(entity: str, on_behalf_of: str, spoken_up: frozenset[str]) -> tuple[int, int]:
    """Smaller goes first: (group statement first, not-yet-spoken first)."""
    return (0 if on_behalf_of else 1, 1 if entity.upper() in spoken_up else 0)


def place(line: Sequence[Waiting], *, entity: str, on_behalf_of: str, spoken: Iterable[str]) -> int:
    """Where (0-based) a new request goes in `line`."""
    spoken_set = frozenset(s.upper() for s in spoken)
    mine = _priority(entity, on_behalf_of, spoken_set)
    pos = 0
    for i, r in enumerate(line):
        if _priority(r.entity, r.on_behalf_of, spoken_set) <= mine:
            pos = i + 1
    return pos


def suggest(lines: Sequence[Sequence[T]]) -> T | None:
    """The next speaker: the head of the first non-empty line, in the round's order of lines."""
    for line in lines:
        if line:
            return line[0]
    return None
