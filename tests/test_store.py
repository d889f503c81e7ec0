"""The store: pragmas, transactions, migrations, and upgrading a database from an old version."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from hotline.store import db, migrate
from hotline.store.migrations import m0001_call_log

CALL_SQL = (
    "INSERT INTO calls(id, received_at, received_ts, day, channel, phone, caller_name, "
    "categories, level, summary, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
)


def _dump(path: Path, key: bytes | None = None) -> list[tuple]:
    conn = db.connect(path, key=key, journal="DELETE")
    try:
        calls = conn.execute("SELECT * FROM calls ORDER BY id").fetchall()
        cats = conn.execute("SELECT * FROM call_categories ORDER BY call_id, code").fetchall()
        return [tuple(r) for r in [*calls, *cats]]
    finally:
        conn.close()


def _version_one_database(path: Path) -> None:
    """What the first release wrote: only m0001, user_version 1, no schema_migrations table."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("BEGIN")
    m0001_call_log.up(conn)
    conn.execute("PRAGMA user_version=1")
    for i in range(1, 51):
        conn.execute(CALL_SQL, (i, f"2025-03-{1 + i % 28:02d}T09:00:00+07:00", 1740787200 + i,
                                f"2025-03-{1 + i % 28:02d}", "phone_in", "+84912345678",
                                f"Nguyễn Thị Lan {i}", "dv.physical", "counsel",
                                "Chồng đánh vợ, chị bị bầm tím.", "2025-03-01T09:00:00+07:00",
                                "2025-03-01T09:00:00+07:00"))
        conn.execute("INSERT INTO call_categories(code, call_id) VALUES ('dv.physical', ?)",
                     (i,))
    conn.execute("COMMIT")
    conn.close()


def test_pragmas_are_set(data_dir: Path) -> None:
    store = db.open_store(data_dir / "hotline.sqlite")
    try:
        conn = store.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        worker = store.new_connection()
        assert worker.execute("PRAGMA synchronous").fetchone()[0] == 2
        assert worker.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        worker.close()
    finally:
        store.close()


def test_foreign_keys_are_enforced(data_dir: Path) -> None:
    store = db.open_store(data_dir / "hotline.sqlite")
    try:
        with pytest.raises(sqlite3.IntegrityError), store.transaction() as tx:
            tx.execute("INSERT INTO followups(call_id, due_at, due_ts, created_at) "
                       "VALUES (999, 'x', 0, 'x')")
    finally:
        store.close()


def test_fresh_database_is_at_the_latest_version(data_dir: Path) -> None:
    path = data_dir / "hotline.sqlite"
    store = db.open_store(path)
    try:
        assert migrate.current_version(store.conn) == migrate.latest_version()
        assert migrate.applied_numbers(store.conn) == {m.number for m in migrate.available()}
    finally:
        store.close()
    # No backup for a brand-new database: there was nothing to lose.
    assert not (data_dir / "backups").exists() or not any((data_dir / "backups").iterdir())
    # Opening again applies nothing.
    store = db.open_store(path)
    try:
        assert migrate.upgrade(store, data_dir / "backups") == []
    finally:
        store.close()


def test_migrations_are_numbered_uniquely_and_in_order() -> None:
    found = migrate.available()
    numbers = [m.number for m in found]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    assert numbers[0] == 1
    assert all(m.name.startswith(f"m{m.number:04d}_") for m in found)


def test_migrations_run_in_order_each_inside_a_transaction(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[int, bool]] = []

    def step(number: int):  # type: ignore[no-untyped-def]
        def up(conn: sqlite3.Connection) -> None:
            seen.append((number, conn.in_transaction))
            conn.execute(f"CREATE TABLE t{number} (x)")
        return up

    fake = [migrate.Migration(n, f"m{n:04d}_t", step(n)) for n in (3, 1, 2)]
    monkeypatch.setattr(migrate, "available", lambda: sorted(fake, key=lambda m: m.number))
    store = db.open_store(data_dir / "hotline.sqlite")
    try:
        assert seen == [(1, True), (2, True), (3, True)]
        assert migrate.current_version(store.conn) == 3
        assert migrate.applied_numbers(store.conn) == {1, 2, 3}
    finally:
        store.close()


def test_upgrade_of_a_version_one_database(data_dir: Path) -> None:
    path = data_dir / "hotline.sqlite"
    _version_one_database(path)
    before = _dump(path)
    assert len(before) == 100

    store = db.open_store(path)
    try:
        assert migrate.current_version(store.conn) == migrate.latest_version()
        assert migrate.applied_numbers(store.conn) == {m.number for m in migrate.available()}
    finally:
        store.close()
    assert _dump(path) == before  # every call and category survived, byte for byte

    # The services read the old rows (the app first encrypts the plain database in place).
    from hotline.app import open_app
    app = open_app(data_dir)
    key = app.store.key
    assert key is not None
    try:
        call = app.calls.get(7)
        assert call.caller_name == "Nguyễn Thị Lan 7"
        assert call.categories == ("dv.physical",)
        count, prior = app.calls.prior_calls("+84912345678", exclude_id=7)
        assert count == 49 and len(prior) == 20
        # The search index was built for the old rows (m0006): text, category, both.
        from hotline.calls.models import CallFilter
        assert app.calls.count(CallFilter(text="bam tim")) == 50
        assert app.calls.count(CallFilter(category="dv")) == 50
        page = app.calls.list(CallFilter(text="chồng", category="dv.physical"), limit=5)
        assert [c.id for c in page] == [50, 49, 48, 47, 46]  # newest first
    finally:
        app.close()

    # A copy was taken before the migration, and it is the old database, intact — and
    # encrypted too, since it holds the same personal data.
    backups = sorted((data_dir / "backups").glob("pre-migration-v1-*.sqlite"))
    assert len(backups) == 1
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(backups[0]).execute("SELECT count(*) FROM calls").fetchone()
    copy = db.connect(backups[0], key=key, journal="DELETE")
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
        assert copy.execute("SELECT count(*) FROM calls").fetchone()[0] == 50
    finally:
        copy.close()
    assert _dump(backups[0], key) == before


