"""Sending reports by e-mail (SMTP with STARTTLS or SSL), the password from the OS keyring.

The SMTP password is never in settings, in the database or in a log: it is read from the
OS credential store (Windows Credential Manager, macOS Keychain, Secret Service) under the
service name `Hotline SMTP` and the account `user@host`. Security `none` (plain SMTP) is
accepted only for a relay on this computer (127.0.0.1 / localhost), so a password never
crosses a network in clear text.
"""

from __future__ import annotations

import base64
import ipaddress
import mimetypes
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import keyring
from keyring.errors import KeyringError

from hotline.config import Settings
from hotline.translation import translate

# smtplib, ssl and email are imported where a message is built or sent: at the top they
# cost ~50 ms at every start of the window and the command line, mail or not.
if TYPE_CHECKING:
    import smtplib
    from email.message import EmailMessage

KEYRING_SERVICE = "Hotline SMTP"
SECURITY = ("starttls", "ssl", "none")
TIMEOUT_S = 30


class MailError(RuntimeError):
    """Sending failed; the message says why in Vietnamese, never with the password."""


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    security: str
    user: str
    sender: str
    recipients: tuple[str, ...]

    @property
    def account(self) -> str:
        return f"{self.user}@{self.host}"

    @property
    def destination(self) -> str:
        return ", ".join(self.recipients)


def smtp_config(settings: Settings) -> SmtpConfig | None:
    """The e-mail target from settings, or None when e-mail is not configured."""
    recipients = tuple(a.strip() for a in re.split(r"[,;]", settings.smtp_to) if a.strip())
    if not settings.smtp_host or not recipients:
        return None
    return SmtpConfig(settings.smtp_host.strip(), int(settings.smtp_port),
                      settings.smtp_security.strip().lower() or "starttls",
                      settings.smtp_user.strip(),
                      settings.smtp_from.strip() or settings.smtp_user.strip(), recipients)


def store_password(config: SmtpConfig, password: str) -> None:
    """Keep the SMTP password in the OS keyring (raises MailError when there is none)."""
    try:
        keyring.set_password(KEYRING_SERVICE, config.account, password)
    except KeyringError as exc:
        raise MailError(translate(
            "core.sync", "không lưu được mật khẩu SMTP vào kho khóa của hệ điều hành: "
            "{problem}").format(problem=exc)) from exc


def _password(config: SmtpConfig) -> str | None:
    if not config.user:
        return None
    try:
        password = keyring.get_password(KEYRING_SERVICE, config.account)
    except KeyringError as exc:
        raise MailError(translate(
            "core.sync", "không đọc được mật khẩu SMTP từ kho khóa của hệ điều hành: "
            "{problem}").format(problem=exc)) from exc
    if password is None:
        raise MailError(translate(
            "core.sync", "chưa lưu mật khẩu SMTP cho {account} trong kho khóa của hệ điều hành "
            "(hotline sync --set-smtp-password)").format(account=config.account))
    return password


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _login(client: smtplib.SMTP, user: str, password: str) -> None:
    """AUTH PLAIN with UTF-8 credentials (RFC 4616) when the server offers it: one attempt,
    and a Vietnamese password works (smtplib's own login encodes ASCII only and, after a
    refusal, tries the next mechanism). Otherwise smtplib's login (CRAM-MD5, LOGIN)."""
    import smtplib

    mechanisms = client.esmtp_features.get("auth", "").upper().split()
    if "PLAIN" in mechanisms:
        token = base64.b64encode(b"\0" + user.encode() + b"\0" + password.encode()).decode()
        code, reply = client.docmd("AUTH", f"PLAIN {token}")
        if code != 235:
            raise smtplib.SMTPAuthenticationError(code, reply)
        return
    if not (user.isascii() and password.isascii()):
        raise MailError(translate(
            "core.sync", "máy chủ thư không hỗ trợ AUTH PLAIN, cần cho mật khẩu có ký tự "
            "ngoài ASCII; hãy dùng mật khẩu không dấu"))
    client.login(user, password)


def build_message(config: SmtpConfig, subject: str, body: str,
                  attachments: Sequence[Path]) -> EmailMessage:
    from email.message import EmailMessage
    from email.utils import formatdate, make_msgid

    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = config.sender
    msg["To"] = ", ".join(config.recipients)
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=config.host or "hotline.local")
    msg.set_content(body)
    for path in attachments:
        ctype, _ = mimetypes.guess_type(path.name)
        maintype, subtype = (ctype or "application/octet-stream").split("/", 1)
        params = {"charset": "utf-8"} if maintype == "text" else None  # CSV: UTF-8 + BOM
        msg.add_attachment(path.read_bytes(), maintype=maintype, subtype=subtype,
                           filename=path.name, params=params)
    return msg


def send(config: SmtpConfig, msg: EmailMessage) -> None:
    """Deliver `msg`; raise MailError naming the server's reason on any failure."""
    import smtplib
    import ssl

    if config.security not in SECURITY:
        raise MailError(translate(
            "core.sync", "kiểu bảo mật SMTP không hợp lệ '{security}' (dùng: {allowed})").format(
                security=config.security, allowed=", ".join(SECURITY)))
    password = _password(config)
    if config.security == "none" and not _is_loopback(config.host):
        raise MailError(translate(
            "core.sync", "SMTP không mã hóa chỉ được dùng với máy chủ chuyển tiếp trên chính "
            "máy này (localhost); hãy chọn STARTTLS hoặc SSL"))
    where = f"{config.host}:{config.port}"
    try:
        if config.security == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                config.host, config.port, timeout=TIMEOUT_S,
                context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(config.host, config.port, timeout=TIMEOUT_S)
        with client:
            client.ehlo()
            if config.security == "starttls":
                client.starttls(context=ssl.create_default_context())
                client.ehlo()
            if config.user and password is not None:
                _login(client, config.user, password)
            refused = client.send_message(msg)
        if refused:
            raise MailError(translate(
                "core.sync", "máy chủ thư từ chối người nhận: {recipients}").format(
                    recipients=", ".join(sorted(refused))))
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(translate(
            "core.sync", "máy chủ thư {server} từ chối đăng nhập của {user} ({code})").format(
                server=where, user=config.user, code=exc.smtp_code)) from exc
    except smtplib.SMTPRecipientsRefused as exc:
        raise MailError(translate(
            "core.sync", "máy chủ thư từ chối người nhận: {recipients}").format(
                recipients=", ".join(sorted(exc.recipients)))) from exc
    except smtplib.SMTPResponseException as exc:
        reason = exc.smtp_error.decode("utf-8", "replace") if isinstance(
            exc.smtp_error, bytes) else str(exc.smtp_error)
        raise MailError(translate(
            "core.sync", "máy chủ thư {server} từ chối: {code} {reason}").format(
                server=where, code=exc.smtp_code, reason=reason)) from exc
    except smtplib.SMTPException as exc:
        raise MailError(translate("core.sync", "lỗi gửi thư qua {server}: {problem}").format(
            server=where, problem=exc)) from exc
    except ssl.SSLError as exc:
        raise MailError(translate(
            "core.sync", "lỗi mã hóa (TLS) với máy chủ thư {server}: {problem}").format(
                server=where, problem=exc.reason or exc)) from exc
    except OSError as exc:
        raise MailError(translate(
            "core.sync", "không kết nối được máy chủ thư {server}: {problem}").format(
                server=where, problem=exc.strerror or exc)) from exc
