"""Statement files are checked by content, whatever their name says."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from weasyprint import HTML

from podium.record.uploads import UploadRefused, check_statement_file, extract_text, sniff


def docx_bytes(text: str) -> bytes:
    doc = Document()
    doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def pdf_bytes(text: str) -> bytes:
    return bytes(HTML(string=f"<p>{text}</p>").write_pdf())


def test_pdf_docx_and_text_are_recognised_and_their_text_extracted() -> None:
    for data, kind in [
        (pdf_bytes("We pledge climate finance"), "pdf"),
        (docx_bytes("We pledge climate finance"), "docx"),
        ("We pledge climate finance — à Genève".encode(), "txt"),
    ]:
        checked = check_statement_file(data)
        assert checked.kind == kind
        assert "pledge climate finance" in extract_text(data, kind)


def test_a_renamed_executable_is_refused_with_a_reason() -> None:
    exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
    with pytest.raises(UploadRefused, match="Windows executable"):
        check_statement_file(exe)  # e.g. uploaded as "statement.pdf"
    elf = b"\x7fELF\x02\x01\x01" + b"\x00" * 100
    with pytest.raises(UploadRefused, match="Linux executable"):
        check_statement_file(elf)


def test_a_zip_that_is_not_a_docx_and_an_image_are_refused() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("payload.exe", b"MZ")
    assert sniff(buf.getvalue()) is None
    with pytest.raises(UploadRefused, match="not PDF, DOCX or plain text"):
        check_statement_file(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)


def test_an_oversized_file_is_refused() -> None:
    data = b"%PDF-1.7\n" + b"0" * 2048
    with pytest.raises(UploadRefused, match="too large"):
        check_statement_file(data, max_bytes=1024)
    with pytest.raises(UploadRefused, match="empty"):
        check_statement_file(b"")
