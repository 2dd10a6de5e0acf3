"""Statements of earlier sessions from a CSV file (`podium import_statements SLUG FILE.csv`).

Columns (a header row, in any order): `entity`, `segment`, `language`, `date`, and `text` or
`path` (either or both columns; each row gives one of them). Every row is checked first, each
problem reported as (line, column, reason), the line being the physical line of the file where
the row starts (the header is line 1; a quoted cell may span lines). Nothing is written unless
every row is good; then every statement is created in one transaction, through the model's own
save (its signals fire), as an upload creates it: a text cell is stored as a TXT file, a path's
file is checked by content and read like an uploaded file (`podium.record.uploads`).

A row whose statement is already in the session (same entity, segment and text) is skipped and
reported as already imported, so importing a file again duplicates nothing.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from podium.record import adapters, services
from podium.record.language import detect as detect_language
from podium.record.models import LANGUAGES, Statement
from podium.record.uploads import UploadRefused, check_statement_file, extract_text

COLUMNS = ("entity", "segment", "language", "date", "text", "path")
REQUIRED = ("entity", "segment", "language", "date")
BOUNDS = {"entity": 40, "segment": 100, "language": 8, "date": 10, "path": 1024}
# in a statement's text, as in an uploaded text file: tab, line ends and form feed
TEXT_CONTROLS = "\t\n\r\f"
NOON = time(12)
_LINE_END = re.compile(rb"\r\n|\r|\n")


@dataclass(frozen=True)
class Problem:
    line: int
    column: str
    reason: str

    def format(self, name: str) -> str:
        return f"{name}:{self.line}: {self.column}: {self.reason}"


@dataclass
class Row:
    """A good row: what its statement will be."""

    line: int
    entity: Any
    segment: Any
    language: str
    delivered_at: datetime | None
    kind: str
    size: int
    text: str
    digest: str  # sha256 of the file's bytes
    data: bytes | None = None  # a text cell's file; None for a path's, read again when written
    path: Path | None = None
    original_name: str = ""

    @property
    def key(self) -> tuple[Any, Any, str]:
        return statement_key(
            self.entity.pk, getattr(self.segment, "pk", None), self.text, self.digest
        )


@dataclass
class Report:
    dry_run: bool
    problems: list[Problem] = field(default_factory=list)
    new: list[Row] = field(default_factory=list)
    already: list[int] = field(default_factory=list)  # lines of statements already there
    imported: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


class FileChanged(Exception):
    """A statement's file changed between the check and the write (nothing is kept)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.reason)
        self.problem = problem


def statement_key(entity: Any, segment: Any, text: str, digest: str) -> tuple[Any, Any, str]:
    """What makes two statements the same: entity, segment and text (white space aside); a
    file without text (a scanned PDF) by its bytes."""
    words = " ".join(text.split())
    if words:
        return (entity, segment, "text:" + hashlib.sha256(words.encode()).hexdigest())
    return (entity, segment, "file:" + digest)


def _megabytes(n: int) -> str:
    return f"{n / 1048576:.0f}"


# --- reading the file ---------------------------------------------------------------------------


def _decoded(data: bytes) -> tuple[str | None, list[Problem]]:
    """The file's text (UTF-8, a BOM dropped), or the lines that are not UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    problems = []
    for number, line in enumerate(_LINE_END.split(data), 1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(
                Problem(
                    number,
                    "encoding",
                    _(
                        "this line is not UTF-8 (byte 0x%(byte)02x, the line's byte %(at)s); "
                        "save the file as CSV UTF-8"
                    )
                    % {"byte": line[exc.start], "at": exc.start + 1},
                )
            )
    return None, problems


def _delimiter(text: str) -> str:
    """Comma; a semicolon when the header has semicolons and no comma (a spreadsheet saving
    CSV in a language that writes decimal commas)."""
    header = text.splitlines()[0] if text else ""
    return ";" if ";" in header and "," not in header else ","


@contextmanager
def _field_limit(limit: int) -> Iterator[None]:
    """Cells as long as the file itself (it is read whole already): a cell too large for a
    statement is reported with the statement's limit, and reading goes on."""
    before = csv.field_size_limit()
    csv.field_size_limit(max(before, limit))
    try:
        yield
    finally:
        csv.field_size_limit(before)


