"""Unsaved work: what an editor holding changes offers, the one Save / Discard / Cancel guard,
and drafts of long free text kept while the lead types."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Protocol, runtime_checkable

from PySide6.QtCore import QObject, QTimer, SignalInstance
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from coachdesk.gui.context import AppContext
from coachdesk.gui.operations import Op
from coachdesk.services.drafts import DraftKey, DraftRow, discard_draft, save_draft, take_drafts

#: How long after the first unsaved keystroke a draft is kept (and again while typing goes on).
DRAFT_INTERVAL_MS = 3000


@runtime_checkable
class HoldsUnsaved(Protocol):
    """An editor (or a view holding editors) that may have changes not yet saved."""

    def unsaved(self) -> str | None:
        """What is not saved, in the lead's words ("the private notes for …"); None if nothing."""

    def save_unsaved(self, done: Callable[[bool], None]) -> None:
        """Save it through the operation object; ``done(True)`` once saved, ``done(False)`` if
        it was refused or cannot be saved as it stands (the problem is shown)."""

    def discard_unsaved(self) -> None:
        """Put back what is stored, throwing the changes away."""


def unsaved_of(widget: object) -> str | None:
    """What ``widget`` holds unsaved (None when nothing, or when it holds no editors)."""
    return widget.unsaved() if isinstance(widget, HoldsUnsaved) else None


def settle(
    ctx: AppContext, parent: QWidget | None, holder: object, proceed: Callable[[], None]
) -> None:
    """Before ``holder``'s changes are left: ask Save / Discard / Cancel, then ``proceed`` unless
    the lead cancelled or the save did not succeed. Nothing unsaved: ``proceed`` at once."""
    what = unsaved_of(holder)
    if what is None or not isinstance(holder, HoldsUnsaved):
        proceed()
        return
    answer = ctx.ask_save_discard_cancel(parent, what)
    if answer == "save":
        holder.save_unsaved(lambda ok: proceed() if ok else None)
    elif answer == "discard":
        holder.discard_unsaved()
        ctx.unsaved_changed.emit()
        proceed()


def joined(parts: list[str]) -> str | None:
    """``["a", "b", "c"]`` → ``"a, b and c"``; None when there are none."""
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


Saver = Callable[[Callable[[bool], None]], None]


def save_all(savers: list[Saver], done: Callable[[bool], None]) -> None:
    """Run each saver in turn (each reports ``ok``); ``done(True)`` when all succeeded, else
    ``done(False)`` at the first that did not."""

    def step(index: int, ok: bool) -> None:
        if not ok:
            done(False)
        elif index == len(savers):
            done(True)
        else:
            savers[index](lambda ok2: step(index + 1, ok2))

    step(0, True)


# --- drafts --------------------------------------------------------------------------------

#: Drafts the lead chose at start-up to restore: their editor restores them without asking.
_RESTORE_WITHOUT_ASKING: set[DraftKey] = set()


def restore_when_opened(key: DraftKey) -> None:
    """The lead asked (at start-up) to restore this draft: its editor does so when it opens."""
    _RESTORE_WITHOUT_ASKING.add(key)


def when_kept(saved_at: datetime) -> str:
    """``7 Dec 2026 at 14:05`` (the computer's own time)."""
    at = (saved_at if saved_at.tzinfo else saved_at.replace(tzinfo=UTC)).astimezone()
    return f"{at.day} {at:%b %Y} at {at:%H:%M}"


