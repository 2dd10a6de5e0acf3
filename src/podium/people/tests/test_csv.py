"""CSV import with a dry run that names each bad row by line, and export in the same format."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from podium.people.csvio import export_csv, import_csv
from podium.people.models import Person, Role
from podium.people.services import grant

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("entities")]

HEADER = "title,given_name,family_name,gender,function,entity,email,role,panel,username\n"
GOOD = (
    HEADER
    + "H.E.,Ana,García,female,ambassador,MEX,ana@example.org,delegate,,ana\n"
    + "Dr.,Ben,Okafor,male,expert,IOM,ben@example.org,expert,1,\n"
    + "Mr.,Karim,Rahman,,minister,BGD,,moderator,2,\n"
)
BROKEN = (
    HEADER
    + "H.E.,Ana,García,female,ambassador,MEX,ana@example.org,delegate,,ana\n"  # line 2: good
    + "Dr.,Ben,Okafor,male,expert,XYZ,ben@example,expert,,\n"  # line 3: 3 problems
    + "Mr.,,,,,MEX,,chief,,\n"  # line 4: no family name, unknown role
    + "Ms.,Li,Wei,woman,,CHN,,delegate,one,\n"  # line 5: gender, panel
    + "H.E.,Ana,García,female,ambassador,MEX,ana@example.org,delegate,,ana\n"  # line 6: duplicate
)


def test_dry_run_reports_every_bad_row_by_line_and_imports_nothing(session: Any) -> None:
    for dry_run in (True, False):
        report = import_csv(session, BROKEN.encode(), dry_run=dry_run)
        assert not report.ok and not report.imported
        lines = {line for line, _m in report.errors}
        assert lines == {3, 4, 5, 6}
        messages = [m for line, m in report.errors if line == 3]
        assert any("unknown entity code XYZ" in m for m in messages)
        assert any("invalid e-mail" in m for m in messages)
        assert any("needs a panel number" in m for m in messages)
        assert any("same person and role as line 2" in m for line, m in report.errors if line == 6)
    assert Person.objects.count() == 0 and Role.objects.count() == 0


def test_unknown_columns_are_refused_on_line_1(session: Any) -> None:
    report = import_csv(session, "family_name,role,colour\nX,public,red\n", dry_run=True)
    assert report.errors == [(1, "unknown columns: colour")]


def test_good_file_imports_once_and_exports_back(session: Any) -> None:
    dry = import_csv(session, GOOD.encode("utf-8-sig"), dry_run=True)
    assert dry.ok and dry.rows == 3 and Person.objects.count() == 0
    report = import_csv(session, GOOD.encode(), dry_run=False)
    assert report.imported and report.persons_created == 3 and report.roles_created == 3
    assert report.accounts_created == 1
    ana = Person.objects.get(email="ana@example.org")
    assert ana.user.username == "ana" and ana.entity.code == "MEX" and ana.function == "ambassador"
    assert Role.objects.get(person__family_name="Rahman").panel == 2
    # importing again creates nothing new
    again = import_csv(session, GOOD.encode(), dry_run=False)
    assert again.persons_created == 0 and again.roles_created == 0
    exported = export_csv(session)
    assert exported.splitlines()[0].startswith("title,given_name,family_name")
    assert "García" in exported and ",expert,1," in exported
    # the export is importable as it is
    assert import_csv(session, exported, dry_run=True).ok


def test_import_command_and_secretariat_page(session: Any, tmp_path: Any) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(BROKEN, encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_people", session.slug, str(bad), stderr=err)
    assert "line 3:" in err.getvalue() and "line 4:" in err.getvalue()
    good = tmp_path / "good.csv"
    good.write_text(GOOD, encoding="utf-8")
    out = StringIO()
    call_command("import_people", session.slug, str(good), "--dry-run", stdout=out)
    assert Person.objects.count() == 0

    client = Client()
    client.force_login(grant("sec", "secretariat", session).user)
    response = client.post(
        f"/sessions/{session.slug}/people/",
        {"file": SimpleUploadedFile("list.csv", BROKEN.encode()), "dry_run": ""},
    )
    assert response.status_code == 400
    assert "line 5" in response.content.decode()
    assert Person.objects.count() == 1  # only the secretariat officer
    response = client.post(
        f"/sessions/{session.slug}/people/",
        {"file": SimpleUploadedFile("list.csv", GOOD.encode())},
    )
    assert response.status_code == 302
    assert Role.objects.filter(session=session).count() == 4
    csv_response = client.get(f"/sessions/{session.slug}/people.csv")
    assert csv_response["Content-Type"].startswith("text/csv")
    assert "Okafor" in csv_response.content.decode()


def test_coded_values_match_without_regard_to_case_and_by_their_label(session: Any) -> None:
    """As a secretariat officer writes them: `Expert`, `Head of State`, `Female`, `Delegate`."""
    data = (
        HEADER
        + "Dr.,Ben,Okafor,Male,Expert,IOM,,Expert,1,\n"
        + "H.E.,Ana,García,FEMALE,Head of State,MEX,,delegate,,\n"
        + "Mr.,Karim,Rahman,,Ambassador / Permanent Representative,BGD,,MODERATOR,2,\n"
    )
    report = import_csv(session, data.encode(), dry_run=False)
    assert report.imported, report.errors
    ben = Person.objects.get(family_name="Okafor")
    assert (ben.gender, ben.function) == ("male", "expert")
    assert ben.roles.get().role == "expert"
    assert Person.objects.get(family_name="García").function == "head-of-state"
    assert Person.objects.get(family_name="Rahman").roles.get().role == "moderator"
    report = import_csv(session, (HEADER + "Dr.,Ben,Okafor,,Wizard,IOM,,expert,1,\n").encode())
    assert report.errors == [(2, "unknown function Wizard")]


def test_a_cell_beyond_its_fields_bound_or_with_a_control_character_is_named_by_line(
    session: Any,
) -> None:
    data = (
        HEADER
        + "Dr.,"
        + "B" * 101
        + ",Okafor,,,IOM,,expert,1,\n"
        + "Dr.,Ben,Oka\x00for,,,IOM,,expert,1,\n"
        + "Dr.,Ben,Okafor,,,IOM,,expert,²,\n"
        + "Dr.,Ben,Okafor,,,IOM,,expert,"
        + "9" * 40
        + ",\n"
    )
    for dry_run in (True, False):
        report = import_csv(session, data.encode(), dry_run=dry_run)
        assert not report.imported
        assert (2, "given_name is longer than 100 characters") in report.errors
        assert (3, "family_name holds a control character") in report.errors
        assert any(line == 4 and "panel must be" in m for line, m in report.errors)
        assert (5, "panel is longer than 3 characters") in report.errors
    assert Person.objects.count() == 0
