"""The core's check problems in the reader's language (the core speaks English).

A `podium.core.programme.Problem` carries its English `message`, the `template` it was made
from (marked for translation in the core) and its `params`. A parameter that is English words
(`core.Text`: "panel title", "co-chair") is translated too; a segment kind named in a message
(`core.kind_word`) is translated as a word of its own context; data (a time, a code, a number,
a name or a value from the file) is shown as it is.
"""

from __future__ import annotations

from django.utils.translation import gettext, pgettext, pgettext_lazy

from podium.core import programme as core

# The segment kinds as a check message names them ("a lunch segment has no panel number"):
# the file's codes, translated as words (`core.kind_word`). Listed here for `makemessages`.
KIND_WORDS = {
    "registration": pgettext_lazy("segment kind", "registration"),
    "ceremony": pgettext_lazy("segment kind", "ceremony"),
    "welcome": pgettext_lazy("segment kind", "welcome"),
    "issue_brief": pgettext_lazy("segment kind", "issue_brief"),
    "stakeholder_dialogue": pgettext_lazy("segment kind", "stakeholder_dialogue"),
    "expert_panel": pgettext_lazy("segment kind", "expert_panel"),
    "summary_panel": pgettext_lazy("segment kind", "summary_panel"),
    "concluding_panel": pgettext_lazy("segment kind", "concluding_panel"),
    "conclusions": pgettext_lazy("segment kind", "conclusions"),
    "closing": pgettext_lazy("segment kind", "closing"),
    "lunch": pgettext_lazy("segment kind", "lunch"),
    "side_event_window": pgettext_lazy("segment kind", "side_event_window"),
    "other": pgettext_lazy("segment kind", "other"),
}


def _value(value: object) -> object:
    return text_of(value) if isinstance(value, core.Text) else value


def _fill(template: str, params: core.Params) -> str:
    if not params:
        return template
    return template % {name: _value(value) for name, value in params}


def text_of(text: core.Text) -> str:
    """English words of a message in the active language."""
    if text.context:
        return _fill(pgettext(text.context, text.template), text.params)
    return _fill(gettext(text.template), text.params)


def problem_message(problem: core.Problem) -> str:
    """The problem's message in the active language (its English message when it has no
    template, or when a translation does not fit its parameters)."""
    if not problem.template:
        return problem.message
    try:
        return _fill(gettext(problem.template), problem.params)
    except (KeyError, ValueError, TypeError):
        return problem.message


def problem_line(problem: core.Problem, filename: str) -> str:
    """`FILE:LINE: [warning: ]message`, as `core.Problem.format` but in the active language."""
    warning = pgettext("podium check", "warning: ") if problem.severity == "warning" else ""
    return f"{filename}:{problem.line or 1}: {warning}{problem_message(problem)}"
