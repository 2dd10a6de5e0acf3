"""Statement files: type checked by content (never by name), size limited, text extracted.

Accepted: PDF (starts with `%PDF-`), DOCX (a ZIP holding `word/document.xml` and
`[Content_Types].xml`), and plain text (valid UTF-8 without control bytes). Anything else — a
renamed executable, an image, an old binary .doc — is refused with a reason the delegate can act on.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from podium.record import extract

# How long reading a statement's text may take (its own process; killed past it).
EXTRACT_TIMEOUT_S = float(os.environ.get("PODIUM_EXTRACT_TIMEOUT_S", "20"))

MAX_STATEMENT_BYTES = 10 * 1024 * 1024  # 10 MB: a long statement as PDF is well under 1 MB

# Signatures of executables and archives people may rename, to say what was actually sent.
_EXECUTABLE_MAGIC = {
    b"MZ": gettext_lazy("Windows executable"),
    b"\x7fELF": gettext_lazy("Linux executable"),
    b"\xcf\xfa\xed\xfe": gettext_lazy("macOS executable"),
    b"\xfe\xed\xfa\xcf": gettext_lazy("macOS executable"),
    b"\xca\xfe\xba\xbe": gettext_lazy("macOS executable"),
    b"#!": gettext_lazy("script"),
}

KINDS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain; charset=utf-8",
}


class UploadRefused(ValueError):
    """The file cannot be accepted; `str(exc)` is the reason shown to the delegate; `status`
    the HTTP status (413 for a limit of size, 400 otherwise)."""

    def __init__(self, reason: str, status: int = 400) -> None:
        super().__init__(reason)
        self.status = status


@dataclass(frozen=True)
class CheckedFile:
    kind: str  # "pdf", "docx" or "txt"
    content_type: str
    size: int


def sniff(data: bytes) -> str | None:
    """The kind of a file from its bytes: "pdf", "docx", "txt", or None when none of these."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, ValueError):
            return None
        if "word/document.xml" in names and "[Content_Types].xml" in names:
            return "docx"
        return None
    head = data[:65536]
    if b"\x00" in head:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if any(ord(c) < 32 and c not in "\t\n\r\f" for c in text[:65536]):
        return None
    return "txt"


def check_statement_file(data: bytes, max_bytes: int = MAX_STATEMENT_BYTES) -> CheckedFile:
    if not data:
        raise UploadRefused(_("The file is empty."))
    if len(data) > max_bytes:
        raise UploadRefused(
            _("The file is too large (%(size)s MB); the limit is %(max)s MB.")
            % {"size": f"{len(data) / 1048576:.1f}", "max": f"{max_bytes / 1048576:.0f}"},
            413,
        )
    kind = sniff(data)
    if kind == "docx":
        try:  # from the archive's directory: a zip bomb is refused before anything opens it
            extract.check_docx(data)
        except extract.Refused as exc:
            raise _refusal(exc.code, exc.params) from None
    if kind is None:
        what = next((v for k, v in _EXECUTABLE_MAGIC.items() if data.startswith(k)), None)
        if what:
            raise UploadRefused(
                _(
                    "This file is a %(what)s, not a statement; whatever its name, only PDF, "
                    "DOCX or plain text files are accepted."
                )
                % {"what": what}
            )
        raise UploadRefused(
            _(
                "This file's content is not PDF, DOCX or plain text (UTF-8); whatever its name, "
                "only those are accepted."
            )
        )
    return CheckedFile(kind=kind, content_type=KINDS[kind], size=len(data))


def _refusal(code: str, params: dict[str, Any]) -> UploadRefused:
    mb = 1048576
    if code == "expands":
        return UploadRefused(
            _(
                "This document expands to %(size)s MB when opened; the limit is %(max)s MB. "
                "Save it again as a plain document, or as PDF."
            )
            % {"size": f"{params['size'] / mb:.0f}", "max": f"{params['limit'] / mb:.0f}"},
            413,
        )
    if code == "too_many_parts":
        return UploadRefused(
            _("This document has more than %(max)s parts; save it again as PDF.")
            % {"max": params["limit"]},
            413,
        )
    if code == "text_too_long":
        return UploadRefused(
            _("The statement's text is longer than %(max)s characters.")
            % {"max": f"{params['limit']:,}"},
            413,
        )
    if code == "dtd":
        return UploadRefused(
            _("This document declares entities (a DTD), which no statement needs; save it again.")
        )
    if code in ("memory", "timeout"):
        return UploadRefused(
            _("This file takes too much to read (more than %(seconds)s s or %(mb)s MB).")
            % {"seconds": f"{EXTRACT_TIMEOUT_S:.0f}", "mb": extract.MEMORY_BYTES // mb},
            413,
        )
    return UploadRefused(_("This file cannot be read; save it again as PDF or DOCX."))


def extract_text(data: bytes, kind: str) -> str:
    """The statement's text for search ("" when a PDF has no text layer, e.g. a scan), read by
    `podium.record.extract` in a process of its own (time and memory capped): what a file makes
    the parsers do never slows the server. UploadRefused names the limit a file meets.
    Plain text (already checked as UTF-8 within the size limit) needs no parser: it is read
    here, with the same text limit."""
    if kind == "txt":
        try:
            return extract.text_of(data, kind)
        except (extract.Refused, UnicodeDecodeError) as exc:
            code = exc.code if isinstance(exc, extract.Refused) else "unreadable"
            params = exc.params if isinstance(exc, extract.Refused) else {}
            raise _refusal(code, params) from None
    try:
        done = subprocess.run(
            [sys.executable, "-m", "podium.record.extract", kind],
            input=data,
            capture_output=True,
            timeout=EXTRACT_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        raise _refusal("timeout", {}) from None
    try:
        out = json.loads(done.stdout or b"{}")
    except ValueError:
        out = {}
    if "text" in out:
        return str(out["text"])
    # a refusal, or no answer at all: killed by its caps
    raise _refusal(str(out.get("refused") or "memory"), out)
