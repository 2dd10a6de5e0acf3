"""The project's import rules, checked on the source (with `ast`, nothing is imported):

(a) `podium.core` is the pure domain: no Django, no app, only `podium.core.*` of the project
    (its tests too);
(b) `podium.programme` and `podium.live` import no other app (`podium.core`, their own package
    and `podium.db` only). Their tests are left out: live's drive the whole server (the floor
    through `podium.asgi`), and no code outside a tests package imports them;
(c) no module imports another app's `views`;
(d) between the apps, the module-level imports (those that run when a module is imported, not
    the ones inside functions) make no cycle. Tests are left out here too: a test of an app may
    use the apps that build on it (the floor's tests grant people roles, live's start the floor).

The web layer owns this test because it is the one layer that may know every app.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PODIUM = Path(__file__).resolve().parents[2]  # src/podium
APPS = ("programme", "people", "floor", "record", "sideevents", "kb", "live", "desk", "web")
STANDALONE = ("programme", "live")  # (b)
SHARED = ("podium.db", "podium.problems")  # project modules that are no app (only Django)


@dataclass(frozen=True)
class Import:
    module: str  # the importing module
    path: str  # its file, from src/
    line: int
    target: str  # the module imported (for `from X import Y`: X, or X.Y when Y is a module)
    module_level: bool  # runs when the module is imported (not inside a function)

    def __str__(self) -> str:
        where = "module level" if self.module_level else "in a function"
        return f"{self.path}:{self.line}: {self.module} imports {self.target} ({where})"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PODIUM.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PODIUM.rglob("*.py"))}


def _targets(module: str, is_package: bool, node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = module.split(".") if is_package else module.split(".")[:-1]
        package = package[: len(package) - (node.level - 1)]
        base = ".".join([*package, *([node.module] if node.module else [])])
    # `from podium.people import views` imports podium.people.views; `from podium.people.models
    # import Entity` imports podium.people.models
    submodules = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in _modules()]
    return submodules if len(submodules) == len(node.names) else [base, *submodules]


def _walk(body: list[ast.stmt], module_level: bool) -> Iterator[tuple[ast.stmt, bool]]:
    """Every import statement under `body`, and whether it runs at import time."""
    for stmt in body:
        if isinstance(stmt, ast.Import | ast.ImportFrom):
            yield stmt, module_level
        elif isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            yield from _walk(stmt.body, False)
        elif isinstance(stmt, ast.If) and "TYPE_CHECKING" in ast.unparse(stmt.test):
            yield from _walk(stmt.body, False)  # for the type checker only: not run
            yield from _walk(stmt.orelse, module_level)
        else:  # class bodies, if/try/with/for blocks: run when their enclosing code runs
            for field in ("body", "orelse", "finalbody", "handlers", "cases"):
                for child in getattr(stmt, field, None) or []:
                    inner = (
                        child.body
                        if isinstance(child, ast.ExceptHandler | ast.match_case)
                        else [child]
                    )
                    yield from _walk(inner, module_level)


@cache
def imports() -> tuple[Import, ...]:
    found = []
    for module, path in _modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node, module_level in _walk(tree.body, True):
            assert isinstance(node, ast.Import | ast.ImportFrom)
            for target in _targets(module, path.name == "__init__.py", node):
                found.append(
                    Import(
                        module,
                        str(path.relative_to(PODIUM.parent.parent)),
                        node.lineno,
                        target,
                        module_level,
                    )
                )
    return tuple(found)


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _app_of(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "podium" and parts[1] in APPS else None


def _is_test(name: str) -> bool:
    return ".tests." in f"{name}." or name.endswith(".tests")


def test_the_source_is_found() -> None:
    names = {i.module for i in imports()}
    assert {"podium.core.floor", "podium.people.models", "podium.live.hub"} <= names


def test_a_core_imports_neither_django_nor_an_app() -> None:
    bad = [
        str(i)
        for i in imports()
        if _within(i.module, "podium.core")
        and (
            _within(i.target, "django")
            or (_within(i.target, "podium") and not _within(i.target, "podium.core"))
        )
    ]
    assert bad == [], "podium.core must stay pure (no Django, no app):\n" + "\n".join(bad)


def test_b_programme_and_live_import_no_other_app() -> None:
    bad = [
        str(i)
        for i in imports()
        for app in STANDALONE
        if _within(i.module, f"podium.{app}")
        and not _is_test(i.module)
        and _within(i.target, "podium")
        and not any(
            _within(i.target, allowed) for allowed in ("podium.core", f"podium.{app}", *SHARED)
        )
    ]
    assert bad == [], "podium.programme and podium.live import no other app:\n" + "\n".join(bad)


def test_c_no_module_imports_another_apps_views() -> None:
    bad = [
        str(i)
        for i in imports()
        if (app := _app_of(i.target)) is not None
        and _within(i.target, f"podium.{app}.views")
        and _app_of(i.module) != app
    ]
    assert bad == [], "no module imports another app's views:\n" + "\n".join(bad)


def _app_graph() -> dict[str, dict[str, list[Import]]]:
    """{app: {app it imports: the module-level imports that make the edge}}, tests left out."""
    graph: dict[str, dict[str, list[Import]]] = {app: {} for app in APPS}
    for i in imports():
        source, target = _app_of(i.module), _app_of(i.target)
        if i.module_level and source and target and source != target and not _is_test(i.module):
            graph[source].setdefault(target, []).append(i)
    return graph


def _cycle(graph: dict[str, dict[str, list[Import]]]) -> list[str] | None:
    """One cycle of apps (first app repeated at the end), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(app: str) -> list[str] | None:
        state[app] = 1
        path.append(app)
        for nxt in sorted(graph[app]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)) is not None:
                return found
        path.pop()
        state[app] = 2
        return None

    for app in graph:
        if app not in state and (found := visit(app)) is not None:
            return found
    return None


def test_d_the_apps_module_level_imports_make_no_cycle() -> None:
    graph = _app_graph()
    cycle = _cycle(graph)
    if cycle is None:
        return
    lines = [
        f"  {a} -> {b}: " + "; ".join(str(i) for i in graph[a][b][:3])
        for a, b in zip(cycle, cycle[1:], strict=False)
    ]
    raise AssertionError(
        "the apps' module-level imports make a cycle "
        + " -> ".join(cycle)
        + ":\n"
        + "\n".join(lines)
    )


def test_the_checks_see_what_they_look_for() -> None:
    """The helpers on known cases, so that a check cannot pass by seeing nothing."""
    source = """
import a
if TYPE_CHECKING:
    import b
try:
    import c
except ImportError:
    import d
class K:
    import e
def f():
    import g
"""
    found = {(n.names[0].name, level) for n, level in _walk(ast.parse(source).body, True)}  # type: ignore[union-attr]
    assert found == {("a", True), ("b", False), ("c", True), ("d", True), ("e", True), ("g", False)}
    assert _cycle({"a": {"b": []}, "b": {"a": []}}) == ["a", "b", "a"]
    assert any(_app_graph().values())  # the apps do import each other
    urls = [i.target for i in imports() if i.module == "podium.people.urls"]
    assert "podium.people.views" in urls  # `from podium.people import views`
