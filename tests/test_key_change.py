"""Changing the database key while Hotline runs: the store re-keys in place, every thread's
connection follows the new key (reopened by the thread that uses it, never freed from
another), readers in the window follow, and the old key opens nothing afterwards. The window
side (change in the admin page, then save a call and search the library) is in
test_ui_security_admin.py."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from hotline.store import db
from hotline.store.db import WrongKey, open_store


def _store(path: Path, key: bytes) -> db.Store:
    store = open_store(path, key=key)
    with store.transaction() as tx:
        tx.execute("CREATE TABLE notes(body TEXT)")
        tx.executemany("INSERT INTO notes VALUES (?)", [(f"ghi chú {i}",) for i in range(500)])
    return store


def _in_thread(fn):  # type: ignore[no-untyped-def]
    """Run fn on a new thread (another thread's connection) and return its result."""
    out: list = []
    worker = threading.Thread(target=lambda: out.append(fn()))
    worker.start()
    worker.join(30)
    return out[0]


def test_rekey_in_place_every_thread_follows_and_the_old_key_opens_nothing(tmp_path: Path):
    old, new = os.urandom(32), os.urandom(32)
    path = tmp_path / "hotline.sqlite"
    store = _store(path, old)
    reader_ident: list[int] = []
    barrier = threading.Barrier(2)
    results: list[object] = []

    def pool_thread() -> None:
        """A long-lived worker that read before the change and reads after it."""
        reader_ident.append(threading.get_ident())
        results.append(store.conn.execute("SELECT count(*) FROM notes").fetchone()[0])
        barrier.wait()  # the key changes now
        barrier.wait()
        results.append(store.conn.execute("SELECT count(*) FROM notes").fetchone()[0])

    worker = threading.Thread(target=pool_thread)
    worker.start()
    barrier.wait()
    stale = store._conns[reader_ident[0]][1]
    store.rekey(new)
    assert store.key == new and store.key_generation == 1
    with pytest.raises(db.DB_ERRORS):  # what the worker's old connection would now see
        stale.execute("SELECT count(*) FROM notes").fetchone()
    barrier.wait()
    worker.join(30)
    assert results == [500, 500]  # the worker reopened under the new key by itself
    assert store.conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 500  # this one
    with store.transaction() as tx:
        tx.execute("INSERT INTO notes VALUES ('sau khi đổi khóa')")
    assert _in_thread(lambda: store.conn.execute(
        "SELECT count(*) FROM notes").fetchone()[0]) == 501
    store.close()

    with pytest.raises(WrongKey):
        open_store(path, key=old)
    reopened = open_store(path, key=new)
    assert reopened.conn.execute("SELECT body FROM notes ORDER BY rowid DESC LIMIT 1"
                                 ).fetchone()[0] == "sau khi đổi khóa"
    reopened.close()


def test_a_plain_store_cannot_be_rekeyed(tmp_path: Path):
    store = open_store(tmp_path / "plain.sqlite")
    with pytest.raises(db.StoreError):
        store.rekey(os.urandom(32))
    store.close()


@pytest.mark.gui
def test_a_reader_overtaken_by_the_key_change_reads_again_under_the_new_key(
        qtbot, tmp_path: Path):
    from hotline.ui.tasks import DbReader

    store = _store(tmp_path / "hotline.sqlite", os.urandom(32))
    reader = DbReader.for_store(store, readonly=True)
    calls: list[int] = []

    def read(conn) -> int:  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 1:  # the key changes between two statements of this read
            conn.execute("SELECT count(*) FROM notes").fetchone()
            store.rekey(os.urandom(32))  # (from this thread: its own store connection)
        return int(conn.execute("SELECT count(*) FROM notes").fetchone()[0])

    done: list[int] = []
    failed: list[Exception] = []
    reader.submit(read, on_done=done.append, on_error=lambda exc, _tb: failed.append(exc))
    qtbot.waitUntil(lambda: bool(done or failed), timeout=10_000)
    assert failed == [] and done == [500] and len(calls) == 2
    # the next read starts on the new connection directly
    reader.submit(lambda conn: conn.execute("SELECT count(*) FROM notes").fetchone()[0],
                  on_done=done.append)
    qtbot.waitUntil(lambda: len(done) == 2, timeout=10_000)
    assert done == [500, 500] and len(calls) == 2
    reader.close()
    store.close()
