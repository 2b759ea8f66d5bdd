"""Ethnic group, Sex and Disability columns in a register sheet: imported only while monitoring
is on, otherwise ignored with a note; bad values name their row."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachdesk.errors import UserError
from coachdesk.services.equality import get_equality
from coachdesk.services.settings import update_settings
from coachdesk.services.spreadsheet import import_register

SHEET = (
    "Name,Email,Ethnicity,Gender,Disabled\n"
    "Ada Lovelace,ada@fenland.nhs.example,Indian,F,No\n"
    "Sam Okafor,sam@fenland.nhs.example,Black African,Male,Prefer not to say\n"
    "Lee Brown,lee@fenland.nhs.example,,,\n"
)


def _sheet(tmp_path: Path, text: str = SHEET) -> Path:
    path = tmp_path / "register.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_columns_are_ignored_with_a_note_while_monitoring_is_off(db, tmp_path: Path) -> None:
    report = import_register(db, _sheet(tmp_path))
    assert len(report.added) == 3
    [note] = [n for n in report.notes if "equality monitoring" in n]
    assert '"Ethnicity", "Gender", "Disabled" were not imported' in note
    update_settings(db, {"equality_monitoring": True})
    fields = get_equality(db, "ada@fenland.nhs.example")
    assert (fields.ethnic_group, fields.sex, fields.disability) == (None, None, None)


def test_columns_are_imported_as_codes_while_monitoring_is_on(db, tmp_path: Path) -> None:
    update_settings(db, {"equality_monitoring": True})
    report = import_register(db, _sheet(tmp_path))
    assert not [n for n in report.notes if "equality monitoring" in n]
    ada = get_equality(db, "ada@fenland.nhs.example")
    assert (ada.ethnic_group, ada.sex, ada.disability) == ("asian_indian", "female", "no")
    sam = get_equality(db, "sam@fenland.nhs.example")
    assert (sam.ethnic_group, sam.sex, sam.disability) == (
        "black_african",
        "male",
        "prefer_not_to_say",
    )
    assert get_equality(db, "lee@fenland.nhs.example").ethnic_group is None


def test_a_value_coachdesk_does_not_know_names_its_row(db, tmp_path: Path) -> None:
    update_settings(db, {"equality_monitoring": True})
    bad = "Name,Email,Ethnic group\nAda Lovelace,ada@fenland.nhs.example,Martian\n"
    with pytest.raises(UserError) as err:
        import_register(db, _sheet(tmp_path, bad))
    assert any("'Martian' is not an ethnic group" in p for p in err.value.problems)


def test_the_register_exports_never_carry_the_answers(db, tmp_path: Path) -> None:
    from coachdesk.services.spreadsheet.export import register_csv_bytes, workbook_bytes

    update_settings(db, {"equality_monitoring": True})
    import_register(db, _sheet(tmp_path))
    text = register_csv_bytes(db)[0].decode("utf-8-sig")
    assert "Ada Lovelace" in text
    assert "asian" not in text.lower() and "Indian" not in text and "female" not in text
    book, _ = workbook_bytes(db)
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(book)) as z:
        xml = " ".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    assert "Ada Lovelace" in xml
    assert "asian_indian" not in xml and "black_african" not in xml and "Ethnic" not in xml
