"""The first-run wizard: the center, sync and e-mail, the admin account and the recovery key
(shown once, printable, mandatory acknowledgement); started by `Startup` when no account
exists, and nothing written if it is abandoned."""

from __future__ import annotations

import json
from pathlib import Path

import keyring
import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWizard
from typing_helpers import type_text

from hotline import config
from hotline.reports import mailer
from hotline.security import dbkey
from hotline.ui.login import Startup
from hotline.ui.main_window import MainWindow
from hotline.ui.setup_wizard import SetupWizard

pytestmark = pytest.mark.gui


@pytest.fixture
def wizard(qtbot, app) -> SetupWizard:
    widget = SetupWizard(app)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def fill_center(wizard: SetupWizard) -> None:
    fields = wizard.center_page.fields
    fields.center_name.clear()
    type_text(fields.center_name, "TRUNG TÂM CÔNG TÁC XÃ HỘI TỈNH BẮC NINH")
    type_text(fields.parent_body, "SỞ Y TẾ TỈNH BẮC NINH")
    type_text(fields.province.edit(), "bac ninh")
    fields.province.commit_text()


def fill_admin(wizard: SetupWizard, password: str = "mật khẩu dài 123",
               again: str | None = None) -> None:
    page = wizard.admin_page
    page.display_name.clear()
    type_text(page.display_name, "Nguyễn Văn An")
    page.password.clear()
    page.password2.clear()
    type_text(page.password, password)
    type_text(page.password2, password if again is None else again)


def finish_button(wizard: SetupWizard):
    return wizard.button(QWizard.WizardButton.FinishButton)


def test_wizard_creates_admin_settings_and_shows_the_recovery_key(wizard, app, data_dir):
    done = []
    wizard.completed.connect(done.append)
    fill_center(wizard)
    assert wizard.center_page.fields.province.code() == "24"  # typed without accents
    assert "Bắc Ninh" in wizard.center_page.fields.place_name.placeholderText()
    wizard.next()
    sync = wizard.sync_page.fields
    type_text(sync.sync_folder, str(data_dir / "chia sẻ"))
    wizard.next()
    fill_admin(wizard)
    wizard.next()
    assert wizard.currentPage() is wizard.recovery_page
    panel = wizard.recovery_page.panel
    code = dbkey.recovery_code(app.store.key)
    assert panel.code == code
    assert code.split("-")[0] in panel.code_label.text()
    assert panel.code_label.font().pointSize() >= 18  # large type
    # The key must be acknowledged before the wizard can finish.
    assert not finish_button(wizard).isEnabled()
    panel.acknowledge.setChecked(True)
    assert finish_button(wizard).isEnabled()
    finish_button(wizard).click()

    assert len(done) == 1 and done[0].username == "admin"
    assert app.session.user is not None and app.session.user.role.value == "admin"
    assert app.accounts.get("admin").display_name == "Nguyễn Văn An"
    saved = config.load_settings(data_dir)
    assert saved.center_name == "TRUNG TÂM CÔNG TÁC XÃ HỘI TỈNH BẮC NINH"
    assert saved.parent_body == "SỞ Y TẾ TỈNH BẮC NINH"
    assert saved.province_code == "24"
    assert saved.sync_folder.endswith("chia sẻ")
    assert app.settings == saved and app.reports.settings == saved
    actions = [e.action for e in app.audit.entries()]
    assert {"user.create", "login", "settings.change"} <= set(actions)
    change = next(e for e in app.audit.entries() if e.action == "settings.change")
    assert "center_name" in change.fields and "BẮC NINH" not in change.detail
    assert panel.code == ""  # the key does not linger once the wizard is closed


def test_admin_page_checks_password_length_and_repeat(wizard, app):
    fill_center(wizard)
    wizard.next()
    wizard.next()
    fill_admin(wizard, password="ngắn")
    wizard.next()
    assert wizard.currentPage() is wizard.admin_page
    assert "ít nhất" in wizard.admin_page.error.text()
    fill_admin(wizard, password="mật khẩu dài 123", again="mật khẩu khác 123")
    wizard.next()
    assert wizard.currentPage() is wizard.admin_page
    assert "không khớp" in wizard.admin_page.error.text()
    assert not app.accounts.has_users()


