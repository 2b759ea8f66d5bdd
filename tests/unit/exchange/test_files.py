"""Reading bundle files (clear refusals) and writing them atomically."""

from __future__ import annotations

import os

import pytest

from coachdesk.errors import UserError
from coachdesk.services.exchange import read_bundle_file
from coachdesk.services.exchange.export import dump_json, write_atomic


def test_reads_utf8_json(tmp_path) -> None:
    path = tmp_path / "b.json"
    path.write_text('{"format": "coachdesk/1", "x": "Zoë"}', encoding="utf-8")
    assert read_bundle_file(path) == {"format": "coachdesk/1", "x": "Zoë"}


def test_a_byte_order_mark_is_accepted(tmp_path) -> None:
    path = tmp_path / "b.json"
    path.write_bytes(b'\xef\xbb\xbf{"format": "coachdesk/1"}')
    assert read_bundle_file(path) == {"format": "coachdesk/1"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"format": "coachdesk/1",\n "people": [}', "not valid JSON at line 2 column 13"),
        (b"", "not valid JSON at line 1 column 1"),
        (b'{"hours": NaN}', "not valid JSON (NaN is not a JSON number)"),
        (b'{"a": "\xff"}', "not UTF-8 text (byte 8)"),
        (b"[1, 2]", "not a coachdesk bundle"),
    ],
)
def test_unreadable_content_is_refused(tmp_path, content, message) -> None:
    path = tmp_path / "b.json"
    path.write_bytes(content)
    with pytest.raises(UserError) as error:
        read_bundle_file(path)
    assert message in str(error.value) and str(path) in str(error.value)


def test_missing_file_and_folder(tmp_path) -> None:
    with pytest.raises(UserError, match="no such file"):
        read_bundle_file(tmp_path / "absent.json")
    with pytest.raises(UserError, match="is a folder"):
        read_bundle_file(tmp_path)


def test_dump_is_indented_utf8() -> None:
    data = dump_json({"format": "coachdesk/1", "people": [{"full_name": "Zoë"}]})
    assert data.decode("utf-8") == (
        '{\n "format": "coachdesk/1",\n "people": [\n  {\n   "full_name": "Zoë"\n  }\n ]\n}\n'
    )


def test_write_atomic_replaces_and_leaves_no_temporary_file(tmp_path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert os.listdir(tmp_path) == ["out.json"]


def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")

    def refuse(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(UserError, match="No space left on device"):
        write_atomic(target, b"new")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.json"]


def test_write_into_a_missing_folder_is_refused(tmp_path) -> None:
    with pytest.raises(UserError, match="does not exist"):
        write_atomic(tmp_path / "nope" / "out.json", b"{}")
