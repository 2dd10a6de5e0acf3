"""The desk's work: drafts from a template or a file, checks as `podium check` makes them (each
problem at its field), the time budget, publishing (a version kept each time), comparing and
restoring versions."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from podium.core import programme as core
from podium.core import sessionfile
from podium.desk import formdata
from podium.desk.models import Draft, Version
from podium.programme.messages import problem_message
from podium.programme.models import Session
from podium.programme.services import import_session_text, programme_yaml

TEMPLATE = Path(settings.PACKAGE_DIR) / "fixtures" / "sessions" / "gcm-its2-drivers.yaml"
MAX_FILE_BYTES = 512 * 1024


class DeskRefused(ValueError):
    pass


@dataclass(frozen=True)
class FieldProblem:
    field: str | None  # the form field it is shown at; None: about the session as a whole
    message: str
    severity: str
    line: int | None

    def as_json(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "message": self.message,
            "severity": self.severity,
            "line": self.line,
        }


@dataclass(frozen=True)
class Checked:
    text: str
    problems: list[FieldProblem]
    budget: list[core.SegmentBudget]

    @property
    def errors(self) -> list[FieldProblem]:
        return [p for p in self.problems if p.severity == "error"]


def data_of(text: str) -> dict[str, Any]:
    """The session file's data; a text that is not a mapping of YAML gives a refusal."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = _(" (line %(n)s)") % {"n": mark.line + 1} if mark is not None else ""
        raise DeskRefused(
            _("The file is not YAML%(where)s: %(problem)s")
            % {"where": where, "problem": getattr(exc, "problem", exc)}
        ) from None
    if not isinstance(data, dict):
        raise DeskRefused(_("A session file is a mapping (slug: …, title: …, days: …)."))
    return data


def text_of(data: dict[str, Any]) -> str:
    return sessionfile.dump_data(data)


def template_text(slug: str, title: str) -> str:
    """A new session from the template (the seed's format): its panels, days and segments, with
    the new slug and title; the people TBC."""
    data = data_of(TEMPLATE.read_text(encoding="utf-8"))
    data["slug"], data["title"] = slug, title
    return text_of(data)


def draft_of(slug: str) -> Draft | None:
    """The draft of `slug`; for a published session without one, a draft of what it is now."""
    draft = Draft.objects.filter(slug=slug).first()
    if draft is None:
        session = Session.objects.filter(slug=slug).first()
        if session is not None:
            draft = Draft.objects.create(slug=slug, text=text_of(data_of(programme_yaml(session))))
    return draft


def start(slug: str, text: str, user: str) -> Draft:
    """A new draft from a session file's text (normalized, so that export → import is exact)."""
    if len(text.encode()) > MAX_FILE_BYTES:
        raise DeskRefused(_("The file is larger than %(n)s KB.") % {"n": MAX_FILE_BYTES // 1024})
    data = data_of(text)
    data["slug"] = slug
    draft, _created = Draft.objects.update_or_create(
        slug=slug, defaults={"text": text_of(data), "updated_by": user}
    )
    return draft


def check(text: str, fields: set[str]) -> Checked:
    parsed = sessionfile.check_text(text)
    paths = sessionfile.paths_by_line(text)
    problems = []
    for p in parsed.problems:
        path = paths.get(p.line or 0, "")
        problems.append(
            FieldProblem(
                formdata.field_of(path, fields) if path else None,
                problem_message(p),
                p.severity,
                p.line,
            )
        )
    budget = core.budget(parsed.programme) if parsed.programme is not None else []
    return Checked(text, problems, budget)


def save(draft: Draft, data: dict[str, Any], user: str) -> Draft:
    draft.text = text_of(data)
    draft.updated_by = user
    draft.save()
    return draft


@transaction.atomic
def publish(draft: Draft, user: str, note: str = "") -> Version:
    """Import the draft as the session's programme and keep it as the next version. Refused
    (nothing changes) while `podium check` finds an error in it."""
    parsed = sessionfile.check_text(draft.text)
    if parsed.programme is None or parsed.errors:
        raise DeskRefused(_("The draft has errors; fix them before publishing."))
    if parsed.programme.slug != draft.slug:
        raise DeskRefused(
            _("The draft's slug is not its session's: a new slug is a new session (start one).")
        )
    import_session_text(draft.text, f"{draft.slug}.yaml")
    last = Version.objects.filter(slug=draft.slug).aggregate(n=Max("number"))["n"] or 0
    return Version.objects.create(
        slug=draft.slug, number=last + 1, text=draft.text, published_by=user, note=note[:300]
    )


def diff(a: Version, b: Version) -> list[tuple[str, str]]:
    """The lines from version `a` to `b`: (kind, text) with kind "+", "-", " " or "@"."""
    out = []
    for line in difflib.unified_diff(
        a.text.splitlines(), b.text.splitlines(), f"v{a.number}", f"v{b.number}", lineterm="", n=2
    ):
        if line.startswith(("---", "+++")):
            continue
        out.append((line[:1], line[1:]))
    return out


def restore(draft: Draft, version: Version, user: str) -> Draft:
    draft.text = version.text
    draft.updated_by = user
    draft.save()
    return draft
