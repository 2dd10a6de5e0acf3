"""Panels that apps built on the record add to the editor of a summary text (`writing_edit`),
below the draft: the knowledge base's drafting help, for one.

The record imports none of them: an app registers, at startup, a function
`panel(request, session, writing) -> str` giving the panel's HTML (already escaped: it is
rendered by the app's own template) or "" for none. The editor calls each one on every view.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

Panel = Callable[[HttpRequest, Any, Any], str]

_panels: dict[str, Panel] = {}


def register(name: str, panel: Panel) -> None:
    """Install (or replace) the panel called `name`."""
    _panels[name] = panel


def unregister(name: str) -> None:
    _panels.pop(name, None)


def render(request: HttpRequest, session: Any, writing: Any) -> list[SafeString]:
    """Every registered panel's HTML for this text, in the order they were registered."""
    out = []
    for panel in list(_panels.values()):
        html = panel(request, session, writing)
        if html:
            out.append(mark_safe(html))  # noqa: S308 - the app's template escaped it
    return out
