"""The settings dialog: everything the wizard asked plus idle lock, backups, retention,
language and font size; saved atomically, audited by field name, applied live; operators
may change only the display."""

from __future__ import annotations

import json

import keyring
import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from typing_helpers import type_text

from hotline import config
from hotline.reports import mailer
from hotline.ui.lock import install_security, session_of
from hotline.ui.main_window import MainWindow
from hotline.ui.settings_dialog import SettingsDialog

pytestmark = pytest.mark.gui

FAST = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)


@pytest.fixture
def people(app):
    app.accounts.hasher = FAST
    admin = app.accounts.create_first_admin("admin", "Nguyễn Văn An", "admin-mật-khẩu")
    head = app.accounts.create_user(admin, "hoa", "Lê Thị Hoa", "head", "hoa-mật-khẩu")
    op = app.accounts.create_user(admin, "lan", "Trần Thị Lan", "operator", "lan-mật-khẩu")
    return {"admin": admin, "head": head, "operator": op}


@pytest.fixture
def restore_font():
    qt = QApplication.instance()
    font = qt.font()
    yield
    qt.setFont(font)


def test_head_changes_center_sync_security_and_they_apply(qtbot, app, people, data_dir,
                                                          restore_font):
    app.session.user = people["head"]
    window = MainWindow(app)
    qtbot.addWidget(window)
    install_security(window, app)
    window.show()
    session = session_of(window)
    dialog = session.open_settings()
    assert isinstance(dialog, SettingsDialog) and not dialog.isModal()
    assert dialog.center.isEnabled()
    center = dialog.center
    center.center_name.clear()
    type_text(center.center_name, "TRUNG TÂM CÔNG TÁC XÃ HỘI TỈNH NGHỆ AN")
    type_text(center.province.edit(), "nghe an")
    center.province.commit_text()
    type_text(center.place_name, "Vinh")
    dialog.security.idle_lock.setValue(7)
    dialog.security.retention.setValue(10)
    type_text(dialog.security.backup_folder, str(data_dir / "sao lưu"))
    dialog.display.font_size.setValue(14)
    saved = []
    dialog.saved.connect(saved.append)
    assert dialog.save()

    on_disk = config.load_settings(data_dir)
    assert on_disk.center_name == "TRUNG TÂM CÔNG TÁC XÃ HỘI TỈNH NGHỆ AN"
    assert on_disk.province_code == app.settings.province_code != ""
    assert (on_disk.place_name, on_disk.idle_lock_minutes, on_disk.retention_years,
            on_disk.font_size) == ("Vinh", 7, 10, 14)
    assert on_disk.backup_folder.endswith("sao lưu")
    assert app.settings == on_disk and app.reports.settings == on_disk
    assert app.sync.settings == on_disk
    names = set(saved[0])
    assert names == {"center_name", "province_code", "place_name", "idle_lock_minutes",
                     "retention_years", "backup_folder", "font_size"}
    entry = app.audit.entries(action="settings.change")[0]
    assert set(entry.fields) == names and entry.actor == "hoa"
    assert "NGHỆ AN" not in entry.detail + entry.target  # names, not values
    # Applied live.
    assert window.windowTitle() == "Hotline — TRUNG TÂM CÔNG TÁC XÃ HỘI TỈNH NGHỆ AN"
    assert session.idle_ms == 7 * 60_000
    assert QApplication.instance().font().pointSize() == 14
    assert "Đã lưu" in dialog.bar.text()
    assert dialog.save()  # nothing changed: nothing audited
    assert len(app.audit.entries(action="settings.change")) == 1
    window.close()


def test_operator_may_change_only_the_display(qtbot, app, people, data_dir, restore_font):
    app.session.user = people["operator"]
    dialog = SettingsDialog(app)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.center.isEnabled() and not dialog.sync.isEnabled()
    assert not dialog.security.isEnabled() and dialog.display.isEnabled()
    assert dialog.tabs.currentWidget() is dialog.display
    dialog.display.language.setCurrentIndex(dialog.display.language.findData("en"))
    dialog.display.font_size.setValue(12)
    assert dialog.save()
    assert config.load_settings(data_dir).language == "en"
    # Anything else is refused, even if the fields were somehow edited.
    dialog.center.center_name.setText("Tên khác")
    assert not dialog.save()
    assert "không được phép" in dialog.bar.text().lower()
    assert config.load_settings(data_dir).center_name != "Tên khác"


def test_smtp_password_goes_to_the_keyring_not_the_file(qtbot, app, people, data_dir):
    app.session.user = people["head"]
    dialog = SettingsDialog(app)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.save()  # a new data directory has no province yet: it is required
    assert dialog.tabs.currentWidget() is dialog.center
    dialog.center.province.set_code("01")
    sync = dialog.sync
    sync.mail.setChecked(True)
    type_text(sync.smtp_host, "smtp.example.org")
    type_text(sync.smtp_user, "baocao")
    type_text(sync.smtp_to, "so@example.org")
    type_text(sync.smtp_password, "bí-mật-thư")
    assert dialog.save()
    raw = (data_dir / config.SETTINGS_FILE).read_text(encoding="utf-8")
    assert "bí-mật-thư" not in raw and json.loads(raw)["smtp_user"] == "baocao"
    smtp = mailer.smtp_config(app.settings)
    assert keyring.get_password(mailer.KEYRING_SERVICE, smtp.account) == "bí-mật-thư"
    assert sync.smtp_password.text() == ""
    assert "smtp_password" in app.audit.entries(action="settings.change")[0].fields
    # Unticking e-mail turns it off (no host), the rest stays for next time.
    sync.mail.setChecked(False)
    assert dialog.save()
    assert mailer.smtp_config(app.settings) is None
    assert app.settings.smtp_user == "baocao"


def test_invalid_center_keeps_the_dialog_on_its_tab(qtbot, app, people):
    app.session.user = people["head"]
    dialog = SettingsDialog(app)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.display)
    dialog.center.center_name.clear()
    assert not dialog.save()
    assert dialog.tabs.currentWidget() is dialog.center
    assert "tên trung tâm" in dialog.center.error.text()


def test_ctrl_comma_opens_the_dialog(qtbot, app, people):
    app.session.user = people["operator"]
    window = MainWindow(app)
    qtbot.addWidget(window)
    install_security(window, app)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.call_form.phone, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = session_of(window)._settings_dialog
    assert dialog is not None and dialog.isVisible()
    window.close()


def test_settings_round_trip_reports_no_change():
    """A tuple setting read back from JSON must not count as changed."""
    settings = config.Settings()
    assert config.changed_fields(settings, settings.with_changes()) == ()
    assert config.changed_fields(settings, settings.with_changes(font_size=12)) == (
        "font_size",)


def test_saved_settings_read_back_identical(app, data_dir):
    new = app.settings.with_changes(center_name="Trung tâm A")
    assert app.apply_settings(new) == ("center_name",)
    assert config.load_settings(data_dir) == new
    assert app.apply_settings(config.load_settings(data_dir)) == ()
