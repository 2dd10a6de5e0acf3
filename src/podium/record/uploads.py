"""Statement files: type checked by content (never by name), size limited, text extracted.

Accepted: PDF (starts with `%PDF-`), DOCX (a ZIP holding `word/document.xml` and
`[Content_Types].xml`), and plain text (valid UTF-8 without control bytes). Anything else — a
renamed executable, an image, an old binary .doc — is refused with a reason the delegate can act on.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx import Document
from pypdf import PdfReader
from pypdf.errors import PyPdfError

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
    """The file cannot be accepted; `str(exc)` is the reason shown to the delegate."""


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
            % {"size": f"{len(data) / 1048576:.1f}", "max": f"{max_bytes / 1048576:.0f}"}
        )
    kind = sniff(data)
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


def extract_text(data: bytes, kind: str) -> str:
    """The statement's text for search; "" when a PDF has no text layer (e.g. a scan)."""
    if kind == "txt":
        return data.decode("utf-8")
    if kind == "docx":
        doc = Document(io.BytesIO(data))
        parts = [p.text for p in doc.paragraphs]
        for table in doc.tables:
            for row in table.rows:
                parts.extend(c.text for c in row.cells)
        return "\n".join(p for p in parts if p.strip())
    if kind == "pdf":
        try:
            reader = PdfReader(io.BytesIO(data))
            return "\n".join((page.extract_text() or "") for page in reader.pages).strip()
        except (PyPdfError, ValueError, KeyError, TypeError):
            return ""
    return ""
