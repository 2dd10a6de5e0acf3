"""Statement files are checked by content, whatever their name says."""

from __future__ import annotations

import io
import zipfile
from typing import Any

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


def with_part(docx: bytes, name: str, content: bytes) -> bytes:
    """The DOCX with one more part (deflated, as Word writes them)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == name:
                data = content
            dst.writestr(item, data)
        if name not in src.namelist():
            dst.writestr(name, content)
    return out.getvalue()


def test_a_zip_bomb_is_refused_from_its_directory_naming_the_limit() -> None:
    """Finding: a 795 kB DOCX expanding to 200 MB of XML was accepted after 62 s, the server
    going from 494 MB to 4 GB; the text was stored and served to anyone."""
    bomb = with_part(docx_bytes("Statement"), "word/bomb.xml", b"<a>" + b"0" * (60 << 20) + b"</a>")
    assert len(bomb) < 1 << 20  # well under the 10 MB upload limit
    with pytest.raises(UploadRefused, match="expands to 6. MB") as info:
        check_statement_file(bomb)
    assert info.value.status == 413 and "50 MB" in str(info.value)


def test_a_document_declaring_entities_is_refused() -> None:
    """Finding: a billion-laughs DOCX answered 500."""
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 9))
        + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&lol8;</w:t></w:r></w:p></w:body></w:document>"
    )
    bomb = with_part(docx_bytes("x"), "word/document.xml", laughs)
    with pytest.raises(UploadRefused, match="entities"):
        check_statement_file(bomb)


def test_a_text_beyond_its_limit_is_refused() -> None:
    long = ("Remittances " * 100_000).encode()  # 1.2 million characters, 1.2 MB
    checked = check_statement_file(long)
    with pytest.raises(UploadRefused, match="longer than 1,000,000 characters") as info:
        extract_text(long, checked.kind)
    assert info.value.status == 413


def test_reading_a_file_is_capped_in_time_in_a_process_of_its_own(monkeypatch: Any) -> None:
    from podium.record import uploads

    monkeypatch.setattr(uploads, "EXTRACT_TIMEOUT_S", 0.001)
    with pytest.raises(UploadRefused, match="takes too much to read") as info:
        extract_text(pdf_bytes("We pledge"), "pdf")
    assert info.value.status == 413
