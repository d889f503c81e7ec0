"""Composition root: opens the store and builds the services, for the CLI and the window.

Nothing else constructs services; everything receives its collaborators from here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from hotline import config
from hotline.calls.service import CallService
from hotline.calls.taxonomy import Taxonomy
from hotline.clock import Clock
from hotline.store.db import Store, open_store


@dataclass
class App:
    data_dir: Path
    settings: config.Settings
    store: Store
    clock: Clock
    taxonomy: Taxonomy
    calls: CallService

    @property
    def operator(self) -> str:
        """Who is at the desk (until accounts exist: the setting, else the OS user)."""
        return self.settings.operator_name or _os_user()

    def close(self) -> None:
        self.store.close()


def _os_user() -> str:
    for var in ("USERNAME", "USER", "LOGNAME"):
        if os.environ.get(var):
            return os.environ[var]
    return ""


def open_app(data_dir: str | os.PathLike[str] | None = None) -> App:
    directory = config.data_dir(data_dir)
    settings = config.load_settings(directory)
    clock = Clock(ZoneInfo(settings.timezone))
    store = open_store(directory / config.DATABASE_FILE)
    taxonomy = Taxonomy()
    return App(
        data_dir=directory,
        settings=settings,
        store=store,
        clock=clock,
        taxonomy=taxonomy,
        calls=CallService(store, taxonomy, clock),
    )
