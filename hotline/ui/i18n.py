"""The window's language, Qt's own dialog texts, the font size and how dates are shown.

The UI's source strings are Vietnamese, so Vietnamese needs no translation of our own; it
does need `qt_vi.qm`, because Qt ships no Vietnamese for its standard dialogs (OK/Cancel,
the line edit's context menu, the file and print dialogs) and an operator should not meet
English buttons in the middle of a call. English loads `hotline_en.qm` (ours) and Qt's
`qtbase_en.qm`. Both files are built by `scripts/update-translations`.

Translators are children of the application with a recognisable object name, so installing
a language again (a test, a later live switch) first removes the previous ones: there is
no module-level state. Views write their texts once, when they are built, so a language
chosen in the settings applies at the next start (the settings dialog says so).

The Qt-free core's messages (hotline/translation.py) follow: installing English installs
`QCoreApplication.translate` as the core's translator, removing the translators removes it.

Dates are dd/mm/yyyy in both languages: the users are in Vietnam, and a date written
the American way would be misread.
"""

from __future__ import annotations

import json
import logging
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QGuiApplication

from hotline.translation import set_translator

if TYPE_CHECKING:
    from hotline.config import Settings

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "vi"
# Each language named in itself: the list must be readable whatever the current language.
LANGUAGES: dict[str, str] = {"vi": "Tiếng Việt", "en": "English"}
# The one font-size range (points) for start-up, the settings dialog and clamp_font_size.
FONT_SIZE_MIN = 9
FONT_SIZE_MAX = 20
DATE_FORMAT = "dd/MM/yyyy"  # Qt display format (QDateEdit.setDisplayFormat)
DATETIME_FORMAT = "dd/MM/yyyy HH:mm"
PY_DATE_FORMAT = "%d/%m/%Y"
PY_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
TRANSLATOR_PREFIX = "hotline-translator:"
DEFAULT_FONT_PROPERTY = "hotline_default_font"  # the system's font, before any size is set


def normalize_language(language: object) -> str:
    """"vi" or "en"; anything else (a typo in settings.json, "vi_VN") falls back sensibly."""
    text = str(language or "").strip().lower().replace("-", "_")
    code = text.split("_", 1)[0]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def translations_dir() -> Path:
    """The bundled .ts/.qm files (resources/translations, shipped as hotline.resources)."""
    from hotline.resources_access import resource

    return Path(str(resource("translations")))


def qt_translations_dir() -> Path:
    """Where PySide6 keeps Qt's own .qm files (qtbase_en.qm …)."""
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def translation_files(language: str) -> list[tuple[str, Path]]:
    """(name, .qm path) in installation order; a later translator wins, so ours go last."""
    language = normalize_language(language)
    if language == "vi":
        return [("qt", translations_dir() / "qt_vi.qm")]
    return [("qt", qt_translations_dir() / f"qtbase_{language}.qm"),
            ("app", translations_dir() / f"hotline_{language}.qm")]


def locale_for(language: str) -> QLocale:
    """Vietnamese month and day names in the calendar; English with day-first dates."""
    if normalize_language(language) == "en":
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    return QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)


def installed_translators(qt_app: QCoreApplication) -> list[QTranslator]:
    return [t for t in qt_app.findChildren(QTranslator)
            if t.objectName().startswith(TRANSLATOR_PREFIX)]


def remove_translators(qt_app: QCoreApplication) -> None:
    """Back to the source language (Vietnamese) and the system locale's defaults."""
    for translator in installed_translators(qt_app):
        qt_app.removeTranslator(translator)
        translator.setParent(None)
        translator.deleteLater()
    set_translator(None)


def install_translators(qt_app: QCoreApplication, language: str) -> list[str]:
    """Install `language` ("vi"/"en") for everything built from now on; returns the files
    that could not be loaded (the window then stays in Vietnamese for those texts rather
    than refusing to start)."""
    language = normalize_language(language)
    remove_translators(qt_app)
    missing = []
    for name, path in translation_files(language):
        translator = QTranslator(qt_app)
        translator.setObjectName(f"{TRANSLATOR_PREFIX}{name}:{language}")
        if path.is_file() and translator.load(str(path)):
            qt_app.installTranslator(translator)
        else:
            translator.setParent(None)
            missing.append(str(path))
            log.warning("translation %s not loaded", path)
    # The core's messages (validation, import rows, sync …) from the same catalogue.
    set_translator(QCoreApplication.translate if language != DEFAULT_LANGUAGE else None)
    QLocale.setDefault(locale_for(language))
    return missing


