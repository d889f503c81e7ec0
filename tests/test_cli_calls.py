"""`hotline calls list/export/import` and `hotline demo`: output, exit codes, messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from hotline.app import open_app
from hotline.calls.models import Call
from hotline.cli import main

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
LIST_FIELDS = {"id", "received_at", "duration_s", "channel", "operator", "phone",
               "caller_name", "caller_sex", "caller_age_group", "categories", "level",
               "urgency", "summary", "follow_up_at", "case_number"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def calls_on_days(data_dir: Path) -> Path:
    app = open_app(data_dir)
    try:
        today = app.clock.now().replace(hour=9, minute=0, second=0)
        for day, summary, phone in ((datetime(2026, 3, 1, 8, tzinfo=TZ), "Ngày một", "0912345678"),
                                    (datetime(2026, 3, 2, 8, tzinfo=TZ), "Ngày hai", ""),
                                    (datetime(2026, 3, 3, 8, tzinfo=TZ), "Ngày ba", "0912345678"),
                                    (today, "Hôm nay", "0987654321")):
            app.calls.save(Call(received_at=day, categories=("dv.physical",), level="counsel",
                                summary=summary, phone=phone, caller_name="Lê Thị Hà"))
    finally:
        app.close()
    return data_dir


def test_list_json_fields(calls_on_days: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "calls", "list", "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert [r["summary"] for r in rows] == ["Hôm nay"]  # today by default
    assert set(rows[0]) == LIST_FIELDS
    assert rows[0]["categories"] == ["dv.physical"]
    assert rows[0]["phone"] == "+84987654321"
    assert rows[0]["received_at"].endswith("+07:00")


def test_list_date_vs_range(calls_on_days: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def summaries(*args: str) -> list[str]:
        code, out, err = run(capsys, "calls", "list", "--json", *args)
        assert code == 0, err
        return [r["summary"] for r in json.loads(out)]

    assert summaries("--date", "2026-03-02") == ["Ngày hai"]
    assert summaries("--from", "2026-03-01", "--to", "2026-03-02") == ["Ngày hai", "Ngày một"]
    assert summaries("--from", "2026-03-02", "--to", "2026-03-03") == ["Ngày ba", "Ngày hai"]
    assert summaries("--date", "2026-02-28") == []
    assert summaries("--from", "2026-03-01", "--to", "2026-03-31", "--phone",
                     "091 234 5678") == ["Ngày ba", "Ngày một"]
    assert summaries("--phone", "0912345678") == ["Ngày ba", "Ngày một"]  # any date
    assert summaries("--text", "ngay hai") == ["Ngày hai"]
    assert summaries("--from", "2026-03-01", "--to", "2026-03-03", "--limit", "1") == [
        "Ngày ba"]


def test_list_text_output(calls_on_days: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "calls", "list", "--date", "2026-03-02")
    assert code == 0
    assert "(ẩn số)" in out and "Bạo lực gia đình: thể chất" in out and "Tư vấn" in out
    assert "1 cuộc gọi" in err


@pytest.mark.parametrize("args", [
    ("--date", "2026-13-01"), ("--date", "05/03/2026"), ("--from", "hôm qua"),
    ("--to", "2026-02-30"),
])
def test_list_bad_date_is_a_usage_error(data_dir: Path, capsys: pytest.CaptureFixture[str],
                                        args: tuple[str, str]) -> None:
    code, out, err = run(capsys, "calls", "list", *args)
    assert code == 2
    assert out == ""
    assert "ngày không hợp lệ" in err and "YYYY-MM-DD" in err and args[1] in err


@pytest.mark.parametrize(("args", "words"), [
    (("--date", "2026-03-01", "--from", "2026-03-01"), "không dùng cả hai"),
    (("--phone", "09x"), "--phone"),
    (("--level", "huge"), "--level"),
    (("--urgency", "now"), "--urgency"),
])
def test_list_bad_options(data_dir: Path, capsys: pytest.CaptureFixture[str],
                          args: tuple[str, ...], words: str) -> None:
    code, out, err = run(capsys, "calls", "list", *args)
    assert code == 1
    assert out == ""
    assert err.startswith("hotline: ") and words in err


def test_export_and_import_exit_codes(calls_on_days: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "calls.csv"
    code, stdout, err = run(capsys, "calls", "export", "--from", "2026-03-01", "--to",
                            "2026-03-03", "--out", str(out))
    assert code == 0 and stdout == ""
    assert "Đã xuất 3 cuộc gọi (không có dữ liệu cá nhân)" in err
    assert b"912345678" not in out.read_bytes()

    code, _, err = run(capsys, "calls", "export", "--from", "2026-03-03", "--to", "2026-03-01",
                       "--out", str(out))
    assert code == 1 and "--from" in err
    code, _, err = run(capsys, "calls", "export", "--from", "2026-03-01", "--to", "2026-03-03",
                       "--out", str(tmp_path / "missing-dir-is-created" / "x.csv"))
    assert code == 0
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(capsys, "calls", "export", "--from", "2026-03-01", "--to", "2026-03-03",
                       "--out", str(blocker / "x.csv"))
    assert code == 1 and "không ghi được" in err
    code, _, err = run(capsys, "calls", "export", "--from", "2026-03-01", "--out", str(out))
    assert code == 2 and "--to" in err

    # Importing the same calls again changes nothing and says so.
    code, stdout, err = run(capsys, "calls", "import", str(out))
    assert code == 0 and "Đã nhập 0 cuộc gọi, 3 đã có sẵn không đổi" in stdout

    bad = tmp_path / "bad.csv"
    bad.write_text(out.read_text(encoding="utf-8-sig").replace("counsel", "khuyên", 1),
                   encoding="utf-8-sig")
    code, stdout, err = run(capsys, "calls", "import", str(bad))
    assert code == 1 and stdout == ""
    assert "không nhập dòng nào" in err and "dòng 2, cột level: mã không hợp lệ 'khuyên'" in err

    code, _, err = run(capsys, "calls", "import", str(tmp_path / "nope.csv"))
    assert code == 1 and "không đọc được tệp" in err


def test_demo_then_list_export_import_round_trip(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 2, done when: demo, then list, export and import round-trip."""
    src, dst = str(tmp_path / "src"), str(tmp_path / "dst")
    code, _, err = run(capsys, "--data-dir", src, "demo", "--calls", "200", "--days", "10")
    assert code == 0 and "200" in err
    today = datetime.now(TZ).date()
    first = (today - timedelta(days=11)).isoformat()
    last = today.isoformat()
    code, out, _ = run(capsys, "--data-dir", src, "calls", "list", "--json", "--from", first,
                       "--to", last)
    listed = json.loads(out)
    assert len(listed) == 200
    assert {r["caller_sex"] for r in listed} >= {"female", "male"}
    assert len({r["level"] for r in listed}) >= 3
    phones = [r["phone"] for r in listed if r["phone"]]
    assert len(set(phones)) < len(phones)  # repeat callers exist
    assert any(r["follow_up_at"] for r in listed)

    for pii in ([], ["--with-pii"]):
        a, b = tmp_path / f"a{len(pii)}.csv", tmp_path / f"b{len(pii)}.csv"
        target = dst + str(len(pii))
        assert run(capsys, "--data-dir", src, "calls", "export", "--from", first, "--to", last,
                   "--out", str(a), *pii)[0] == 0
        code, out, err = run(capsys, "--data-dir", target, "calls", "import", str(a))
        assert code == 0, err
        assert "Đã nhập 200 cuộc gọi" in out
        assert run(capsys, "--data-dir", target, "calls", "export", "--from", first, "--to",
                   last, "--out", str(b), *pii)[0] == 0
        assert a.read_bytes() == b.read_bytes()
    code, out, _ = run(capsys, "--data-dir", dst + "1", "calls", "list", "--json", "--from",
                       first, "--to", last)
    assert json.loads(out) == listed


