"""Accounts, roles, the audit chain, backups, retention and the database key."""

from __future__ import annotations

import os
import sqlite3
from datetime import timedelta
from pathlib import Path

import keyring
import keyring.backends.null
import pytest
from argon2 import PasswordHasher

from hotline.calls.models import Call
from hotline.clock import FixedClock
from hotline.security import backup, dbkey, encryption, retention
from hotline.security.accounts import MAX_FAILURES, AccountService, AuthError
from hotline.security.audit import AuditLog
from hotline.security.roles import Permission, PermissionDenied, Role, allowed
from hotline.store.db import DB_ERRORS, StoreError, open_store

FAST = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)


@pytest.fixture
def audit(app):
    return AuditLog(app.store, app.clock)


@pytest.fixture
def accounts(app, audit):
    return AccountService(app.store, app.clock, audit, FAST)


def test_roles_operator_cannot_do_what_only_a_head_may():
    for permission in (Permission.DELETE_CALLS, Permission.EXPORT_PII, Permission.MANAGE_USERS,
                       Permission.VIEW_AUDIT):
        assert not allowed(Role.OPERATOR, permission)
        assert allowed(Role.HEAD, permission)
    assert allowed(Role.OPERATOR, Permission.LOG_CALLS)
    assert all(allowed(Role.ADMIN, p) for p in Permission)


def test_first_admin_then_users_and_login(accounts, audit):
    admin = accounts.create_first_admin("admin", "Quản trị", "mật khẩu dài 1")
    with pytest.raises(AuthError):
        accounts.create_first_admin("other", "x", "mật khẩu dài 2")
    op = accounts.create_user(admin, "lan", "Nguyễn Thị Lan", "operator", "điện thoại 123")
    assert accounts.authenticate("lan", "điện thoại 123") == op
    with pytest.raises(PermissionDenied):
        accounts.create_user(op, "x", "x", "operator", "12345678x")
    actions = [e.action for e in audit.entries()]
    assert "login" in actions and "user.create" in actions
    # The log names fields, never values: no password or hash in it.
    assert all("điện thoại 123" not in e.detail for e in audit.entries())


def test_lockout_after_repeated_failures(app, accounts):
    accounts.create_first_admin("admin", "A", "correct horse")
    for _ in range(MAX_FAILURES):
        with pytest.raises(AuthError):
            accounts.authenticate("admin", "wrong password")
    with pytest.raises(AuthError, match="thử lại sau"):
        accounts.authenticate("admin", "correct horse")
    later = AccountService(app.store, FixedClock(fixed=app.clock.now() + timedelta(minutes=16)),
                           accounts.audit, FAST)
    assert later.authenticate("admin", "correct horse").role is Role.ADMIN


def test_password_hashes_of_earlier_parameters_verify_and_are_made_again(app, audit):
    """New hashes use the house parameters (half argon2-cffi's default memory, no weaker than
    OWASP's minimum); an account made with the earlier default still logs in, and its hash is
    made again with the new parameters at that login."""
    from argon2 import extract_parameters

    from hotline.security import accounts as accounts_module

    hasher = accounts_module.password_hasher()
    assert hasher.memory_cost >= 19 * 1024 and hasher.time_cost >= 2  # OWASP's minimum
    assert hasher.memory_cost * hasher.time_cost >= 64 * 1024 * 3  # the work per guess kept
    assert hasher.memory_cost <= 32 * 1024  # what a check adds to the window's memory
    old = AccountService(app.store, app.clock, audit, PasswordHasher())  # the earlier default
    old.create_first_admin("admin", "Quản trị", "mật khẩu đủ dài")
    stored = lambda: app.store.conn.execute(  # noqa: E731
        "SELECT password_hash FROM users WHERE username = 'admin'").fetchone()[0]
    before = extract_parameters(stored())
    assert (before.memory_cost, before.time_cost) == (65536, 3)
    current = AccountService(app.store, app.clock, audit)  # what open_app builds
    with pytest.raises(AuthError):
        current.authenticate("admin", "sai mật khẩu")
    assert stored().startswith("$argon2id$v=19$m=65536,t=3,")  # a failure changes nothing
    assert current.authenticate("admin", "mật khẩu đủ dài").username == "admin"
    after = extract_parameters(stored())
    assert (after.memory_cost, after.time_cost, after.parallelism) == (
        hasher.memory_cost, hasher.time_cost, hasher.parallelism)
    assert not current.hasher.check_needs_rehash(stored())
    assert current.authenticate("admin", "mật khẩu đủ dài").username == "admin"
    with pytest.raises(AuthError):
        current.authenticate("admin", "mật khẩu đủ dài!")


