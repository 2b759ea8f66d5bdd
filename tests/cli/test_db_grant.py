"""``coachdesk db grant --lead|--viewer USER`` (SPEC 12): usage, and who may run it."""

from __future__ import annotations

import io
import sys

import pytest

from coachdesk.app import main
from tests.conftest import _empty_postgres
from tests.helpers.pg import PostgresServer


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "argv",
    [["db", "grant"], ["db", "grant", "--lead", "a", "--viewer", "b"], ["db", "grant", "--lead"]],
)
def test_grant_needs_exactly_one_role_and_a_user(
    capsys: pytest.CaptureFixture[str],
    tmp_path,
    argv: list[str],  # noqa: ANN001
) -> None:
    code, _, err = run(capsys, "--db", str(tmp_path / "hub.sqlite"), *argv)
    assert code == 2
    assert "(--lead USER | --viewer USER)" in err
    assert not (tmp_path / "hub.sqlite").exists()


@pytest.mark.postgres
def test_only_the_hub_owner_may_grant_a_lead_is_told_so(
    _postgres_url: str, postgres_server: PostgresServer, capsys: pytest.CaptureFixture[str]
) -> None:
    _empty_postgres(_postgres_url)
    code, out, err = run(capsys, "--db", _postgres_url, "db", "grant", "--lead", "lead_g")
    assert code == 0 and "granted a lead's rights" in out, err
    as_lead = postgres_server.url_as("lead_g", "coachdesk_test")

    code, out, err = run(capsys, "--db", as_lead, "db", "grant", "--lead", "someone_else")

    assert code == 1
    assert "The database user lead_g may not create roles or grant rights" in err
    assert "Nothing was changed." in err


@pytest.mark.postgres
def test_an_empty_password_is_refused(
    _postgres_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n"))
    code, _, err = run(
        capsys, "--db", _postgres_url, "db", "grant", "--viewer", "v_empty", "--password-stdin"
    )
    assert code == 1 and "The password is empty" in err
