"""`podium import_statements SLUG FILE.csv`: the statements of an earlier session, checked as
uploads are, every bad row named by its line, all or nothing, and never twice."""

from __future__ import annotations

import os
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db.models.signals import post_save
from django.test import Client

from podium.record import statement_import
from podium.record.models import Statement
from podium.record.tests.test_uploads import docx_bytes, pdf_bytes, with_part

HEADER = "entity,segment,language,date,text,path\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The secretariat's folder: the CSV and the statements' files beside it."""
    folder = tmp_path / "earlier"
    (folder / "files").mkdir(parents=True)
    return folder


def run(folder: Path, content: str | bytes, *args: str) -> tuple[bool, str, str, str]:
    """(succeeded, stdout, stderr, the CSV's name as the report writes it)."""
    csv = folder / "statements.csv"
    csv.write_bytes(content.encode() if isinstance(content, str) else content)
    out, err = StringIO(), StringIO()
    try:
        call_command(
            "import_statements", "gcm-its2-drivers", str(csv), *args, stdout=out, stderr=err
        )
    except CommandError as exc:
        return False, out.getvalue(), err.getvalue() + str(exc), str(csv)
    return True, out.getvalue(), err.getvalue(), str(csv)


def stored_files(media_root: Path) -> list[Path]:
    return [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []


def test_text_and_file_rows_become_statements_as_uploads_are(
    session: Any, folder: Path, media_root: Path
) -> None:
    (folder / "files" / "deu.txt").write_text(
        "Deutschland unterstützt sichere Wege für Migranten.", encoding="utf-8"
    )
    (folder / "files" / "bgd.docx").write_bytes(
        docx_bytes("Bangladesh calls for cheaper remittances and decent work for migrants.")
    )
    (folder / "nga.pdf").write_bytes(pdf_bytes("Nigeria pledges data on climate displacement."))
    saved: list[Statement] = []

    def on_save(sender: Any, instance: Statement, created: bool, **kw: Any) -> None:
        if created:
            saved.append(instance)

    post_save.connect(on_save, sender=Statement, dispatch_uid="test-import")
    try:
        ok, out, err, _name = run(
            folder,
            HEADER
            + "MEX,panel-1,es,2017-05-22,México propone alianzas regionales para la migración.,\n"
            + "DEU,panel-2,en,,,files/deu.txt\n"
            + "bgd,panel-3,en,2017-05-23,,files/bgd.docx\n"
            + f"NGA,,en,2017-05-23,,{folder / 'nga.pdf'}\n",  # absolute, inside the folder
        )
    finally:
        post_save.disconnect(dispatch_uid="test-import")
    assert ok, err
    assert out.strip().endswith("4 statements imported, 0 already there.")
    assert len(saved) == 4  # through the model's save: an indexer hooked on it sees each
    by = {st.entity.code: st for st in Statement.objects.select_related("entity", "segment")}
    mex, deu, bgd, nga = by["MEX"], by["DEU"], by["BGD"], by["NGA"]
    assert mex.kind == "txt" and mex.segment.panel_number == 1 and mex.language == "es"
    assert mex.file.read().decode() == "México propone alianzas regionales para la migración."
    assert mex.detected_language == "es" and mex.size == len(mex.text.encode())
    assert deu.kind == "txt" and deu.original_name == "deu.txt"
    assert bgd.kind == "docx" and "cheaper remittances" in bgd.text
    assert nga.kind == "pdf" and "climate displacement" in nga.text and nga.segment is None
    assert mex.delivered_at.isoformat() == "2017-05-22T16:00:00+00:00"  # noon in New York
    # dated: delivered, public; undated: public once the record shows it delivered
    anonymous = Client()
    assert anonymous.get(f"/sessions/{session.slug}/statements/{mex.pk}/").status_code == 200
    assert anonymous.get(f"/sessions/{session.slug}/statements/{deu.pk}/").status_code == 404
    assert len(stored_files(media_root)) == 4


def test_importing_the_same_file_again_duplicates_nothing(session: Any, folder: Path) -> None:
    (folder / "files" / "bgd.docx").write_bytes(
        docx_bytes("Bangladesh calls for cheaper remittances.")
    )
    content = (
        HEADER
        + "MEX,panel-1,es,2017-05-22,México propone alianzas regionales.,\n"
        + "BGD,panel-3,en,2017-05-23,,files/bgd.docx\n"
    )
    assert run(folder, content)[0]
    ok, out, err, name = run(folder, content + "PER,panel-1,es,2017-05-22,Perú también.,\n")
    assert ok, err
    assert f"{name}:2: already imported" in out and f"{name}:3: already imported" in out
    assert out.strip().endswith("1 statement imported, 2 already there.")
    assert Statement.objects.count() == 3


def test_every_bad_row_is_named_by_line_and_column_and_nothing_is_imported(
    session: Any, folder: Path, tmp_path: Path, media_root: Path, settings: Any
) -> None:
    files = folder / "files"
    (tmp_path / "secret.txt").write_text("not for the record")
    (files / "statement.pdf").write_bytes(b"MZ\x90\x00\x03" + b"\x00" * 500)
    bomb = with_part(docx_bytes("Statement"), "word/bomb.xml", b"<a>" + b"0" * (60 << 20) + b"</a>")
    settings.PODIUM_MAX_STATEMENT_BYTES = len(bomb) + 1  # the bomb is small; big.pdf is not
    (files / "bomb.docx").write_bytes(bomb)
    (files / "big.pdf").write_bytes(b"%PDF-1.7\n" + b"0" * (len(bomb) + 10))
    os.symlink(tmp_path / "secret.txt", files / "link.txt")
    rows = [
        "MEX,panel-1,es,2017-05-22,Un buen renglón que no se importa.,",  # 2: good
        "XYZ,panel-1,en,2017-05-22,Text.,",  # 3
        "G77,panel-1,en,2017-05-22,Text.,",  # 4
        "MEX,panel-9,en,2017-05-22,Text.,",  # 5
        "MEX,lunch-2017-05-22-1300,en,2017-05-22,Text.,",  # 6
        "MEX,panel-1,pt,2017-05-22,Text.,",  # 7
        "MEX,panel-1,en,22/05/2017,Text.,",  # 8
        "MEX,,en,2017-06-01,Text.,",  # 9
        "MEX,panel-3,en,2017-05-22,Text.,",  # 10: panel 3 was on the 23rd
        "MEX,panel-1,en,2017-05-22,Text.,files/deu.txt",  # 11
        "MEX,panel-1,en,2017-05-22,,",  # 12
        "MEX,panel-1,en,2017-05-22,,../../secret.txt",  # 13
        f"MEX,panel-1,en,2017-05-22,,{tmp_path / 'secret.txt'}",  # 14
        "MEX,panel-1,en,2017-05-22,,files/link.txt",  # 15
        "MEX,panel-1,en,2017-05-22,,files/missing.pdf",  # 16
        "MEX,panel-1,en,2017-05-22,,files/big.pdf",  # 17
        "MEX,panel-1,en,2017-05-22,,files/statement.pdf",  # 18
        "MEX,panel-1,en,2017-05-22,,files/bomb.docx",  # 19
        "MEX,panel-1,en,2017-05-22,Nul\x00here.,",  # 20
        "ME\x07X,panel-1,en,2017-05-22,Text.,",  # 21
        "MEX,panel-1,en,2017-05-22,Text.",  # 22
        "MEX,panel-1,es,2017-05-22,Un buen renglón que no se importa.,",  # 23: twice
        "MEX,panel-1,en,2017-05-22,Bell \x07 in the text.,",  # 24
        f"{'M' * 41},panel-1,en,2017-05-22,Text.,",  # 25
        "M\x00X,panel-1,xx,2017-05-22,Text.,",  # 26: two problems, both named
    ]
    ok, out, err, name = run(folder, HEADER + "\n".join(rows) + "\n")
    assert not ok
    expected = {
        3: "entity: unknown entity code XYZ",
        4: "entity: G77 is a group",
        5: "segment: unknown segment panel-9 (this session's: ",
        6: "segment: no one takes the floor in lunch-2017-05-22-1300",
        7: "language: unknown language pt (one of ar, zh, en, fr, ru, es, other)",
        8: "date: 22/05/2017 is not a date YYYY-MM-DD",
        9: "date: 2017-06-01 is not a day of this session (2017-05-22 to 2017-05-23)",
        10: "date: panel-3 was held on 2017-05-23, not 2017-05-22",
        11: "text: give the statement's text or a path to its file, not both",
        12: "text: empty: give the statement's text, or a path to its file",
        13: "path: ../../secret.txt is outside the CSV file's folder",
        14: f"path: {tmp_path / 'secret.txt'} is outside the CSV file's folder",
        15: "path: files/link.txt is outside the CSV file's folder",
        16: "path: no such file: files/missing.pdf",
        17: "path: files/big.pdf: The file is too large",
        18: "path: files/statement.pdf: This file is a Windows executable",
        19: "path: files/bomb.docx: This document expands to 6",
        20: "text: holds a NUL character",
        21: "entity: holds a control character (U+0007)",
        22: "row: 5 cells where the header has 6 columns",
        23: "row: the same statement as line 2",
        24: "text: holds a control character (U+0007)",
        25: "entity: is longer than 40 characters",
        26: "language: unknown language xx",
    }
    lines = err.splitlines()
    for line, message in expected.items():
        assert any(entry.startswith(f"{name}:{line}: {message}") for entry in lines), (line, err)
    assert f"{name}:26: entity: holds a NUL character" in lines
    assert not any(entry.startswith(f"{name}:2:") for entry in lines)
    assert f"{len(expected) + 1} problems; nothing was imported." in err
    assert not Statement.objects.exists() and not stored_files(media_root)


def test_a_multi_line_text_counts_its_lines(session: Any, folder: Path) -> None:
    ok, _out, err, name = run(
        folder,
        HEADER
        + 'MEX,panel-1,es,2017-05-22,"Primer párrafo.\n\nSegundo párrafo, con ""comillas"".",\n'
        + 'XYZ,panel-1,en,2017-05-22,"A statement\non two lines.",\n'  # starts on line 5
        + "MEX,panel-1,klingon,2017-05-22,Text.,\n",  # line 7
    )
    assert not ok
    assert f"{name}:5: entity: unknown entity code XYZ" in err
    assert f"{name}:7: language: unknown language klingon" in err
    ok, _out, err, _name = run(
        folder,
        HEADER + 'MEX,panel-1,es,2017-05-22,"Primer párrafo.\n\nSegundo, con ""comillas"".",\n',
    )
    assert ok, err
    assert Statement.objects.get().text == 'Primer párrafo.\n\nSegundo, con "comillas".'


def test_a_dry_run_checks_everything_and_writes_nothing(
    session: Any, folder: Path, media_root: Path
) -> None:
    good = HEADER + "MEX,panel-1,es,2017-05-22,México propone alianzas.,\n"
    ok, out, _err, _name = run(folder, good, "--dry-run")
    assert ok and "1 statement would be imported, 0 already there (dry run" in out
    assert not Statement.objects.exists() and not stored_files(media_root)
    ok, _out, err, name = run(folder, good + "XYZ,panel-1,es,2017-05-22,Otra.,\n", "--dry-run")
    assert not ok and f"{name}:3: entity: unknown entity code XYZ" in err


def test_utf8_with_a_bom_and_semicolons_are_read(session: Any, folder: Path) -> None:
    content = "entity;segment;language;date;text\nMEX;panel-1;fr;2017-05-22;Le Mexique s'engage.\n"
    ok, out, err, _name = run(folder, content.encode("utf-8-sig"))
    assert ok, err
    assert Statement.objects.get().text == "Le Mexique s'engage."


def test_a_file_not_in_utf8_is_refused_naming_its_lines(session: Any, folder: Path) -> None:
    content = (
        HEADER + "MEX,panel-1,fr,2017-05-22,Text.,\r\nMEX,panel-1,fr,2017-05-22,Déclaration,\r\n"
    )
    ok, _out, err, name = run(folder, content.encode("cp1252"))
    assert not ok
    assert f"{name}:3: encoding: this line is not UTF-8 (byte 0xe9" in err
    assert f"{name}:2:" not in err and not Statement.objects.exists()


def test_a_bad_header_or_no_rows_is_refused_on_line_1(session: Any, folder: Path) -> None:
    ok, _out, err, name = run(
        folder, "entity,segment,lang,date,text,colour\nMEX,panel-1,fr,,x,red\n"
    )
    assert not ok
    assert f"{name}:1: header: unknown columns: lang, colour" in err
    assert f"{name}:1: header: missing columns: language" in err
    ok, _out, err, name = run(folder, "entity,segment,language,date\n")
    assert not ok and f"{name}:1: header: missing columns: text or path" in err
    ok, _out, err, name = run(folder, HEADER + "\n,,,,,\n")
    assert not ok and f"{name}:1: header: the file has a header but no statements" in err
    ok, _out, err, name = run(folder, b"")
    assert not ok and f"{name}:1: header: the file is empty" in err
    assert not Statement.objects.exists()


def test_a_file_changed_after_its_check_is_not_imported(
    session: Any, folder: Path, media_root: Path, monkeypatch: Any
) -> None:
    (folder / "a.txt").write_text("Mexico's first statement.")
    (folder / "b.txt").write_text("Mexico's second statement.")
    check = statement_import.check_file

    def check_then_change(*args: Any) -> Any:
        report = check(*args)
        (folder / "b.txt").write_text("Something else entirely.")
        return report

    monkeypatch.setattr(statement_import, "check_file", check_then_change)
    ok, _out, err, name = run(
        folder, HEADER + "MEX,panel-1,en,2017-05-22,,a.txt\nMEX,panel-2,en,2017-05-22,,b.txt\n"
    )
    assert not ok and f"{name}:3: path: b.txt changed while it was imported" in err
    assert not Statement.objects.exists() and not stored_files(media_root)


def test_a_failure_while_writing_leaves_no_statement_and_no_file(
    session: Any, folder: Path, media_root: Path, monkeypatch: Any
) -> None:
    def database_gone(*args: Any) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(statement_import.services, "sync_delivered", database_gone)
    with pytest.raises(RuntimeError):
        run(folder, HEADER + "MEX,panel-1,es,2017-05-22,Uno.,\nPER,panel-1,es,2017-05-22,Dos.,\n")
    assert not Statement.objects.exists() and not stored_files(media_root)


def test_broken_quoting_is_named_at_the_row_where_it_starts(session: Any, folder: Path) -> None:
    ok, _out, err, name = run(
        folder,
        HEADER
        + 'MEX,panel-1,es,2017-05-22,"Un párrafo\nen dos líneas.",\n'
        + 'PER,panel-1,es,2017-05-22,"Sin cerrar las comillas,\n'  # line 4, to the end
        + "MEX,panel-2,es,2017-05-22,Otra.,\n",
    )
    assert not ok
    assert f"{name}:4: row: malformed CSV (" in err and "the rest of the file is not read" in err
    assert not Statement.objects.exists()


def test_the_report_speaks_the_language_asked_for(session: Any, folder: Path) -> None:
    content = HEADER + "MEX,panel-1,es,2017-05-22,Uno.,\nMEX,panel-1,es,2017-05-22,,no.pdf\n"
    ok, _out, err, name = run(folder, content, "--language", "fr")
    assert not ok and f"{name}:3: path: fichier introuvable\u00a0: no.pdf" in err
    assert "1 problème\u00a0; rien n'a été importé." in err
    ok, out, _err, _name = run(
        folder, HEADER + "MEX,panel-1,es,2017-05-22,Uno.,\n", "--language", "ru"
    )
    assert ok and out.strip().endswith("импортировано 1 заявление, 0 уже было.")
