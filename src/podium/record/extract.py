"""The text of a statement file, read in a process of its own with a time and memory cap.

`python -m podium.record.extract KIND` reads the file on stdin and writes one JSON line:
`{"text": ...}`, or `{"refused": code, ...}` when a limit is met. No Django here: the process
starts in ~0.1 s, and whatever a file makes the parsers do (a zip bomb, a billion laughs, a 1 GB
text node) happens in it, never in the server's request threads, and ends at its caps
(`podium.record.uploads` runs it and turns a refusal into the message the delegate reads).

Limits: the DOCX's parts may expand to `MAX_UNZIPPED_BYTES` in all and hold no DTD (a document
needs none; entity expansion needs one); the text may be `MAX_TEXT_CHARS` long.
"""

from __future__ import annotations

import io
import json
import resource
import sys
import zipfile
from typing import Any

from docx import Document
from pypdf import PdfReader

MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_TEXT_CHARS = 1_000_000
MEMORY_BYTES = 768 * 1024 * 1024
CPU_SECONDS = 20


class Refused(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def check_docx(data: bytes) -> None:
    """Refuse a DOCX whose parts expand beyond the limit, or that declares a DTD (from the
    archive's directory and each XML part's head: instant, whatever the file claims)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            if len(infos) > MAX_ENTRIES:
                raise Refused("too_many_parts", limit=MAX_ENTRIES)
            total = sum(i.file_size for i in infos)
            if total > MAX_UNZIPPED_BYTES:
                raise Refused("expands", size=total, limit=MAX_UNZIPPED_BYTES)
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    with z.open(info) as part:
                        head = part.read(4096)
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        raise Refused("dtd")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise Refused("unreadable") from exc


def text_of(data: bytes, kind: str) -> str:
    if kind == "txt":
        text = data.decode("utf-8")
    elif kind == "docx":
        check_docx(data)
        doc = Document(io.BytesIO(data))
        parts = [p.text for p in doc.paragraphs]
        for table in doc.tables:
            for row in table.rows:
                parts.extend(c.text for c in row.cells)
        text = "\n".join(p for p in parts if p.strip())
    elif kind == "pdf":
        pages = []
        size = 0
        for page in PdfReader(io.BytesIO(data)).pages:
            pages.append(page.extract_text() or "")
            size += len(pages[-1])
            if size > MAX_TEXT_CHARS:
                break
        text = "\n".join(pages).strip()
    else:
        raise Refused("unreadable")
    if len(text) > MAX_TEXT_CHARS:
        raise Refused("text_too_long", limit=MAX_TEXT_CHARS)
    return text


def main() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    kind = sys.argv[1]
    data = sys.stdin.buffer.read()
    try:
        out: dict[str, Any] = {"text": text_of(data, kind)}
    except Refused as exc:
        out = {"refused": exc.code, **exc.params}
    except MemoryError:
        out = {"refused": "memory", "limit": MEMORY_BYTES}
    except Exception:  # noqa: BLE001 - a file the parsers cannot read (a PDF without text is "")
        out = {"text": ""} if kind == "pdf" else {"refused": "unreadable"}
    sys.stdout.write(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
