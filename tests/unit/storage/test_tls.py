"""TLS for a server on another computer (SPEC 12): the URL decision, without a network."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url

from coachdesk.errors import UserError
from coachdesk.storage.engine import make_engine
from coachdesk.storage.tls import PLAINTEXT_ENV, is_remote, plaintext_allowed, require_tls

BASE = "postgresql+psycopg://lead@"


def _mode(url: str, **kwargs: bool) -> str | None:
    mode = require_tls(make_url(url), **kwargs).query.get("sslmode")
    return mode if mode is None or isinstance(mode, str) else mode[-1]


@pytest.mark.parametrize(
    "where",
    [
        "localhost:5432/hub",
        "127.0.0.1/hub",
        "127.0.0.53:6543/hub",
        "[::1]:5432/hub",
        "/hub",  # no host: the Unix socket
        "/hub?host=/var/run/postgresql",
    ],
)
def test_this_computer_and_unix_sockets_are_left_as_they_are(where: str) -> None:
    assert not is_remote(make_url(BASE + where))
    assert _mode(BASE + where) is None
    assert _mode(BASE + where + ("&" if "?" in where else "?") + "sslmode=disable") == "disable"


@pytest.mark.parametrize(
    "where",
    ["db.hub.nhs.uk/hub", "10.20.30.40:5432/hub", "[2001:db8::5]/hub", "/hub?host=db.hub.nhs.uk"],
)
def test_a_server_on_another_computer_gets_sslmode_require(where: str) -> None:
    assert is_remote(make_url(BASE + where))
    assert _mode(BASE + where) == "require"


@pytest.mark.parametrize("mode", ["require", "verify-ca", "verify-full"])
def test_a_stricter_mode_the_lead_chose_is_kept(mode: str) -> None:
    assert _mode(f"{BASE}db.hub.nhs.uk/hub?sslmode={mode}") == mode


@pytest.mark.parametrize("mode", ["disable", "allow", "prefer"])
def test_a_plaintext_mode_to_a_remote_server_is_refused_unless_the_lead_opts_out(
    mode: str,
) -> None:
    url = f"{BASE}db.hub.nhs.uk/hub?sslmode={mode}"
    with pytest.raises(UserError) as refused:
        _mode(url)
    assert f"sslmode={mode}" in refused.value.message
    assert f"{PLAINTEXT_ENV}=1" in refused.value.message
    assert "Nothing was opened." in refused.value.message
    assert _mode(url, allow_plaintext=True) == mode


def test_a_list_of_hosts_needs_tls_when_any_is_remote() -> None:
    assert is_remote(make_url(BASE + "/hub?host=localhost,db.hub.nhs.uk"))
    assert not is_remote(make_url(BASE + "/hub?host=localhost,127.0.0.1"))


def test_the_opt_out_is_an_explicit_environment_variable() -> None:
    assert not plaintext_allowed({})
    assert not plaintext_allowed({PLAINTEXT_ENV: "0"})
    assert plaintext_allowed({PLAINTEXT_ENV: "1"})
    assert plaintext_allowed({PLAINTEXT_ENV: "yes"})


def test_the_engine_connects_with_the_decision(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("psycopg", reason="PostgreSQL support is not installed here")
    monkeypatch.delenv(PLAINTEXT_ENV, raising=False)
    engine = make_engine(BASE + "db.hub.nhs.uk/hub")  # no connection is made here
    try:
        assert engine.url.query["sslmode"] == "require"
    finally:
        engine.dispose()
    with pytest.raises(UserError):
        make_engine(BASE + "db.hub.nhs.uk/hub?sslmode=disable")
    monkeypatch.setenv(PLAINTEXT_ENV, "1")
    engine = make_engine(BASE + "db.hub.nhs.uk/hub?sslmode=disable")
    engine.dispose()
