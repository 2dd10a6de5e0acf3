"""Every core test that reads or checks a session file also checks that its problems are
translatable (`test_problem_messages`): so the broken files of all the core's tests, the fuzzed
ones included, are a corpus for it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from podium.core import programme as core
from podium.core import sessionfile


def _translatable(problems: list[core.Problem]) -> None:
    for p in problems:
        assert p.template, f"a problem without a template: {p.message!r}"
        assert (p.template % {k: str(v) for k, v in p.params} if p.params else p.template) == (
            p.message
        ), p


def _checked(fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        out = fn(*args, **kwargs)
        _translatable(out.problems if isinstance(out, sessionfile.Parsed) else out)
        return out

    return wrapper


@pytest.fixture(autouse=True, scope="module")
def _problems_are_translatable() -> Iterator[None]:
    # module-scoped: hypothesis refuses function-scoped fixtures around its examples
    mp = pytest.MonkeyPatch()
    mp.setattr(sessionfile, "parse", _checked(sessionfile.parse))
    mp.setattr(sessionfile, "validate", _checked(sessionfile.validate))
    mp.setattr(core, "validate", _checked(core.validate))
    yield
    mp.undo()
