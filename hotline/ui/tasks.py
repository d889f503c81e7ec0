"""One small helper to run work off the UI thread and get the result back on it.

Usage: `run_task(fn, on_done=…, on_error=…, on_progress=…)`; `fn` receives a `progress`
callable (done, total) when it accepts one. Callbacks run on the UI thread.
Database work in a task must open its own connection (`store.new_connection()`).
"""

from __future__ import annotations

import contextlib
import inspect
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from hotline.store.db import DB_ERRORS

if TYPE_CHECKING:
    from hotline.store.db import Store


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
            self._emit(self.signals.failed, exc, traceback.format_exc())
        else:
            self._emit(self.signals.done, result)

    @staticmethod
    def _emit(signal: Any, *args: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the receiver went first (app quitting)
            signal.emit(*args)


_live: set[_Signals] = set()  # keep signal objects alive until delivered


def wait_for_background(msecs: int = 30_000) -> bool:
    """Wait for the tasks started with run_task on the global pool; True when all ended.

    Called before the App closes its store: closing the database under a task still reading
    it (the sync log, a report) frees the connection mid-query, and SQLCipher crashes.
    """
    return QThreadPool.globalInstance().waitForDone(msecs)


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


class DbReader:
    """Read queries one at a time on a dedicated thread with its own SQLite connection.

    Long list queries must never run on the UI thread, and a sqlite3 connection must never be
    used by two threads at once: a one-thread pool gives both. `interrupt()` aborts the query
    in flight (the caller's generation counter then drops its result), so a new filter does
    not wait for an old, slow one.

    When the database key changes (`key_generation`, e.g. `Store.key_generation`, moves on),
    the reader thread closes its connection and opens a new one before the next read; a read
    that the change overtook is run once more under the new key (reads can be repeated).
    """

    def __init__(self, open_connection: Callable[[], Any], *,
                 key_generation: Callable[[], int] = lambda: 0) -> None:
        self._open = open_connection
        self._generation = key_generation
        self._conn: Any = None
        self._opened_at = 0  # the key generation self._conn was opened under
        self._retired: list[Any] = []  # closed on the reader thread, freed in close()
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(1)
        self._pool.setExpiryTimeout(-1)
        self._closed = False

    @classmethod
    def for_store(cls, store: Store, *, readonly: bool = False) -> DbReader:
        """A reader on the store's database that follows its key changes."""
        return cls(lambda: store.new_connection(readonly=readonly),
                   key_generation=lambda: store.key_generation)

    def submit(self, fn: Callable[[Any], Any], *, on_done: Callable[[Any], None] | None = None,
               on_error: Callable[[Exception, str], None] | None = None) -> Task | None:
        """Run `fn(connection)` on the reader thread; callbacks run on the UI thread."""
        if self._closed:
            return None

        def work() -> Any:
            if self._conn is None or self._opened_at != self._generation():
                self._reopen()
            try:
                return fn(self._conn)
            except DB_ERRORS:
                if self._opened_at == self._generation():
                    raise
                self._reopen()  # the key changed while this read ran
                return fn(self._conn)

        return run_task(work, on_done=on_done, on_error=on_error, pool=self._pool)

    def _reopen(self) -> None:
        """(On the reader thread.) A connection under the current key."""
        old, self._conn = self._conn, None
        if old is not None:
            with contextlib.suppress(*DB_ERRORS):
                old.close()
            self._retired.append(old)
        generation = self._generation()
        self._conn = self._open()
        self._opened_at = generation

    def interrupt(self) -> None:
        """Abort the query running now, if any (it fails with sqlite3.OperationalError)."""
        conn = self._conn
        if conn is not None:
            conn.interrupt()

    def wait(self, msecs: int = -1) -> bool:
        """Block until queued work is done (tests and shutdown only)."""
        return self._pool.waitForDone(msecs)

    def close(self) -> None:
        self._closed = True
        self.interrupt()
        self._pool.waitForDone()
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        self._retired.clear()


def alive(obj: Any) -> bool:
    """False once the C++ side of a Qt object is gone (a late task result must be dropped)."""
    from shiboken6 import Shiboken

    return obj is not None and Shiboken.isValid(obj)