def test_short_password_and_unknown_user_refused(accounts):
    with pytest.raises(AuthError, match="ít nhất"):
        accounts.create_first_admin("admin", "A", "short")
    with pytest.raises(AuthError, match="sai tên đăng nhập hoặc mật khẩu"):
        accounts.authenticate("nobody", "whatever12")


def test_audit_chain_verifies_and_detects_tampering(app, audit):
    for i in range(5):
        audit.record("lan", "call.open", f"call:{i}", ("summary",))
    assert audit.verify().ok and audit.verify().checked == 5
    conn = app.store.new_connection()  # an attacker who has the key and the file
    with pytest.raises(DB_ERRORS, match="append-only"):
        conn.execute("UPDATE audit SET actor = 'x' WHERE id = 3")
    # An attacker who drops the trigger and edits a row is still caught.
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("UPDATE audit SET target = 'call:99' WHERE id = 3")
    result = audit.verify()
    assert not result.ok and result.first_bad_id == 3
    conn.execute("UPDATE audit SET target = 'call:2' WHERE id = 3")
    conn.execute("DELETE FROM audit WHERE id = 4")
    conn.close()
    result = audit.verify()
    assert not result.ok and result.first_bad_id == 4


def test_audit_purge_keeps_a_verifiable_chain(app, audit):
    old = AuditLog(app.store, FixedClock(fixed=app.clock.now() - timedelta(days=400)))
    for i in range(3):
        old.record("lan", "login", str(i))
    for i in range(2):
        audit.record("lan", "login", str(i))
    assert audit.purge_before(app.clock.now() - timedelta(days=365), "admin") == 3
    assert audit.verify().ok
    audit.record("lan", "logout")
    assert audit.verify().ok


def test_recovery_code_round_trip_and_typos():
    key = os.urandom(32)
    code = dbkey.recovery_code(key)
    assert dbkey.parse_recovery_code(code.lower().replace("-", " ")) == key
    broken = ("B" if code[0] != "B" else "C") + code[1:]
    with pytest.raises(dbkey.KeyError_):
        dbkey.parse_recovery_code(broken)


@pytest.fixture
def no_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.null.Keyring())  # headless Linux: nothing secure
    yield
    keyring.set_keyring(previous)


def test_no_secure_keyring_asks_for_a_passphrase(tmp_path, no_keyring):
    with pytest.raises(dbkey.PassphraseNeeded):
        dbkey.new_key(tmp_path)
    key = dbkey.new_key(tmp_path, passphrase="một cụm mật khẩu dài")
    assert dbkey.existing_key(tmp_path, "một cụm mật khẩu dài") == key
    assert dbkey.existing_key(tmp_path, "cụm mật khẩu khác hẳn") != key
    with pytest.raises(dbkey.PassphraseNeeded):
        dbkey.existing_key(tmp_path)


def _filled_store(path: Path, key: bytes | None):
    from hotline.calls.service import CallService
    from hotline.calls.taxonomy import Taxonomy

    store = open_store(path, key=key)
    service = CallService(store, Taxonomy())
    service.save(Call(received_at=service.clock.now(), phone="0912345678",
                      caller_name="Nguyễn Thị Bí Mật", summary="Chồng đánh, xin giấu tên",
                      categories=("dv.physical",)))
    return store, service


def test_encrypted_database_wrong_key_and_plain_sqlite_fail(tmp_path):
    key = os.urandom(32)
    path = tmp_path / "h.sqlite"
    store, _ = _filled_store(path, key)
    store.close()
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT * FROM calls").fetchall()
    with pytest.raises(StoreError):
        open_store(path, key=os.urandom(32))
    assert open_store(path, key=key).conn.execute("SELECT count(*) FROM calls").fetchone()[0] == 1


def test_byte_search_finds_no_personal_data(tmp_path):
    key = os.urandom(32)
    path = tmp_path / "h.sqlite"
    store, _ = _filled_store(path, key)
    made = backup.create(store, tmp_path / "backups", store_clock())
    blob = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    store.close()
    for secret in ("0912345678", "84912345678", "Bí Mật", "Chồng đánh"):
        assert secret.encode("utf-8") not in blob
    assert made.exists()


def store_clock():
    from hotline.clock import Clock

    return Clock()