def ui_language(qt_app: QCoreApplication | None = None) -> str:
    """The language the window is shown in, for views that show domain labels but are
    not handed the settings (Taxonomy.label(…, lang))."""
    qt_app = qt_app or QCoreApplication.instance()
    if qt_app is None:
        return DEFAULT_LANGUAGE
    for translator in installed_translators(qt_app):
        if translator.objectName().startswith(f"{TRANSLATOR_PREFIX}app:"):
            return normalize_language(translator.objectName().rsplit(":", 1)[-1])
    return DEFAULT_LANGUAGE


def clamp_font_size(points: object) -> int:
    """A size in points within FONT_SIZE_MIN–FONT_SIZE_MAX, or 0 for the system's default
    (the settings dialog offers exactly this range)."""
    try:
        value = int(float(str(points)))
    except (TypeError, ValueError):
        return 0
    if value <= 0:
        return 0
    return max(FONT_SIZE_MIN, min(FONT_SIZE_MAX, value))


def apply_font_size(qt_app: QGuiApplication, points: object) -> int:
    """Set the application font's size, clamped to FONT_SIZE_MIN–FONT_SIZE_MAX (0: the
    system's); returns the size used. The one place the size is applied: at start-up and,
    live, after the settings dialog saves it. The system's font is kept on the application
    (DEFAULT_FONT_PROPERTY) so that going back to 0 restores it; headings and other
    stylesheet sizes are set again from the new size (hotline.ui.styles)."""
    from hotline.ui import styles

    size = clamp_font_size(points)
    default = qt_app.property(DEFAULT_FONT_PROPERTY)
    if not isinstance(default, QFont):
        default = QFont(qt_app.font())
        qt_app.setProperty(DEFAULT_FONT_PROPERTY, default)
    font = QFont(default)
    if size:
        font.setPointSize(size)
    qt_app.setFont(font)
    styles.restyle_all(qt_app)
    return size


def apply_settings(qt_app: QGuiApplication, settings: Settings) -> list[str]:
    """Language and font size from the settings, before any window is built."""
    missing = install_translators(qt_app, settings.language)
    apply_font_size(qt_app, getattr(settings, "font_size", 0))
    return missing


def startup_settings(data_dir: str | Path | None) -> Settings:
    """The settings file read before the database is opened (the first frame is already in
    the right language); a damaged file gives the defaults here and is reported later."""
    from hotline import config

    try:
        return config.load_settings(config.data_dir(data_dir))
    except (OSError, ValueError, TypeError, json.JSONDecodeError) as exc:
        log.warning("settings not read at start-up: %s", exc)
        return config.Settings()


def format_date(value: date | None) -> str:
    """dd/mm/yyyy, the way dates are written in Vietnam."""
    return value.strftime(PY_DATE_FORMAT) if value else ""


def format_datetime(value: datetime | None) -> str:
    return value.strftime(PY_DATETIME_FORMAT) if value else ""


def display_date(iso_day: str) -> str:
    """'2026-03-05' → '05/03/2026' for a date field people edit; anything else unchanged."""
    try:
        return date.fromisoformat(iso_day.strip()).strftime(PY_DATE_FORMAT)
    except ValueError:
        return iso_day


def parse_display_date(text: str) -> str:
    """What someone typed in a date field → 'YYYY-MM-DD': day first ('5/3/2026',
    '05-03-2026', '05.03.2026') or already ISO. Anything else comes back unchanged, so the
    service's validation names the field and the text."""
    value = text.strip()
    if not value:
        return ""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    parts = value.replace("-", "/").replace(".", "/").split("/")
    if len(parts) == 3 and all(p.strip().isdigit() for p in parts):
        day, month, year = (int(p) for p in parts)
        if year < 100:
            year += 2000
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return value
    return value


def display_datetime(iso_text: str) -> str:
    """'2026-03-05T14:07:09+07:00' → '05/03/2026 14:07' (the time as written, no zone
    conversion); a bare date → '05/03/2026'; anything else unchanged."""
    text = (iso_text or "").strip()
    day = display_date(text[:10])
    if day == text[:10]:
        return iso_text
    clock = text[11:16]
    return f"{day} {clock}" if len(clock) == 5 and clock[2] == ":" else day
