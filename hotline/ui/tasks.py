"""One small helper to run work off the UI thread and get the result back on it.

Usage: `run_task(fn, on_done=…, on_error=…, on_progress=…)`; `fn` receives a `progress`
callable (done, total) when it accepts one. Callbacks run on the UI thread.
Database work in a task must open its own connection (`store.new_connection()`).
"""

from __future__ import annotations

import inspect
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object, str)
    progress = Signal(int, int)


class Task(QRunnable):
    def __init__(self, fn: Callable[..., Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()
        self.setAutoDelete(True)

    @Slot()
    def run(self) -> None:
        try:
            if "progress" in inspect.signature(self.fn).parameters:
                result = self.fn(progress=self.signals.progress.emit)
            else:
                result = self.fn()
        except Exception as exc:  # reported to the UI, never swallowed
            self.signals.failed.emit(exc, traceback.format_exc())
        else:
            self.signals.done.emit(result)


_live: set[_Signals] = set()  # keep signal objects alive until delivered


def run_task(fn: Callable[..., Any], *, on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[Exception, str], None] | None = None,
             on_progress: Callable[[int, int], None] | None = None,
             pool: QThreadPool | None = None) -> Task:
    task = Task(fn)
    signals = task.signals
    _live.add(signals)

    def finish(*_: Any) -> None:
        _live.discard(signals)

    if on_done:
        signals.done.connect(on_done)
    if on_error:
        signals.failed.connect(on_error)
    if on_progress:
        signals.progress.connect(on_progress)
    signals.done.connect(finish)
    signals.failed.connect(finish)
    (pool or QThreadPool.globalInstance()).start(task)
    return task
