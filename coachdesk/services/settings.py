"""Reading and changing the hub's settings (declared in domain.settings, stored in the database)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select

from coachdesk.domain.settings import SETTINGS, HubSettings, SettingValue, validate_setting
from coachdesk.errors import UserError
from coachdesk.services.changes import Changes, Outcome, RecordKind
from coachdesk.storage.models import Setting
from coachdesk.storage.uow import Database, UnitOfWork


def stored_values(uow: UnitOfWork) -> dict[str, SettingValue]:
    """The settings the lead has set (no defaults), by key."""
    return {s.key: s.value for s in uow.session.scalars(select(Setting))}


def load_in(uow: UnitOfWork) -> HubSettings:
    return HubSettings.from_mapping(stored_values(uow))


def get_settings(db: Database) -> HubSettings:
    """The settings in force, defaults filled in."""
    with db.uow() as uow:
        return load_in(uow)


def _checked(values: Mapping[str, object]) -> dict[str, SettingValue]:
    """``values`` if every one is acceptable for its setting; else one UserError listing why."""
    problems: list[str] = []
    clean: dict[str, SettingValue] = {}
    for key, value in values.items():
        why = validate_setting(key, value)
        if why:
            problems.append(f"{key}: {why}")
        elif isinstance(value, str | int | bool | list):  # always, once validated
            clean[key] = value
    if problems:
        raise UserError("These settings cannot be saved:", problems=problems)
    return clean


def write_in(uow: UnitOfWork, values: Mapping[str, object]) -> list[str]:
    """Validate and store ``values`` inside an open unit of work; returns the keys changed."""
    checked = _checked(values)
    current = load_in(uow).as_dict()
    changed: list[str] = []
    for key, value in checked.items():
        if current.get(key) == value and uow.session.get(Setting, key) is not None:
            continue
        row = uow.session.get(Setting, key)
        if row is None:
            uow.session.add(Setting(key=key, value=value))
        else:
            row.value = value
        changed.append(key)
    return changed


def update_settings(db: Database, values: Mapping[str, object]) -> Outcome[HubSettings]:
    """Change some settings; every value is checked first and nothing is saved if one is bad."""
    with db.uow() as uow:
        changed = write_in(uow, values)
        uow.commit()
        result = load_in(uow)
    return Outcome(result, Changes.of(RecordKind.SETTINGS, *changed) if changed else Changes())


def setting_keys() -> list[str]:
    return [s.key for s in SETTINGS]