class DraftKeeper(QObject):
    """Keeps a long text as a draft in the database a few seconds after typing starts, and
    again every few seconds while it goes on (a single-shot QTimer, so a burst of keys makes
    one write). ``attach`` says which record's field is shown; ``saved`` and ``discarded``
    delete the draft; ``offer_drafts`` gives back one kept before a crash."""

    def __init__(
        self,
        ctx: AppContext,
        owner: QWidget,
        get_text: Callable[[], str],
        put_text: Callable[[str], None],
        *changed: SignalInstance,
        interval_ms: int = DRAFT_INTERVAL_MS,
    ) -> None:
        super().__init__(owner)
        self.ctx = ctx
        self.owner = owner
        self.get_text = get_text
        self.put_text = put_text
        self.key: DraftKey | None = None
        self.label = ""
        #: The text as the record holds it (no draft is kept of that).
        self.stored = ""
        self._kept: str | None = None  # the text of the draft this keeper wrote last
        self._failed = False
        self.timer = QTimer(self)
        self.timer.setObjectName("draftTimer")
        self.timer.setSingleShot(True)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.keep_now)
        for signal in changed:
            signal.connect(self.typed)

    @classmethod
    def of_text(cls, ctx: AppContext, edit: QPlainTextEdit) -> DraftKeeper:
        """A keeper for a multi-line text box."""
        return cls(ctx, edit, edit.toPlainText, edit.setPlainText, edit.textChanged)

    def attach(self, key: DraftKey | None, stored: str = "", label: str = "") -> None:
        """Now shown: ``key``'s field, whose saved text is ``stored`` (None: no record)."""
        if key is not None and key == self.key:
            self.stored, self.label = stored, label  # the same record, read again
            return
        self.keep_now()  # what was typed for the record shown before is not lost
        self.timer.stop()
        self.key, self.stored, self.label = key, stored, label
        self._kept = None
        self._failed = False

    def typed(self, *_args: object) -> None:
        """The text changed: keep it within the interval (a timer already running is left)."""
        if self.key is not None and not self._failed and not self.timer.isActive():
            self.timer.start()

    def differs(self, text: str) -> bool:
        return text.strip() != self.stored.strip()

    def keep_now(self) -> None:
        """Keep the text now (the timer's work; also when another record is shown)."""
        self.timer.stop()
        key, text = self.key, self.get_text()
        if key is None or self._failed or text == self._kept or self.ctx.read_only:
            return
        if not self.differs(text):
            if self._kept is not None:  # typed back to what is stored: no draft is needed
                self._kept = None
                self._discard(key)
            return
        self._kept = text
        self._run(self.ctx.write(self.owner, save_draft, key, text, self.label))

    def saved(self, stored: str | None = None) -> None:
        """The record was saved (holding ``stored``): its draft goes."""
        self.timer.stop()
        if stored is not None:
            self.stored = stored
        self._kept = None
        if self.key is not None:
            self._discard(self.key)

    def discarded(self) -> None:
        """The lead threw the changes away: so goes the draft."""
        self.saved()

    def restore(self, draft: DraftRow) -> None:
        self._kept = draft.text
        self.put_text(draft.text)
        self.timer.stop()

    def _discard(self, key: DraftKey) -> None:
        if self.ctx.read_only:
            return  # a viewer keeps no drafts
        self._run(self.ctx.write(self.owner, discard_draft, key))

    def _run(self, op: Op[Any]) -> None:
        op.busy = False  # never a busy indicator while the lead types
        op.failure(self._write_failed).run()

    def _write_failed(self, _exc: BaseException) -> None:
        self._failed = True  # shown once; no more drafts until another record is shown


def offer_drafts(
    ctx: AppContext, parent: QWidget | None, keepers: list[DraftKeeper], what: str = ""
) -> None:
    """Drafts kept before (a crash, a power cut) for what ``keepers`` show: offer them back in
    one question (``what`` names them; else the drafts' own labels do)."""
    by_key = {k.key: k for k in keepers if k.key is not None}
    if not by_key:
        return
    ctx.query(parent, take_drafts, list(by_key)).success(
        lambda drafts: _offered(ctx, parent, by_key, drafts, what)
    ).run()


def _offered(
    ctx: AppContext,
    parent: QWidget | None,
    by_key: dict[DraftKey, DraftKeeper],
    drafts: list[DraftRow],
    what: str,
) -> None:
    wanted: list[tuple[DraftKeeper, DraftRow]] = []
    for draft in drafts:
        keeper = by_key[draft.key]
        if keeper.key != draft.key:
            continue  # the editor moved on meanwhile
        if not draft.text.strip() or not keeper.differs(draft.text):
            keeper.saved()  # saved after all (a crash after the save): the draft goes
        elif draft.text == keeper.get_text():
            keeper.restore(draft)  # already shown
        elif not keeper.differs(keeper.get_text()):  # the lead has not started typing
            wanted.append((keeper, draft))
    if not wanted:
        return
    asked = any(d.key not in _RESTORE_WITHOUT_ASKING for _, d in wanted)
    _RESTORE_WITHOUT_ASKING.difference_update(d.key for _, d in wanted)
    words = what or joined([d.label or "text" for _, d in wanted]) or "text"
    newest = max(d.saved_at for _, d in wanted)
    if asked and not ctx.confirm(
        parent,
        "Unsaved text",
        f"You have unsaved {words} from {when_kept(newest)}, kept when coachdesk last closed "
        "without saving them.\n\nRestore them? (No throws them away.)",
    ):
        for keeper, _ in wanted:
            keeper.discarded()
        return
    for keeper, draft in wanted:
        keeper.restore(draft)
    ctx.status_message.emit(f"Restored your unsaved {words}; save them to keep them.")