def test_demo_rejects_bad_counts(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "demo", "--calls", "-1")[0] == 1
    assert run(capsys, "demo", "--calls", "10", "--days", "0")[0] == 1
    assert run(capsys, "demo")[0] == 2


def test_installed_command_exit_codes(tmp_path: Path) -> None:
    """The real `hotline` entry point, as a scheduled task would run it."""
    exe = Path(sys.executable).with_name("hotline")
    env = {**os.environ, "HOTLINE_DATA_DIR": str(tmp_path / "data")}

    def hotline(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(exe), *args], capture_output=True, text=True, env=env,
                              timeout=120, check=False)

    ok = hotline("calls", "list", "--json")
    assert ok.returncode == 0 and json.loads(ok.stdout) == []
    bad = hotline("calls", "list", "--date", "2026-02-30")
    assert bad.returncode == 2 and "ngày không hợp lệ" in bad.stderr
    missing = hotline("calls", "import", str(tmp_path / "none.csv"))
    assert missing.returncode == 1 and missing.stdout == ""


def test_import_of_a_legacy_file_says_what_was_converted(data_dir: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    from encoding_helpers import csv_text, vni

    header = ["received_at", "caller_name", "caller_sex", "categories", "level", "summary"]
    rows = [header, ["05/03/2026 09:15", "Nguyễn Thị Lan", "Nữ", "dv.physical", "Tư vấn",
                     "Chồng đánh vợ, đã báo công an"]]
    path = tmp_path / "vni.csv"
    path.write_bytes(vni(csv_text(rows, delimiter=";")))
    code, out, err = run(capsys, "calls", "import", str(path))
    assert code == 0 and "Đã nhập 1 cuộc gọi" in out
    assert "cảnh báo: Tệp dùng bảng mã VNI — đã chuyển sang Unicode" in err
    code, out, _ = run(capsys, "calls", "list", "--date", "2026-03-05", "--json")
    assert json.loads(out)[0]["caller_name"] == "Nguyễn Thị Lan"

    path.write_bytes(b"received_at,level\n05/03/2026,Tr\xe8s grave\n")
    code, out, err = run(capsys, "calls", "import", str(path))
    assert code == 1 and out == ""
    assert "dòng 2: không nhận ra bảng mã của tệp" in err


def test_output_into_a_pipe_closed_early_stops_without_a_traceback(data_dir):
    """`hotline calls list | head -3`: the reader leaves early; no traceback on stderr."""
    env = {**os.environ, "HOTLINE_DATA_DIR": str(data_dir)}
    subprocess.run([sys.executable, "-m", "hotline.cli", "demo", "--calls", "3000",
                    "--days", "30"], env=env, check=True, capture_output=True)
    proc = subprocess.Popen([sys.executable, "-m", "hotline.cli", "calls", "list",
                             "--limit", "3000"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline()
    proc.stdout.close()  # like head after its lines
    _, err = proc.communicate(timeout=120)
    assert b"Traceback" not in err and b"BrokenPipeError" not in err, err.decode()


def test_list_refuses_an_unknown_category(data_dir, capsys):
    """A mistyped --category is an error naming the groups, not a silent '0 calls'."""
    from hotline.cli import main

    assert main(["calls", "list", "--category", "xyz"]) == 1
    err = capsys.readouterr().err
    assert "--category" in err and "'xyz'" in err and "dv" in err
    assert main(["calls", "list", "--category", "dv"]) == 0
    assert main(["calls", "list", "--category", "dv.physical"]) == 0