def _records(text: str) -> Iterator[tuple[int, list[str] | None, str]]:
    """(first line, cells, "") per record; (line, None, reason) for a malformed one, the last."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    end = 0
    with _field_limit(len(text) + 1):
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield end + 1, None, str(exc)
                return
            yield end + 1, cells, ""
            end = reader.line_num


# --- checking a row -------------------------------------------------------------------------------


def _bad_character(value: str, allowed: str = "") -> str:
    """Why a cell cannot be kept (a NUL, a lone surrogate, a control character), or ""."""
    for c in value:
        if c == "\x00":
            return _("holds a NUL character")
        category = unicodedata.category(c)
        if category == "Cs":
            return _("holds a lone surrogate (U+%(code)04X)") % {"code": ord(c)}
        if category == "Cc" and c not in allowed:
            return _("holds a control character (U+%(code)04X)") % {"code": ord(c)}
    return ""


class _Checker:
    def __init__(self, session: Any, base: Path, max_bytes: int) -> None:
        self.session = session
        self.base = base
        self.max_bytes = max_bytes
        self.zone = ZoneInfo(session.time_zone)
        self.speaking = {e.pk for e in adapters.all_speaking_entities()}
        self.segments = {adapters.segment_key_of_row(s): s for s in adapters.segments_of(session)}
        self.speaking_keys = [
            adapters.segment_key_of_row(s) for s in services.speaking_segments(session)
        ]
        self.entities: dict[str, Any] = {}

    def row(self, line: int, values: dict[str, str]) -> tuple[Row | None, list[Problem]]:
        problems: list[Problem] = []

        def refuse(column: str, reason: str) -> None:
            problems.append(Problem(line, column, reason))

        for column, value in values.items():
            bad = _bad_character(value, TEXT_CONTROLS if column == "text" else "")
            if not bad and column in BOUNDS and len(value) > BOUNDS[column]:
                bad = _("is longer than %(n)s characters") % {"n": BOUNDS[column]}
            if bad:
                refuse(column, bad)
        refused = {p.column for p in problems}  # a cell refused as such is not checked further
        entity = None if "entity" in refused else self._entity(values["entity"], refuse)
        segment = None if "segment" in refused else self._segment(values["segment"], refuse)
        language = "" if "language" in refused else self._language(values["language"], refuse)
        delivered_at = None
        if not refused & {"date", "segment"}:
            delivered_at = self._date(values["date"], segment, refuse)
        content = None
        if not refused & {"text", "path"}:
            content = self._content(values.get("text", ""), values.get("path", ""), refuse)
        if problems or content is None:
            return None, problems
        kind, size, text, digest, data, path = content
        return (
            Row(
                line=line,
                entity=entity,
                segment=segment,
                language=language,
                delivered_at=delivered_at,
                kind=kind,
                size=size,
                text=text,
                digest=digest,
                data=data,
                path=path,
                original_name=path.name[:255] if path else "",
            ),
            problems,
        )

    def _entity(self, code: str, refuse: Any) -> Any:
        if not code:
            refuse("entity", _("is empty (an entity code of the people register, e.g. MEX)"))
            return None
        if code.upper() not in self.entities:
            self.entities[code.upper()] = services.entity_by_code(code)
        entity = self.entities[code.upper()]
        if entity is None:
            refuse("entity", _("unknown entity code %(code)s") % {"code": code})
        elif entity.pk not in self.speaking:
            refuse(
                "entity",
                _("%(code)s is a group; a statement is made by one of its members")
                % {"code": code},
            )
            return None
        return entity

    def _segment(self, key: str, refuse: Any) -> Any:
        if not key:
            return None  # a statement on the session as a whole, as an upload may be
        segment = self.segments.get(key)
        if segment is None:
            refuse(
                "segment",
                _("unknown segment %(key)s (this session's: %(keys)s)")
                % {"key": key, "keys": ", ".join(self.speaking_keys)},
            )
        elif key not in self.speaking_keys:
            refuse(
                "segment",
                _("no one takes the floor in %(key)s (this session's: %(keys)s)")
                % {"key": key, "keys": ", ".join(self.speaking_keys)},
            )
            return None
        return segment

    def _language(self, code: str, refuse: Any) -> str:
        codes = dict(LANGUAGES)
        if code.lower() in codes:
            return code.lower()
        known = ", ".join(codes)
        if not code:
            refuse("language", _("is empty (one of %(codes)s)") % {"codes": known})
        else:
            refuse(
                "language",
                _("unknown language %(code)s (one of %(codes)s)") % {"code": code, "codes": known},
            )
        return ""

    def _date(self, value: str, segment: Any, refuse: Any) -> datetime | None:
        if not value:
            return None  # delivered when the record says so, as an uploaded statement
        try:
            if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
                raise ValueError(value)
            day = date.fromisoformat(value)
        except ValueError:
            refuse("date", _("%(value)s is not a date YYYY-MM-DD") % {"value": value})
            return None
        first, last = self.session.start_date, self.session.end_date
        if not first <= day <= last:
            refuse(
                "date",
                _("%(day)s is not a day of this session (%(first)s to %(last)s)")
                % {"day": value, "first": first.isoformat(), "last": last.isoformat()},
            )
            return None
        held = getattr(getattr(segment, "day", None), "date", None)
        if held is not None and held != day:
            refuse(
                "date",
                _("%(key)s was held on %(held)s, not %(day)s")
                % {
                    "key": adapters.segment_key_of_row(segment),
                    "held": held.isoformat(),
                    "day": value,
                },
            )
            return None
        return datetime.combine(day, NOON, self.zone)

    def _content(
        self, text: str, path: str, refuse: Any
    ) -> tuple[str, int, str, str, bytes | None, Path | None] | None:
        text = text.strip()
        path = path.strip()
        if text and path:
            refuse("text", _("give the statement's text or a path to its file, not both"))
            return None
        if not text and not path:
            refuse("text", _("empty: give the statement's text, or a path to its file"))
            return None
        if text:
            data = text.encode("utf-8")
            try:
                checked = check_statement_file(data, self.max_bytes)
                extracted = extract_text(data, checked.kind)
            except UploadRefused as exc:
                refuse("text", str(exc))
                return None
            return checked.kind, checked.size, extracted, _sha256(data), data, None
        found = self._file(path, refuse)
        if found is None:
            return None
        read = read_bounded(found, self.max_bytes)
        if read is None:
            refuse("path", _("%(path)s cannot be read") % {"path": path})
            return None
        try:
            checked = check_statement_file(read, self.max_bytes)
            extracted = extract_text(read, checked.kind)
        except UploadRefused as exc:
            refuse("path", f"{path}: {exc}")
            return None
        return checked.kind, checked.size, extracted, _sha256(read), None, found

    def _file(self, path: str, refuse: Any) -> Path | None:
        """The file `path` names, in the CSV's folder or a folder under it; None (refused)
        otherwise: `..` or a link leading out, an absolute path elsewhere, no such file."""
        try:
            given = Path(path)
            found = (given if given.is_absolute() else self.base / given).resolve()
        except (OSError, RuntimeError, ValueError):
            refuse("path", _("%(path)s cannot be read") % {"path": path})
            return None
        if not found.is_relative_to(self.base):
            refuse(
                "path",
                _(
                    "%(path)s is outside the CSV file's folder; put the statements' files in "
                    "it or in a folder under it"
                )
                % {"path": path},
            )
            return None
        try:
            exists, is_file = found.exists(), found.is_file()
            size = found.stat().st_size if is_file else 0
        except OSError:
            refuse("path", _("%(path)s cannot be read") % {"path": path})
            return None
        if not exists:
            refuse("path", _("no such file: %(path)s") % {"path": path})
            return None
        if not is_file:
            refuse("path", _("%(path)s is not a file") % {"path": path})
            return None
        if size > self.max_bytes:  # refused unread, as an upload is
            refuse(
                "path",
                f"{path}: "
                + _("The file is too large (%(size)s MB); the limit is %(max)s MB.")
                % {"size": f"{size / 1048576:.1f}", "max": _megabytes(self.max_bytes)},
            )
            return None
        return found


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_bounded(path: Path, max_bytes: int) -> bytes | None:
    """At most one byte more than the limit (a file growing after its size was read is still
    refused by the content check); None when it cannot be read."""
    try:
        with path.open("rb") as f:
            return f.read(max_bytes + 1)
    except OSError:
        return None


# --- the whole file ----------------------------------------------------------------------------


def check_file(session: Any, csv_path: Path, data: bytes, max_bytes: int) -> Report:
    """Every row of the CSV checked (nothing written): the rows to import, those already
    there, and every problem."""
    report = Report(dry_run=True)
    problems = report.problems
    text, not_utf8 = _decoded(data)
    if text is None:
        problems.extend(not_utf8)
        return report
    records = _records(text)
    first = next(records, None)
    if first is None or not text.strip():
        problems.append(Problem(1, "header", _("the file is empty")))
        return report
    if first[1] is None:
        reason = _("malformed CSV (%(error)s); the rest of the file is not read")
        problems.append(Problem(first[0], "header", reason % {"error": first[2]}))
        return report
    if not any(c.strip() for c in first[1]):
        problems.append(Problem(1, "header", _("the first line must name the columns")))
        return report
    header = [h.strip().lower() for h in first[1]]
    unknown = [h if h.isprintable() else repr(h) for h in header if h not in COLUMNS]
    missing = [c for c in REQUIRED if c not in header]
    twice = sorted({h for h in header if header.count(h) > 1})
    if unknown:
        problems.append(
            Problem(
                1,
                "header",
                _("unknown columns: %(cols)s (the columns are %(all)s)")
                % {"cols": ", ".join(unknown), "all": ", ".join(COLUMNS)},
            )
        )
    if missing:
        problems.append(
            Problem(1, "header", _("missing columns: %(cols)s") % {"cols": ", ".join(missing)})
        )
    if "text" not in header and "path" not in header:
        problems.append(Problem(1, "header", _("missing columns: text or path (or both)")))
    if twice:
        problems.append(
            Problem(1, "header", _("columns given twice: %(cols)s") % {"cols": ", ".join(twice)})
        )
    if problems:
        return report
    checker = _Checker(session, csv_path.resolve().parent, max_bytes)
    existing = _existing_keys(session)
    seen: dict[tuple[Any, Any, str], int] = {}
    rows = 0
    for line, cells, error in records:
        if cells is None:
            problems.append(
                Problem(
                    line,
                    "row",
                    _("malformed CSV (%(error)s); the rest of the file is not read")
                    % {"error": error},
                )
            )
            break
        if not any(c.strip() for c in cells):
            continue  # a blank line, or a row of empty cells
        rows += 1
        if len(cells) != len(header):
            problems.append(
                Problem(
                    line,
                    "row",
                    _("%(n)s cells where the header has %(m)s columns")
                    % {"n": len(cells), "m": len(header)},
                )
            )
            continue
        row, found = checker.row(line, dict(zip(header, cells, strict=True)))
        problems.extend(found)
        if row is None:
            continue
        if row.key in seen:
            problems.append(
                Problem(
                    line,
                    "row",
                    _("the same statement as line %(n)s (entity, segment and text)")
                    % {"n": seen[row.key]},
                )
            )
            continue
        seen[row.key] = line
        if row.key in existing:
            report.already.append(line)
        else:
            report.new.append(row)
    if not rows and not problems:
        problems.append(Problem(1, "header", _("the file has a header but no statements")))
    return report


def _existing_keys(session: Any) -> set[tuple[Any, Any, str]]:
    keys = set()
    for st in Statement.objects.filter(session=session).only(
        "entity_id", "segment_id", "text", "file"
    ):
        digest = ""
        if not st.text.split():  # no text (a scan): the same statement is the same file
            try:
                with st.file.open("rb") as f:
                    digest = _sha256(f.read())
            except (OSError, ValueError):
                continue
        keys.add(statement_key(st.entity_id, st.segment_id, st.text, digest))
    return keys


def import_file(
    session: Any, csv_path: Path, data: bytes, dry_run: bool = True, max_bytes: int | None = None
) -> Report:
    """Check every row; unless it is a dry run or a row is bad, create the new statements
    in one transaction (all or none)."""
    limit = services.max_upload_bytes() if max_bytes is None else max_bytes
    report = check_file(session, csv_path, data, limit)
    report.dry_run = dry_run
    if not report.ok or dry_run:
        return report
    stored: list[Statement] = []
    try:
        with transaction.atomic():
            for row in report.new:
                stored.append(_create(session, row, limit))
            # statements without a date are public once the record shows them delivered
            services.sync_delivered(session, services.record_of(session))
    except FileChanged as exc:
        _remove_files(stored)
        report.problems.append(exc.problem)
        return report
    except BaseException:
        _remove_files(stored)
        raise
    report.imported = len(stored)
    return report


def _create(session: Any, row: Row, max_bytes: int) -> Statement:
    data = row.data
    if data is None and row.path is not None:
        data = read_bounded(row.path, max_bytes)
        if data is None or _sha256(data) != row.digest:
            raise FileChanged(
                Problem(
                    row.line,
                    "path",
                    _("%(path)s changed while it was imported") % {"path": row.path.name},
                )
            )
    assert data is not None
    st = Statement(
        session=session,
        segment=row.segment,
        entity=row.entity,
        language=row.language,
        kind=row.kind,
        size=row.size,
        original_name=row.original_name,
        text=row.text,
        detected_language=detect_language(row.text),
        delivered_at=row.delivered_at,
    )
    st.file.save(f"statement.{row.kind}", ContentFile(data), save=False)
    try:
        st.save()  # the model's own save: post_save fires, as for an upload
    except BaseException:
        st.file.delete(save=False)
        raise
    return st


def _remove_files(statements: list[Statement]) -> None:
    """The files of statements whose transaction was rolled back."""
    for st in statements:
        try:
            st.file.delete(save=False)
        except OSError:
            pass
