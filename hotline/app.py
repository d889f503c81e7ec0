"""Composition root: opens the store and builds the services, for the CLI and the window.

Nothing else constructs services; everything receives its collaborators from here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from hotline import config
from hotline.calls.service import CallService
from hotline.calls.taxonomy import Taxonomy
from hotline.clock import Clock
from hotline.directory.service import DirectoryService
from hotline.library.service import LibraryService
from hotline.reports.service import ReportService
from hotline.reports.sync import SyncService
from hotline.security.accounts import AccountService, User
from hotline.security.audit import AuditLog
from hotline.security.keys import resolve_key
from hotline.security.roles import Permission, PermissionDenied, Role
from hotline.store.db import Store, open_store
from hotline.translation import translate


class LoginRequired(PermissionError):
    """Accounts exist and nobody is logged in."""


@dataclass
class Session:
    """Who is logged in. Before the first account exists (first run) nobody needs to be."""

    user: User | None = None


@dataclass
class App:
    data_dir: Path
    settings: config.Settings
    store: Store
    clock: Clock
    taxonomy: Taxonomy
    calls: CallService
    directory: DirectoryService
    library: LibraryService  # indexes the bundled library lazily, on first library use
    audit: AuditLog
    accounts: AccountService
    session: Session
    reports: ReportService = field(init=False)  # built in open_app: needs `operator`
    sync: SyncService = field(init=False)

    @property
    def user(self) -> User | None:
        return self.session.user

    @property
    def operator(self) -> str:
        """Who is at the desk: the logged-in user; before accounts exist, the setting or the
        OS user."""
        if self.session.user is not None:
            return self.session.user.display_name
        return self.settings.operator_name or _os_user()

    @property
    def actor(self) -> str:
        """The name the audit log records (the username, stable across renames)."""
        if self.session.user is not None:
            return self.session.user.username
        return self.settings.operator_name or _os_user() or "system"

    def require(self, permission: Permission) -> None:
        """Raise unless the logged-in user may do this (anyone may before accounts exist)."""
        user = self.session.user
        if user is None:
            if self.accounts.has_users():
                raise LoginRequired(translate("core.security", "cần đăng nhập"))
            return
        if not user.can(permission):
            raise PermissionDenied(user.role, permission)

    def can(self, permission: Permission) -> bool:
        try:
            self.require(permission)
        except PermissionError:
            return False
        return True

    @property
    def role(self) -> Role | None:
        return self.session.user.role if self.session.user else None

    def close(self) -> None:
        self.store.close()


def _os_user() -> str:
    for var in ("USERNAME", "USER", "LOGNAME"):
        if os.environ.get(var):
            return os.environ[var]
    return ""


def open_app(data_dir: str | os.PathLike[str] | None = None, *,
             passphrase: str | None = None) -> App:
    directory = config.data_dir(data_dir)
    settings = config.load_settings(directory)
    clock = Clock(ZoneInfo(settings.timezone))
    # Encrypted at rest: the key comes from the OS keyring (or the passphrase where the
    # machine has no secure keyring); a plain database from an earlier version is encrypted
    # in place first (hotline.security.keys).
    key = resolve_key(directory, passphrase)
    store = open_store(directory / config.DATABASE_FILE, key=key)
    taxonomy = Taxonomy()
    audit = AuditLog(store, clock)
    support_directory = DirectoryService(store, taxonomy, clock)
    support_directory.ensure_bundled()  # a no-op unless this bundled version is not loaded yet
    app = App(
        data_dir=directory,
        settings=settings,
        store=store,
        clock=clock,
        taxonomy=taxonomy,
        calls=CallService(store, taxonomy, clock),
        directory=support_directory,
        library=LibraryService(store, clock, audit=audit),
        audit=audit,
        accounts=AccountService(store, clock, audit),
        session=Session(),
    )
    app.reports = ReportService(store, app.calls, taxonomy, clock, settings,
                                preparer=lambda: app.operator)
    app.sync = SyncService(app.reports, store, clock, settings, directory)
    return app
