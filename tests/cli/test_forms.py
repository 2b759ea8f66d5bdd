"""`coachdesk forms` and `coachdesk import FORM.pdf …` on the small demo, filled by pypdf."""

from __future__ import annotations

import io
import json
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfWriter
from reportlab.pdfgen.canvas import Canvas

from coachdesk.app import main
from coachdesk.services.evaluation_forms import EVALUATION_RULES
from tests.helpers.forms import answer_all, field_values, fill
from tests.helpers.sqlitefile import sqlite_file

TODAY = "2026-12-07"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def _demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    assert main(["--db", str(path), "demo", "--today", TODAY]) == 0
    with sqlite_file(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def demo(_demo_file: Path, tmp_path: Path) -> str:
    """A fresh copy of the small demo hub for each test."""
    path = tmp_path / "hub.sqlite"
    shutil.copyfile(_demo_file, path)
    return str(path)


def _evaluation_alerts(capsys: pytest.CaptureFixture[str], db: str) -> list[dict[str, object]]:
    code, out, err = run(capsys, "--db", db, "check", "--today", TODAY, "--json")
    assert code == 0, err
    return json.loads(out)


def _count(db: str) -> int:
    with sqlite_file(db) as conn:
        return int(conn.execute("SELECT count(*) FROM evaluations").fetchone()[0])


def _which(pdf: bytes) -> tuple[str, str]:
    """(relationship id, kind) from a form's reference field."""
    parts = dict(w.split("=", 1) for w in str(field_values(pdf)["coachdesk.form"]).split()[1:])
    return parts["rel"], parts["kind"]


def _write_forms(capsys, db: str, out: Path) -> dict[tuple[str, str], Path]:
    code, printed, err = run(
        capsys, "--db", db, "forms", "--all-due", "--out", str(out), "--today", TODAY
    )
    assert code == 0, err
    files = sorted(out.glob("*.pdf"))
    assert printed.startswith(f"{len(files)} evaluation forms written to {out}")
    forms = {_which(p.read_bytes()): p for p in files}
    assert len(forms) == len(files)  # one form per evaluation, none twice
    return forms


def test_forms_for_every_missing_evaluation_filled_and_imported_clear_exactly_those_alerts(
    capsys: pytest.CaptureFixture[str], demo: str, tmp_path: Path
) -> None:
    before = _evaluation_alerts(capsys, demo)
    missing = {
        (a["relationship"], EVALUATION_RULES[a["rule"]].value): a
        for a in before
        if a["rule"] in EVALUATION_RULES
    }
    assert len(missing) == 4  # the demo plants each evaluation rule once
    forms = _write_forms(capsys, demo, tmp_path / "forms")
    assert set(missing) <= set(forms)

    returned = []
    for key, alert in missing.items():
        pdf = forms[key].read_bytes()
        # Dated the day before the alert began: a pre-evaluation then precedes the first session.
        day = date.fromisoformat(str(alert["since"])) - timedelta(days=1)
        filled = tmp_path / f"returned {len(returned) + 1}.pdf"
        filled.write_bytes(fill(pdf, answer_all(pdf), completed_on=day.strftime("%d/%m/%Y")))
        returned.append(str(filled))
    count = _count(demo)
    code, out, err = run(capsys, "--db", demo, "import", *returned, "--today", TODAY)
    assert code == 0, err
    assert out.splitlines()[-1] == "4 forms: 4 recorded."
    assert "returned 1.pdf: recorded the " in out
    assert _count(demo) == count + 4

    after = _evaluation_alerts(capsys, demo)
    cleared = [a for a in before if a not in after]
    assert sorted(json.dumps(a, sort_keys=True) for a in cleared) == sorted(
        json.dumps(a, sort_keys=True) for a in missing.values()
    )
    assert all(a in before for a in after)

    code, out, err = run(capsys, "--db", demo, "import", *returned, "--today", TODAY)
    assert code == 0, err
    assert out.splitlines()[-1] == "4 forms: 4 already recorded."
    assert _count(demo) == count + 4


def test_forms_for_one_person_and_for_someone_with_none(
    capsys: pytest.CaptureFixture[str], demo: str, tmp_path: Path
) -> None:
    alert = next(
        a for a in _evaluation_alerts(capsys, demo) if a["rule"] == "post-evaluation-missing"
    )
    out_dir = tmp_path / "one"
    code, out, err = run(capsys, "--db", demo, "forms", "--person", str(alert["person"]).upper(),
                         "--out", str(out_dir), "--today", TODAY)  # fmt: skip
    assert code == 0, err
    files = list(out_dir.glob("*.pdf"))
    assert files and (alert["relationship"], "post") in {_which(f.read_bytes()) for f in files}
    assert f"for {alert['person']}" in out.splitlines()[0]

    code, _, err = run(capsys, "--db", demo, "forms", "--person", "nobody@example.nhs.uk",
                       "--out", str(out_dir), "--today", TODAY)  # fmt: skip
    assert code == 1 and "No person has the e-mail 'nobody@example.nhs.uk'" in err
    code, _, err = run(capsys, "--db", demo, "forms", "--out", str(out_dir))
    assert code == 2 and "one of the arguments --person --all-due is required" in err


def _encrypted(pdf: bytes) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _not_a_form() -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(72, 720, "Minutes of the hub meeting")
    canvas.save()
    return out.getvalue()


@dataclass(frozen=True)
class BadForms:
    """A hub whose forms have been written, and returned forms that must all be refused."""

    hub: Path
    folder: Path
    good: Path


#: file name -> words the refusal must contain.
REFUSALS = {
    "tampered.pdf": "check value does not match",
    "forged check.pdf": "check value does not match",
    "other hub.pdf": "a form of another hub or another coachdesk database",
    "encrypted.pdf": "is encrypted (password-protected)",
    "truncated.pdf": "is damaged or incomplete",
    "not a form.pdf": "is not a coachdesk evaluation form",
    "nine.pdf": "statement 3 ('My morale at work is good') has the answer '9'; the answers are 1 to 5",
    "unanswered.pdf": "statement 4 is not answered",
    "old date.pdf": "is not a date between 1900-01-01 and 2099-12-31",
    "spreadsheet.pdf": "is not a PDF",
    "huge.pdf": "is 50.0 MB",
}


@pytest.fixture(scope="module")
def _bad_forms(_demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> BadForms:
    folder = tmp_path_factory.mktemp("bad")
    hub, other = folder / "hub.sqlite", folder / "other.sqlite"
    shutil.copyfile(_demo_file, hub)
    shutil.copyfile(_demo_file, other)  # a copy of the same hub: same ids, its own forms
    forms, theirs = {}, {}
    for db, out, into in ((hub, folder / "forms", forms), (other, folder / "theirs", theirs)):
        assert (
            main(["--db", str(db), "forms", "--all-due", "--out", str(out), "--today", TODAY]) == 0
        )
        into.update({_which(p.read_bytes()): p for p in out.glob("*.pdf")})
    key, path = next((k, p) for k, p in sorted(forms.items()) if k[1] == "post")
    pdf = path.read_bytes()
    good = fill(pdf, answer_all(pdf), completed_on="01/12/2026")
    reference = str(field_values(pdf)["coachdesk.form"])
    other_key = next(k for k in forms if k[1] == "post" and k != key)
    tampered = reference.replace(f"rel={key[0]}", f"rel={other_key[0]}")
    check = reference.rsplit("check=", 1)[1]
    forged = reference.replace(check, check[::-1])
    their_pdf = theirs[key].read_bytes()
    answers = answer_all(pdf)
    bad = {
        "tampered.pdf": fill(
            pdf, answers, completed_on="01/12/2026", extra={"coachdesk.form": tampered}
        ),
        "forged check.pdf": fill(
            pdf, answers, completed_on="01/12/2026", extra={"coachdesk.form": forged}
        ),
        "other hub.pdf": fill(their_pdf, answer_all(their_pdf), completed_on="01/12/2026"),
        "encrypted.pdf": _encrypted(good),
        "truncated.pdf": good[: len(good) // 2],
        "not a form.pdf": _not_a_form(),
        "nine.pdf": fill(pdf, answers | {"item.morale": "9"}, completed_on="01/12/2026"),
        "unanswered.pdf": fill(
            pdf, {k: v for k, v in answers.items() if k != "item.stress"}, completed_on="01/12/2026"
        ),
        "old date.pdf": fill(pdf, answers, completed_on="31/12/1899"),
        "spreadsheet.pdf": b"PK\x03\x04 not a pdf at all",
    }
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    with (folder / "huge.pdf").open("wb") as out:
        out.write(good)
        out.truncate(50 * 1024 * 1024)
    (folder / "good.pdf").write_bytes(good)
    with sqlite_file(hub) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return BadForms(hub, folder, folder / "good.pdf")


@pytest.fixture
def bad_forms(_bad_forms: BadForms, tmp_path: Path) -> BadForms:
    """The hub copied afresh for each test (the forms stay where they are)."""
    hub = tmp_path / "hub.sqlite"
    shutil.copyfile(_bad_forms.hub, hub)
    return BadForms(hub, _bad_forms.folder, _bad_forms.good)


@pytest.mark.parametrize("name", list(REFUSALS))
def test_a_bad_form_is_refused_with_its_name_and_reason_and_nothing_written(
    capsys: pytest.CaptureFixture[str], bad_forms: BadForms, name: str
) -> None:
    db = str(bad_forms.hub)
    count = _count(db)
    code, out, err = run(
        capsys, "--db", db, "import", str(bad_forms.folder / name), "--today", TODAY
    )
    assert code == 1, (out, err)
    assert err.startswith(f"{name}: refused: "), err
    assert REFUSALS[name] in err, err
    assert out.splitlines()[-1] == "1 form: 1 refused."
    assert _count(db) == count


def test_several_forms_at_once_each_stands_alone(
    capsys: pytest.CaptureFixture[str], bad_forms: BadForms
) -> None:
    """The good one is recorded, the rest refused, each with a line of its own."""
    db, folder = str(bad_forms.hub), bad_forms.folder
    count = _count(db)
    code, out, err = run(capsys, "--db", db, "import", str(bad_forms.good), str(folder / "nine.pdf"),
                         str(folder / "huge.pdf"), "--today", TODAY)  # fmt: skip
    assert code == 1
    assert "good.pdf: recorded the client post-evaluation, completed 1 Dec 2026" in out
    assert out.splitlines()[-1] == "3 forms: 1 recorded, 2 refused."
    assert "nine.pdf: refused" in err and "huge.pdf: refused" in err
    assert _count(db) == count + 1


def test_import_usage_several_files_are_forms_only(
    capsys: pytest.CaptureFixture[str], demo: str
) -> None:
    """A usage error (exit 2, as argparse exits), before the database is opened."""
    for argv, words in [
        (("a.pdf", "b.json"), "all are returned forms (.pdf)"),
        (("a.pdf", "--dry-run"), "do not apply to returned forms"),
    ]:
        with pytest.raises(SystemExit) as exited:
            main(["--db", demo, "import", *argv])
        assert exited.value.code == 2
        assert words in capsys.readouterr().err
