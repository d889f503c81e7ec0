"""Operator, head and admin accounts: Argon2id password hashes, lock-out after failures.

The first run creates the admin. Every call records the logged-in user; the window and the
command line check the same permissions (`hotline.security.roles`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from hotline.clock import Clock, iso, parse_iso
from hotline.security.audit import AuditLog
from hotline.security.roles import Permission, Role, require
from hotline.store.db import Store
from hotline.translation import translate

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD = 8
# Argon2id for new password hashes. argon2-cffi's default (RFC 9106's low-memory profile:
# 64 MiB, t=3, p=4) allocates 64 MiB at every check; at the idle lock's unlock that comes on
# top of everything the session holds (peak 246 MB, 251 MB on the day of a backup, with
# 1,000,000 calls: bench/results/gui.md; target 250 MB). Half the memory and twice the
# passes: the same work per guess (memory x passes), the same ~0.2 s check, well above
# OWASP's minimum (19 MiB, t=2, p=1). Hashes made with other parameters still verify and are
# made again with these at the next login (check_needs_rehash in `authenticate`).
HASH_TIME_COST = 6
HASH_MEMORY_KIB = 32 * 1024
HASH_PARALLELISM = 4


def password_hasher() -> PasswordHasher:
    return PasswordHasher(time_cost=HASH_TIME_COST, memory_cost=HASH_MEMORY_KIB,
                          parallelism=HASH_PARALLELISM)


@dataclass(frozen=True)
class User:
    id: int
    username: str
    display_name: str
    role: Role
    active: bool

    def can(self, permission: Permission) -> bool:
        from hotline.security.roles import allowed

        return allowed(self.role, permission)


class AuthError(RuntimeError):
    """Login refused; the message is safe to show (it never says which part was wrong)."""


class AccountService:
    def __init__(self, store: Store, clock: Clock, audit: AuditLog,
                 hasher: PasswordHasher | None = None) -> None:
        self.store = store
        self.clock = clock
        self.audit = audit
        self.hasher = hasher or password_hasher()

    # ---------------------------------------------------------------- queries
    def has_users(self) -> bool:
        return self.store.conn.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None

    def users(self) -> list[User]:
        rows = self.store.conn.execute("SELECT * FROM users ORDER BY username").fetchall()
        return [_user(r) for r in rows]

    def get(self, username: str) -> User | None:
        row = self.store.conn.execute("SELECT * FROM users WHERE username = ?",
                                      (username,)).fetchone()
        return _user(row) if row else None

    # ---------------------------------------------------------------- changes
    def create_first_admin(self, username: str, display_name: str, password: str) -> User:
        """Only when no account exists yet (first run)."""
        if self.has_users():
            raise AuthError(translate("core.security",
                                      "đã có tài khoản; quản trị viên tạo thêm tài khoản"))
        return self._create(username, display_name, Role.ADMIN, password, actor=username)

    def create_user(self, by: User, username: str, display_name: str, role: Role | str,
                    password: str) -> User:
        require(by.role, Permission.MANAGE_USERS)
        role = Role(role)
        if role is Role.ADMIN and by.role is not Role.ADMIN:
            raise AuthError(translate("core.security",
                                      "chỉ quản trị viên tạo được tài khoản quản trị"))
        return self._create(username, display_name, role, password, actor=by.username)

    def _create(self, username: str, display_name: str, role: Role, password: str,
                actor: str) -> User:
        username = username.strip()
        if not username:
            raise AuthError(translate("core.security", "tên đăng nhập không được trống"))
        _check_password(password)
        now = iso(self.clock.now())
        with self.store.transaction() as tx:
            if tx.execute("SELECT 1 FROM users WHERE username = ?", (username,)).fetchone():
                raise AuthError(translate(
                    "core.security", "tên đăng nhập '{username}' đã có").format(username=username))
            tx.execute("INSERT INTO users(username, display_name, role, password_hash, "
                       "created_at, updated_at) VALUES (?,?,?,?,?,?)",
                       (username, display_name.strip() or username, role.value,
                        self.hasher.hash(password), now, now))
            self.audit.record(actor, "user.create", username, ("role",))
        user = self.get(username)
        assert user is not None
        return user

    def set_password(self, by: User, username: str, new_password: str,
                     old_password: str | None = None) -> None:
        """Users change their own password (with the old one); heads/admins reset others."""
        _check_password(new_password)
        if by.username.lower() == username.lower():
            if old_password is None:
                raise AuthError(translate("core.security", "cần mật khẩu hiện tại"))
            self.authenticate(username, old_password)
        else:
            self._managed(by, username)
        with self.store.transaction() as tx:
            tx.execute("UPDATE users SET password_hash = ?, failed_count = 0, locked_until = NULL,"
                       " updated_at = ? WHERE username = ?",
                       (self.hasher.hash(new_password), iso(self.clock.now()), username))
            self.audit.record(by.username, "user.password", username, ("password",))

    def set_role(self, by: User, username: str, role: Role | str) -> None:
        self._managed(by, username)
        role = Role(role)
        if role is Role.ADMIN and by.role is not Role.ADMIN:
            raise AuthError(translate("core.security", "chỉ quản trị viên cấp quyền quản trị"))
        with self.store.transaction() as tx:
            tx.execute("UPDATE users SET role = ?, updated_at = ? WHERE username = ?",
                       (role.value, iso(self.clock.now()), username))
            self.audit.record(by.username, "user.role", username, ("role",))

    def set_active(self, by: User, username: str, active: bool) -> None:
        self._managed(by, username)
        if by.username.lower() == username.lower() and not active:
            raise AuthError(translate("core.security", "không thể tự khóa tài khoản của mình"))
        with self.store.transaction() as tx:
            tx.execute("UPDATE users SET active = ?, updated_at = ? WHERE username = ?",
                       (int(active), iso(self.clock.now()), username))
            self.audit.record(by.username, "user.activate" if active else "user.deactivate",
                              username, ("active",))

    def _managed(self, by: User, username: str) -> User:
        """The account `by` is about to change: it must exist, and only an admin changes an
        admin's (a head resetting the admin's password or demoting it would take over)."""
        require(by.role, Permission.MANAGE_USERS)
        target = self.get(username)
        if target is None:
            raise AuthError(translate("core.security", "không có tài khoản '{username}'").format(
                username=username))
        if target.role is Role.ADMIN and by.role is not Role.ADMIN:
            raise AuthError(translate("core.security",
                                      "chỉ quản trị viên thay đổi được tài khoản quản trị"))
        return target

    # ------------------------------------------------------------------ login
    def authenticate(self, username: str, password: str, *, action: str = "login") -> User:
        """Check a login; count failures and lock the account after MAX_FAILURES.

        `action` names the success in the audit log: "login", "session.unlock" (the idle lock
        screen), "reauth" (a password asked again before showing the recovery key). Failures
        are always "login.failed": they count towards the lock-out whatever the purpose.
        """
        now = self.clock.now()
        row = self.store.conn.execute("SELECT * FROM users WHERE username = ?",
                                      (username.strip(),)).fetchone()
        refused = AuthError(translate("core.security", "sai tên đăng nhập hoặc mật khẩu"))
        if row is None:
            self.audit.record(username.strip() or "?", "login.failed", "", (), "no such user")
            raise refused
        if not row["active"]:
            self.audit.record(row["username"], "login.failed", "", (), "inactive")
            raise AuthError(translate("core.security",
                                      "tài khoản đã bị khóa; liên hệ lãnh đạo trung tâm"))
        if row["locked_until"] and parse_iso(row["locked_until"]) > now:
            self.audit.record(row["username"], "login.failed", "", (), "locked out")
            raise AuthError(translate(
                "core.security", "đăng nhập sai quá {failures} lần; thử lại sau {minutes} phút"
            ).format(failures=MAX_FAILURES,
                     minutes=_minutes_left(parse_iso(row["locked_until"]), now)))
        try:
            self.hasher.verify(row["password_hash"], password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            failures = row["failed_count"] + 1
            locked = iso(now + LOCKOUT) if failures >= MAX_FAILURES else None
            with self.store.transaction() as tx:
                tx.execute("UPDATE users SET failed_count = ?, locked_until = ? WHERE id = ?",
                           (0 if locked else failures, locked, row["id"]))
                self.audit.record(row["username"], "login.failed", "", (),
                                  "locked out" if locked else f"failure {failures}")
            raise refused from None
        with self.store.transaction() as tx:
            if self.hasher.check_needs_rehash(row["password_hash"]):
                tx.execute("UPDATE users SET password_hash = ? WHERE id = ?",
                           (self.hasher.hash(password), row["id"]))
            tx.execute("UPDATE users SET failed_count = 0, locked_until = NULL WHERE id = ?",
                       (row["id"],))
            self.audit.record(row["username"], action, "", ())
        return _user(row)

    def logout(self, user: User, reason: str = "") -> None:
        self.audit.record(user.username, "logout", "", (), reason)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AuthError(translate("core.security", "mật khẩu phải có ít nhất {count} ký tự").format(
            count=MIN_PASSWORD))


def _minutes_left(until: datetime, now: datetime) -> int:
    return max(1, int((until - now).total_seconds() // 60) + 1)


def _user(row: Any) -> User:
    return User(row["id"], row["username"], row["display_name"], Role(row["role"]),
                bool(row["active"]))
