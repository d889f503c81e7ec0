"""Domain events for the window: a small service-facing QObject (DESIGN §2), so views learn
that a call was saved without knowing who saved it. One instance per main window."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class CallEvents(QObject):
    call_saved = Signal(object)  # hotline.calls.models.Call, as saved
    followups_changed = Signal()
    open_call_requested = Signal(int)  # a view asks the window to open a call in the form