def test_failing_migration_rolls_back_and_keeps_the_version(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = data_dir / "hotline.sqlite"
    store = db.open_store(path)
    latest = migrate.current_version(store.conn)
    with store.transaction() as tx:
        tx.execute(CALL_SQL, (1, "2026-01-02T10:00:00+07:00", 1767322800, "2026-01-02",
                              "phone_in", "", "", "info.law", "info", "", "x", "x"))
    store.close()

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        conn.execute("UPDATE calls SET summary = 'mất dữ liệu'")
        raise RuntimeError("migration bug")

    real = migrate.available()
    monkeypatch.setattr(migrate, "available",
                        lambda: [*real, migrate.Migration(999, "m0999_broken", broken)])
    with pytest.raises(RuntimeError, match="migration bug"):
        db.open_store(path)

    monkeypatch.setattr(migrate, "available", lambda: real)
    store = db.open_store(path)
    try:
        conn = store.conn
        assert migrate.current_version(conn) == latest
        assert 999 not in migrate.applied_numbers(conn)
        assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'half_done'"
                            ).fetchone() is None
        assert conn.execute("SELECT summary FROM calls").fetchone()[0] == ""
    finally:
        store.close()
    # The copy taken before the attempt exists and opens.
    backups = list((data_dir / "backups").glob(f"pre-migration-v{latest}-*.sqlite"))
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    assert copy.execute("SELECT count(*) FROM calls").fetchone()[0] == 1
    copy.close()


def test_sql_error_in_a_migration_is_a_store_error(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = migrate.available()

    def bad_sql(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE ok_table (x)")
        conn.execute("ALTER TABLE no_such_table ADD COLUMN y")

    monkeypatch.setattr(migrate, "available",
                        lambda: [*real, migrate.Migration(998, "m0998_bad", bad_sql)])
    closed: list[db.Store] = []
    real_close = db.Store.close

    def spy_close(self: db.Store) -> None:
        closed.append(self)
        real_close(self)

    monkeypatch.setattr(db.Store, "close", spy_close)
    with pytest.raises(db.StoreError, match="no_such_table"):
        db.open_store(data_dir / "hotline.sqlite")
    assert len(closed) == 1  # the file is released, so a backup can be restored over it
    conn = sqlite3.connect(data_dir / "hotline.sqlite")
    try:
        assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'ok_table'"
                            ).fetchone() is None
        assert conn.execute("PRAGMA user_version").fetchone()[0] == real[-1].number
    finally:
        conn.close()


def test_transaction_commits_rolls_back_and_nests(data_dir: Path) -> None:
    store = db.open_store(data_dir / "hotline.sqlite")
    try:
        with store.transaction() as tx:
            tx.execute("INSERT INTO meta VALUES ('a', '1')")
            with store.transaction() as inner:  # joins the outer transaction
                inner.execute("INSERT INTO meta VALUES ('b', '2')")
        with pytest.raises(ZeroDivisionError), store.transaction() as tx:
            tx.execute("INSERT INTO meta VALUES ('c', '3')")
            1 / 0  # noqa: B018
        assert not store.conn.in_transaction
        other = store.new_connection(readonly=True)
        rows = other.execute("SELECT key FROM meta WHERE key IN ('a','b','c') ORDER BY key"
                             ).fetchall()
        assert [r[0] for r in rows] == ["a", "b"]
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            other.execute("INSERT INTO meta VALUES ('d', '4')")
        other.close()
    finally:
        store.close()


def test_damaged_file_gives_a_clear_error(data_dir: Path) -> None:
    path = data_dir / "hotline.sqlite"
    path.write_bytes(b"this is not a database, it is a word processor file" * 100)
    with pytest.raises(db.StoreError, match="sao lưu"):
        db.open_store(path)


def test_migration_applied_meanwhile_by_another_process_is_skipped(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two processes open an old database at once: the second waits for the write lock and
    must not run the migrations the first one has just applied."""
    path = data_dir / "hotline.sqlite"
    _version_one_database(path)
    db.open_store(path).close()  # "the other process" upgrades everything
    real = migrate.applied_numbers
    calls = []

    def stale_then_real(conn: sqlite3.Connection) -> set[int]:
        calls.append(1)
        return {1} if len(calls) == 1 else real(conn)

    monkeypatch.setattr(migrate, "applied_numbers", stale_then_real)
    store = db.open_store(path)  # believes 2.. are pending; must skip them
    try:
        assert migrate.current_version(store.conn) == migrate.latest_version()
        assert len(calls) > 1
    finally:
        store.close()
