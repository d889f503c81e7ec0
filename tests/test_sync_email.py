"""Reports by e-mail to a real SMTP server on 127.0.0.1 (aiosmtpd): attachments delivered,
the password only in the keyring (an in-memory backend here, never the user's), a refused
login retried later, and STARTTLS with a certificate made for the test."""

from __future__ import annotations

import datetime as dt
import email
import ipaddress
import socket
import ssl
from email import policy
from pathlib import Path

import keyring
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError
from test_sync import DAYS, T1, TZ, fill, names, syncer

from hotline import cli
from hotline.app import App
from hotline.calls.models import Call
from hotline.config import save_settings
from hotline.reports import mailer
from hotline.reports.sync import EMAIL, FOLDER

PASSWORD = "mật-khẩu-s3cret"


class MemoryKeyring(KeyringBackend):
    """The SMTP password in a dict: the test never touches the real user keyring. Other
    entries (the database key, kept by the suite's file-backed stand-in) pass through."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, fallback: KeyringBackend) -> None:
        super().__init__()
        self.fallback = fallback
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        if service == mailer.KEYRING_SERVICE:
            return self.secrets.get((service, username))
        return self.fallback.get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        if service == mailer.KEYRING_SERVICE:
            self.secrets[(service, username)] = password
        else:
            self.fallback.set_password(service, username, password)

    def delete_password(self, service: str, username: str) -> None:
        if service != mailer.KEYRING_SERVICE:
            self.fallback.delete_password(service, username)
        elif self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring(previous)
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


class Sink:
    def __init__(self) -> None:
        self.envelopes: list = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"

    def messages(self) -> list[email.message.EmailMessage]:
        return [email.message_from_bytes(e.content, policy=policy.default)  # type: ignore
                for e in self.envelopes]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (isinstance(auth_data, LoginPassword) and auth_data.login == b"hotline"
          and auth_data.password == PASSWORD.encode())
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def smtp():
    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port,
                            authenticator=authenticator, auth_require_tls=False)
    controller.start()
    yield sink, port
    controller.stop()


def email_settings(port: int, security: str = "none") -> dict:
    return {"smtp_host": "127.0.0.1", "smtp_port": port, "smtp_security": security,
            "smtp_user": "hotline", "smtp_from": "hotline@ttctxh.example",
            "smtp_to": "giamdoc@ttctxh.example; baocao@so.example"}


def test_daily_reports_arrive_by_email(app: App, smtp, memory_keyring, data_dir: Path,
                                       tmp_path: Path, monkeypatch) -> None:
    sink, port = smtp
    fill(app)
    settings = app.settings.with_changes(**email_settings(port))
    save_settings(data_dir, settings)
    monkeypatch.setenv("HOTLINE_SMTP_PASSWORD", PASSWORD)
    assert cli.main(["sync", "--set-smtp-password"]) == 0
    assert memory_keyring.secrets == {("Hotline SMTP", "hotline@127.0.0.1"): PASSWORD}

    result = syncer(app, tmp_path / "unused", T1, sync_folder="",
                    **email_settings(port)).catch_up()
    assert result.configured == (EMAIL,) and result.ok
    assert [(d.target, d.day) for d in result.delivered] == [(EMAIL, d) for d in DAYS]
    assert len(sink.envelopes) == 3
    envelope = sink.envelopes[0]
    assert envelope.mail_from == "hotline@ttctxh.example"
    assert envelope.rcpt_tos == ["giamdoc@ttctxh.example", "baocao@so.example"]
    msg = sink.messages()[0]
    assert "ngày 05/03/2026" in msg["Subject"]
    attachments = {part.get_filename(): part.get_content() for part in msg.iter_attachments()}
    assert set(attachments) == set(names(DAYS[0]))
    assert attachments["bao-cao-2026-03-05.pdf"].startswith(b"%PDF")
    calls_csv = attachments["cuoc-goi-2026-03-05.csv"]
    assert isinstance(calls_csv, str)  # text/csv; charset=utf-8, bytes kept (BOM first)
    assert calls_csv.startswith("\ufeffid,received_at")
    assert "2 cuộc gọi" in msg.get_body(("plain",)).get_content()
    # the password lives only in the keyring
    assert PASSWORD not in (data_dir / "settings.json").read_text(encoding="utf-8")
    for entry in app.sync.log():
        assert PASSWORD not in entry.message
    app.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert PASSWORD.encode() not in (data_dir / "hotline.sqlite").read_bytes()


def test_refused_login_is_retried_and_the_folder_still_gets_its_reports(
        app: App, smtp, memory_keyring, tmp_path: Path) -> None:
    sink, port = smtp
    fill(app)
    share = tmp_path / "share"
    share.mkdir()
    config = mailer.smtp_config(app.settings.with_changes(**email_settings(port)))
    assert config is not None
    mailer.store_password(config, "wrong")
    result = syncer(app, share, T1, **email_settings(port)).catch_up()
    assert {d.target for d in result.delivered} == {FOLDER}
    assert len(result.delivered) == 3
    (target, reason), = result.failures
    assert target == EMAIL and "từ chối đăng nhập" in reason and "wrong" not in reason
    assert sink.envelopes == []
    status = syncer(app, share, T1, **email_settings(port)).status()
    mail_state = next(t for t in status.targets if t.target == EMAIL)
    assert mail_state.failures == 1 and mail_state.last_error == reason
    # fixed password: the next forced run sends everything that was missed
    mailer.store_password(config, PASSWORD)
    later = syncer(app, share, T1 + dt.timedelta(minutes=1), **email_settings(port))
    result = later.catch_up(force=True)
    assert [(d.target, d.day) for d in result.delivered] == [(EMAIL, d) for d in DAYS]
    assert len(sink.envelopes) == 3 and result.ok


def test_missing_password_and_unsafe_plain_smtp(app: App, memory_keyring) -> None:
    config = mailer.smtp_config(app.settings.with_changes(**email_settings(25)))
    assert config is not None
    msg = mailer.build_message(config, "x", "y", [])
    with pytest.raises(mailer.MailError, match="chưa lưu mật khẩu SMTP"):
        mailer.send(config, msg)
    remote = mailer.smtp_config(app.settings.with_changes(
        **{**email_settings(25), "smtp_host": "smtp.example.org"}))
    assert remote is not None
    mailer.store_password(remote, PASSWORD)
    with pytest.raises(mailer.MailError, match="localhost"):
        mailer.send(remote, msg)


def test_connection_refused_is_a_clear_failure(app: App, memory_keyring,
                                               tmp_path: Path) -> None:
    fill(app)
    port = free_port()  # nothing listens there
    settings = email_settings(port)
    config = mailer.smtp_config(app.settings.with_changes(**settings))
    assert config is not None
    mailer.store_password(config, PASSWORD)
    result = syncer(app, tmp_path, T1, sync_folder="", **settings).catch_up()
    (target, reason), = result.failures
    assert target == EMAIL and "không kết nối được máy chủ thư" in reason
    assert app.store.conn.execute("SELECT count(*) FROM sync_deliveries").fetchone()[0] == 0


def make_certificate(directory: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path = directory / "cert.pem"
    key_path = directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def test_starttls(app: App, memory_keyring, tmp_path: Path, monkeypatch) -> None:
    cert, key = make_certificate(tmp_path)
    server_tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_tls.load_cert_chain(cert, key)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the client trusts the test's certificate
    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port, tls_context=server_tls,
                            require_starttls=True, authenticator=authenticator,
                            auth_require_tls=True)
    controller.start()
    try:
        app.calls.write_many(
            [Call(
                received_at=dt.datetime(2026, 3, 7, 9, tzinfo=TZ), categories=("other",),
                level="info")])
        settings = email_settings(port, "starttls")
        config = mailer.smtp_config(app.settings.with_changes(**settings))
        assert config is not None
        mailer.store_password(config, PASSWORD)
        result = syncer(app, tmp_path, T1, sync_folder="", **settings).catch_up()
        assert result.ok, result.failures
        assert [d.day for d in result.delivered] == [dt.date(2026, 3, 7)]
        assert len(sink.envelopes) == 1
    finally:
        controller.stop()
