"""The desk form's fields: a label, the input and, next to it, the problems `podium check` finds
there (`id="p-<field>"`, which the page's script refills as you type)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from podium.programme.models import Segment

register = template.Library()


def _problems(name: str, problems: dict[str, list[Any]]) -> SafeString:
    items = problems.get(name, [])
    inner = format_html_join(
        "",
        '<li class="{}">{}{}</li>',
        ((p.severity, _("Warning: ") if p.severity == "warning" else "", p.message) for p in items),
    )
    return format_html('<ul class="field-problems" id="p-{}">{}</ul>', name, inner)


def _input(name: str, value: Any, problems: dict[str, list[Any]], **kw: Any) -> SafeString:
    invalid = (
        " aria-invalid=true" if any(p.severity == "error" for p in problems.get(name, [])) else ""
    )
    label = kw.get("label")
    extra = format_html(' aria-label="{}"', label) if label else ""
    if kw.get("textarea"):
        return format_html(
            '<textarea id="f-{}" name="{}" rows="3" aria-describedby="p-{}"{}{}>{}</textarea>',
            name,
            name,
            name,
            extra,
            invalid,
            value,
        )
    readonly = " readonly" if kw.get("readonly") else ""
    return format_html(
        '<input id="f-{}" name="{}" value="{}" aria-describedby="p-{}"{}{}{}>',
        name,
        name,
        value,
        name,
        extra,
        invalid,
        readonly,
    )


@register.simple_tag
def field(
    name: str, label: str, value: Any, problems: dict[str, list[Any]], **kw: Any
) -> SafeString:
    return format_html(
        '<div class="desk-field"><label for="f-{}">{}</label>{}{}</div>',
        name,
        label,
        _input(name, value if value is not None else "", problems, **kw),
        _problems(name, problems),
    )


@register.simple_tag
def field_at(
    group: str, index: int, key: str, label: str, value: Any, problems: Any, **kw: Any
) -> SafeString:
    return field(f"{group}.{index}.{key}", label, value, problems, **kw)


@register.simple_tag
def segment_cell(day: int, seg: int, key: str, value: Any, problems: Any, label: str) -> SafeString:
    name = f"days.{day}.segments.{seg}.{key}"
    return format_html(
        "<td>{}{}</td>",
        _input(name, value if value is not None else "", problems, label=label),
        _problems(name, problems),
    )


@register.simple_tag
def segment_kind(
    day: int, seg: int, value: str, kinds: tuple[str, ...], problems: Any
) -> SafeString:
    name = f"days.{day}.segments.{seg}.kind"
    labels = {str(k): str(v) for k, v in Segment.Kind.choices}
    options = list(kinds) if value in kinds or not value else [value, *kinds]
    opts = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (k, " selected" if k == value else "", labels.get(k, k.replace("_", " ")))
            for k in options
        ),
    )
    return format_html(
        '<td><select id="f-{}" name="{}" aria-label="{}" aria-describedby="p-{}">{}</select>{}</td>',
        name,
        name,
        _("Kind"),
        name,
        opts,
        _problems(name, problems),
    )
