"""What reading files in other encodings costs (hotline.textfile): decoding and splitting a
100,000-row calls CSV in each encoding Vietnamese offices produce, and a whole calls import
of 10,000 rows in UTF-8, Windows-1258 and TCVN3.

The fixtures are made here from Vietnamese text with the tests' encoders
(tests/encoding_helpers.py): UTF-8, Excel's "CSV UTF-8" (BOM), "Unicode Text" (UTF-16, TAB),
"CSV (Comma delimited)" on a Vietnamese Windows (Windows-1258, ';'), TCVN3 and VNI.

Run: .venv/bin/python bench/bench_textfile.py [--rows 100000] [--import-rows 10000]
Results go to bench/results/textfile.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent
REPO = ROOT.parent
sys.path.insert(0, str(REPO / "tests"))

from encoding_helpers import ENCODERS, csv_text  # noqa: E402

from hotline import textfile  # noqa: E402

HEADER = ["id", "received_at", "duration_s", "channel", "operator", "phone", "caller_name",
          "caller_sex", "caller_age_group", "caller_relation", "province_code", "ward_code",
          "victim_sex", "victim_age_group", "categories", "level", "urgency", "summary",
          "outcome", "referrals", "follow_up_at", "case_id"]
NAMES = ["Nguyễn Thị Lan", "Trần Văn Bình", "Lê Thị Hồng", "Phạm Ngọc Ánh", "Đỗ Thu Trang"]
SUMMARIES = ["Chồng đánh, chị bị bầm tím; đã báo công an phường.",
             "Cháu bị bố dượng đánh, nhiều vết thương, cần nơi tạm lánh.",
             "Người gọi hỏi thủ tục ly hôn, nuôi con và cấp dưỡng.",
             "Im lặng, nghe tiếng khóc rồi tắt máy."]
VARIANTS = {  # name → (encoder, delimiter)
    "UTF-8 (Google Sheets)": ("utf-8", ","),
    "UTF-8 + BOM (Excel CSV UTF-8)": ("utf-8-sig", ","),
    "UTF-16 + TAB (Excel Unicode Text)": ("utf-16", "\t"),
    "Windows-1258 + ; (Excel CSV, Vietnamese Windows)": ("cp1258", ";"),
    "TCVN3": ("tcvn3", ","),
    "VNI": ("vni", ","),
}


def rows(count: int) -> list[list[str]]:
    out = [HEADER]
    for i in range(count):
        day = 1 + i % 28
        out.append([str(i + 1), f"{day:02d}/03/2026 {8 + i % 10:02d}:{i % 60:02d}", "240",
                    "phone_in", "Lê Thu Trang", f"0912 {i % 1000:03d} {i % 997:03d}",
                    NAMES[i % len(NAMES)], "Nữ", "30–44 tuổi", "self", "Hà Nội", "", "", "",
                    "Bạo lực gia đình: thể chất", "Tư vấn", "Ưu tiên",
                    SUMMARIES[i % len(SUMMARIES)], "Đã kết nối, hẹn gọi lại", "", "", ""])
    return out


def timed(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "textfile.md")
    args = parser.parse_args()

    table = rows(args.rows)
    lines = ["# Reading files in other encodings — benchmark results", "",
             f"Date: {datetime.now(UTC).isoformat(timespec='seconds')}  ",
             f"Machine: {platform.system()} {platform.release()}, {os.cpu_count()} cores, "
             f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; Python "
             f"{platform.python_version()}  ",
             f"Command: `.venv/bin/python bench/bench_textfile.py --rows {args.rows} "
             f"--import-rows {args.import_rows}`", "",
             f"## Decode + split a {args.rows:,}-row calls CSV (median of 3)", "",
             "| file | size | detected | decode | read_csv | MB/s (decode) |",
             "|---|---|---|---|---|---|"]
    for name, (encoding, delimiter) in VARIANTS.items():
        raw = ENCODERS[encoding](csv_text(table, delimiter=delimiter))
        decoded = textfile.decode(raw)
        sheet = textfile.read_csv(decoded.text)
        assert len(sheet.rows) == args.rows and sheet.delimiter == delimiter, name
        t_decode = timed(lambda raw=raw: textfile.decode(raw))
        t_csv = timed(lambda text=decoded.text: textfile.read_csv(text))
        size = len(raw) / 1e6
        lines.append(f"| {name} | {size:.1f} MB | {decoded.encoding} | {t_decode:.2f} s | "
                     f"{t_csv:.2f} s | {size / t_decode:.0f} |")
        print(lines[-1], flush=True)

    lines += ["", f"## Whole calls import of {args.import_rows:,} rows "
                  "(`csvio.import_calls`, fresh encrypted database each)", "",
              "| file | import | of which decode |", "|---|---|---|"]
    # Passphrase mode (these machines have no OS keyring), as bench_calls.py.
    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    from hotline.app import open_app
    from hotline.calls import csvio

    small = rows(args.import_rows)
    for name in ("UTF-8 (Google Sheets)", "Windows-1258 + ; (Excel CSV, Vietnamese Windows)",
                 "TCVN3"):
        encoding, delimiter = VARIANTS[name]
        raw = ENCODERS[encoding](csv_text(small, delimiter=delimiter))
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "calls.csv"
            path.write_bytes(raw)
            app = open_app(Path(tmp) / "data", passphrase="bench-textfile-passphrase")
            try:
                start = time.perf_counter()
                result = csvio.import_calls(app.calls, path)
                elapsed = time.perf_counter() - start
            finally:
                app.close()
        assert result.imported == args.import_rows, name
        t_decode = timed(lambda raw=raw: textfile.decode(raw))
        lines.append(f"| {name} | {elapsed:.2f} s | {t_decode:.3f} s |")
        print(lines[-1], flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"→ {args.out}")


if __name__ == "__main__":
    main()