def test_center_page_requires_name_and_province(wizard):
    fields = wizard.center_page.fields
    fields.center_name.clear()
    wizard.next()
    assert wizard.currentPage() is wizard.center_page
    assert "tên trung tâm" in fields.error.text()
    type_text(fields.center_name, "Trung tâm")
    type_text(fields.province.edit(), "khong co tinh nay")
    wizard.next()
    assert wizard.currentPage() is wizard.center_page
    assert "trong danh sách" in fields.error.text()


def test_email_needs_host_and_recipients_and_keeps_the_password_in_the_keyring(
        wizard, app, data_dir):
    fill_center(wizard)
    wizard.next()
    sync = wizard.sync_page.fields
    sync.mail.setChecked(True)
    wizard.next()
    assert wizard.currentPage() is wizard.sync_page
    assert "máy chủ thư" in sync.error.text()
    type_text(sync.smtp_host, "smtp.example.org")
    type_text(sync.smtp_user, "baocao")
    type_text(sync.smtp_password, "mật-khẩu-thư")
    wizard.next()
    assert "địa chỉ nhận" in sync.error.text()
    type_text(sync.smtp_to, "so@example.org")
    sync.smtp_security.setCurrentIndex(sync.smtp_security.findData("none"))
    wizard.next()
    assert "localhost" in sync.error.text()  # no clear-text password over a network
    sync.smtp_security.setCurrentIndex(sync.smtp_security.findData("ssl"))
    assert sync.smtp_port.value() == 465
    wizard.next()
    fill_admin(wizard)
    wizard.next()
    wizard.recovery_page.panel.acknowledge.setChecked(True)
    finish_button(wizard).click()
    assert app.session.user is not None
    raw = (data_dir / config.SETTINGS_FILE).read_text(encoding="utf-8")
    assert "mật-khẩu-thư" not in raw
    settings = json.loads(raw)
    assert settings["smtp_host"] == "smtp.example.org" and settings["smtp_security"] == "ssl"
    smtp = mailer.smtp_config(app.settings)
    assert smtp is not None
    assert keyring.get_password(mailer.KEYRING_SERVICE, smtp.account) == "mật-khẩu-thư"


def test_recovery_sheet_prints_the_key(wizard, app, tmp_path: Path):
    panel = wizard.recovery_page.panel
    code = dbkey.recovery_code(app.store.key)
    panel.center_name = "TRUNG TÂM CÔNG TÁC XÃ HỘI"
    panel.set_code(code)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "khoa.pdf"
    printer.setOutputFileName(str(out))
    panel.print_on(printer)
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    compact = "".join(text.split())
    assert all(group in compact for group in code.split("-"))
    assert "KHÓA KHÔI PHỤC" in text or "KHÓAKHÔIPHỤC" in compact


def test_print_dialog_opens_without_blocking(wizard, qtbot):
    panel = wizard.recovery_page.panel
    panel.set_code("ABCD-EFGH")
    panel.print_sheet()
    dialog = panel._print_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_startup_without_accounts_opens_the_wizard_and_quitting_it_writes_nothing(
        qtbot, data_dir):
    window = MainWindow()
    qtbot.addWidget(window)
    startup = Startup(window, data_dir)
    results = []
    startup.finished.connect(results.append)
    startup.begin()
    assert startup.wizard is not None and startup.wizard.isVisible()
    assert startup.login_dialog is None
    startup.wizard.reject()
    assert results == [None]
    assert not (data_dir / config.SETTINGS_FILE).exists()
    from hotline.app import open_app

    again = open_app(data_dir)
    try:
        assert not again.accounts.has_users()
    finally:
        again.close()


def test_startup_wizard_then_the_window_gets_the_admin(qtbot, data_dir):
    window = MainWindow()
    qtbot.addWidget(window)
    startup = Startup(window, data_dir)
    startup.begin()
    wizard = startup.wizard
    assert wizard is not None
    fill_center(wizard)
    wizard.next()
    wizard.next()
    fill_admin(wizard)
    wizard.next()
    wizard.recovery_page.panel.acknowledge.setChecked(True)
    with qtbot.waitSignal(startup.finished) as blocker:
        finish_button(wizard).click()
    app = blocker.args[0]
    try:
        assert app is not None and app.user.username == "admin"
    finally:
        app.close()