def test_plain_database_is_encrypted_in_place(tmp_path):
    path = tmp_path / "h.sqlite"
    store, _ = _filled_store(path, None)
    store.close()
    assert encryption.is_plain_sqlite(path)
    key = os.urandom(32)
    encryption.encrypt_in_place(path, key)
    assert not encryption.is_plain_sqlite(path)
    assert "Chồng đánh".encode() not in path.read_bytes()
    reopened = open_store(path, key=key)
    assert reopened.conn.execute("SELECT caller_name FROM calls").fetchone()[0] == \
        "Nguyễn Thị Bí Mật"
    assert not list(tmp_path.glob(".*plain*"))


def test_backup_verify_restore_round_trip_on_another_data_dir(tmp_path):
    key = os.urandom(32)
    store, service = _filled_store(tmp_path / "a" / "h.sqlite", key)
    made = backup.create(store, tmp_path / "backups", service.clock)
    backup.verify(made, key)
    with pytest.raises(backup.BackupError):
        backup.verify(made, os.urandom(32))
    target = tmp_path / "b" / "h.sqlite"
    target.parent.mkdir()
    aside = backup.restore(made, target, key, service.clock)
    assert not aside.exists()  # nothing was there to keep aside
    restored = open_store(target, key=key)
    assert restored.conn.execute("SELECT count(*) FROM calls").fetchone()[0] == 1
    # Restoring over an existing database keeps the current one aside.
    restored.close()
    aside = backup.restore(made, target, key, service.clock)
    assert aside.exists()


def test_corrupt_backup_is_refused_before_anything_is_replaced(tmp_path):
    key = os.urandom(32)
    store, service = _filled_store(tmp_path / "h.sqlite", key)
    made = backup.create(store, tmp_path / "backups", service.clock)
    data = bytearray(made.read_bytes())
    data[5000:5100] = b"\xff" * 100
    made.write_bytes(bytes(data))
    store.close()
    before = (tmp_path / "h.sqlite").read_bytes()
    with pytest.raises(backup.BackupError):
        backup.restore(made, tmp_path / "h.sqlite", key, service.clock)
    assert (tmp_path / "h.sqlite").read_bytes() == before


def test_rotation_keeps_7_daily_4_weekly_12_monthly(tmp_path):
    from datetime import datetime

    folder = tmp_path / "b"
    folder.mkdir()
    start = datetime(2025, 1, 1, 20, 0, 0)
    for day in range(500):
        (folder / backup.backup_name(start + timedelta(days=day))).write_bytes(b"x")
    backup.rotate(folder)
    kept = [b.taken.date() for b in backup.list_backups(folder)]
    last = (start + timedelta(days=499)).date()
    assert all((last - timedelta(days=i)) in kept for i in range(7))
    assert len({(d.year, d.month) for d in kept}) == 12
    assert len(kept) <= 7 + 4 + 12


def test_retention_removes_identity_keeps_statistics(app, audit):
    old = app.clock.now() - timedelta(days=6 * 365)
    service = app.calls
    saved = service.write_many([Call(received_at=old, phone="0912345678", caller_name="Lan",
                                     summary="bí mật", categories=("dv.physical",),
                                     caller_sex="female")])
    assert saved == 1
    recent = service.save(Call(received_at=app.clock.now(), phone="0912345678",
                               caller_name="Lan", categories=("dv.physical",)))
    result = retention.apply(service, audit, years=5, actor="head")
    assert result.calls == 1
    rows = app.store.conn.execute("SELECT * FROM calls ORDER BY received_ts").fetchall()
    assert rows[0]["caller_name"] == "" and rows[0]["summary"] == ""
    assert rows[0]["phone"] == service.phone_hash("+84912345678")
    assert rows[0]["caller_sex"] == "female" and rows[0]["categories"] == "dv.physical"
    assert service.get(recent.id).caller_name == "Lan"
    assert audit.entries(action="retention")[0].fields[0] == "caller_name"


def test_the_app_database_is_encrypted_and_holds_no_readable_personal_data(app, data_dir):
    app.calls.save(Call(received_at=app.clock.now(), phone="0987654321",
                        caller_name="Trần Thị Kín", summary="Bị chồng đe dọa giết",
                        categories=("dv.psychological",)))
    app.calls.save_draft("d1", {"caller_name": "Lê Thị Nháp", "summary": "đang gõ dở"})
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(app.store.path).execute("SELECT * FROM calls").fetchall()
    blob = b"".join(p.read_bytes() for p in data_dir.rglob("*") if p.is_file())
    for secret in ("0987654321", "84987654321", "Trần Thị Kín", "đe dọa giết", "Lê Thị Nháp",
                   "tran thi kin", "de doa giet"):
        assert secret.encode("utf-8") not in blob, secret
