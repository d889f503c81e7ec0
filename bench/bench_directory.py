"""Directory benchmarks (issue 4): search with filters over 50,000 entries (target p95 ≤ 10 ms)
and the time to import a 50,000-row flat CSV.

Synthetic entries: realistic Vietnamese names (category + place), 1–2 categories, every
province and real ward codes, one or two numbers, a mix of hours, verified dates spread over
three years. The CSV is generated, imported through `hotline directory import`'s code path
(parse, validate, duplicate check, one transaction), then searched.

Run: .venv/bin/python bench/bench_directory.py [--entries 50000] [--runs 200]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from benchstats import percentile  # bench/ is on sys.path: the scripts run from it

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))

TZ = ZoneInfo("Asia/Ho_Chi_Minh")

KINDS = [  # (category, name patterns)
    ("police", ["Công an {ward}", "Đồn công an {ward}"]),
    ("health", ["Trạm y tế {ward}", "Bệnh viện đa khoa {province}", "Phòng khám {ward}"]),
    ("legal_aid", ["Trung tâm trợ giúp pháp lý {province}", "Chi nhánh trợ giúp pháp lý {ward}"]),
    ("shelter", ["Nhà tạm lánh {ward}", "Ngôi nhà an toàn {ward}"]),
    ("trusted_address", ["Địa chỉ tin cậy {ward}", "Nhà bà {person} — địa chỉ tin cậy"]),
    ("social_work", ["Trung tâm công tác xã hội {province}", "Cộng tác viên CTXH {ward}"]),
    ("women_union", ["Hội Liên hiệp Phụ nữ {ward}", "Hội Phụ nữ {province}"]),
    ("child_protection", ["Ban bảo vệ trẻ em {ward}", "Cán bộ trẻ em {ward}"]),
    ("psychosocial", ["Phòng tham vấn tâm lý {ward}", "Nhóm hỗ trợ tâm lý {province}"]),
    ("justice", ["Tòa án nhân dân khu vực {ward}", "Viện kiểm sát {province}"]),
    ("commune_authority", ["UBND {ward}"]),
]
PEOPLE = ["Nguyễn Thị Lan", "Trần Thị Hoa", "Lê Thị Đào", "Phạm Thị Mai", "Hoàng Thị Cúc",
          "Vũ Thị Hương", "Đặng Thị Thu", "Bùi Thị Hạnh"]
HOURS = ["24/7", "Mo-Fr 07:30-11:30,13:30-17:00", "Mo-Fr 07:30-11:30,13:30-17:00; "
         "Sa 07:30-11:30", "Mo-Su 18:00-06:00", "", "Mo-Sa 08:00-20:00"]
SERVICES = ["Tiếp nhận tin báo bạo lực gia đình", "Tạm lánh khẩn cấp cho phụ nữ và trẻ em",
            "Tư vấn pháp luật miễn phí", "Khám, sơ cứu, cấp cứu", "Tham vấn tâm lý",
            "Hỗ trợ nạn nhân mua bán người", "Can thiệp, bảo vệ trẻ em bị xâm hại"]


def generate(path: Path, count: int, seed: int = 4) -> None:
    from hotline import admin_units
    from hotline.directory import flatcsv

    rng = random.Random(seed)
    provinces = admin_units.provinces()
    today = date(2026, 11, 26)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(flatcsv.COLUMNS)
        for i in range(count):
            province = rng.choice(provinces)
            ward = rng.choice(admin_units.wards(province.code))
            category, patterns = rng.choice(KINDS)
            categories = [category]
            if rng.random() < 0.3:
                categories.append(rng.choice(KINDS)[0])
            name = rng.choice(patterns).format(ward=ward.name, province=province.name,
                                               person=rng.choice(PEOPLE))
            name = f"{name} ({i})"  # unique: the import rejects same name + number twice
            phones = f"Trực ban: {rng.choice(['0243', '0283'])}{i:07d}"
            if rng.random() < 0.4:
                phones += f" | Di động: 0912{i:06d}"
            verified = today - timedelta(days=rng.randint(0, 3 * 365))
            writer.writerow([
                f"bench-{i}", name, "", ";".join(dict.fromkeys(categories)), province.code, "",
                ward.code if rng.random() < 0.8 else "", "", f"Số {rng.randint(1, 300)}",
                phones, rng.choice(HOURS), rng.choice(SERVICES), "", "vi", "",
                verified.isoformat(), "bench", "1", "bench"])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()

    from hotline import admin_units
    from hotline.app import open_app
    from hotline.directory import exchange
    from hotline.directory.models import DirectoryQuery

    work = Path(tempfile.mkdtemp(prefix="bench-directory-"))
    csv_path = work / "danh-ba.csv"
    t0 = time.perf_counter()
    generate(csv_path, args.entries)
    print(f"generated {args.entries} rows in {time.perf_counter() - t0:.1f} s "
          f"({csv_path.stat().st_size / 1e6:.1f} MB)")

    app = open_app(work / "data")
    t0 = time.perf_counter()
    report = exchange.import_path(app.directory, csv_path, by="bench")
    import_s = time.perf_counter() - t0
    print(f"import: {report.created} created in {import_s:.1f} s "
          f"({report.created / import_s:,.0f} rows/s); {len(report.duplicates)} duplicates")
    app.store.conn.execute("ANALYZE")

    rng = random.Random(7)
    provinces = [p.code for p in admin_units.provinces()]
    now = datetime(2026, 11, 26, 10, 0, tzinfo=TZ)
    kinds = {
        "text + province": lambda: DirectoryQuery(
            text=rng.choice(["cong an", "tam lanh", "tro giup phap ly", "y te", "phu nu"]),
            province=rng.choice(provinces)),
        "text + category": lambda: DirectoryQuery(
            text=rng.choice(["phuong", "xa", "trung tam", "nha"]),
            category=rng.choice(KINDS)[0]),
        "category + province": lambda: DirectoryQuery(
            category=rng.choice(KINDS)[0], province=rng.choice(provinces)),
        "text + category + province + near ward": lambda: _near(rng, provinces),
        "category + province + open now": lambda: DirectoryQuery(
            category=rng.choice(KINDS)[0], province=rng.choice(provinces), open_now=True),
        "prefix as typed (2-3 letters) + province": lambda: DirectoryQuery(
            text=rng.choice(["ca", "cô", "nh", "tr", "ph", "hội"]),
            province=rng.choice(provinces)),
    }
    results: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    for name, make in kinds.items():
        times, cpu_times = [], []
        for _ in range(args.runs):
            query = make()
            t, c = time.perf_counter(), time.process_time()
            app.directory.search(query, now=now)
            cpu_times.append((time.process_time() - c) * 1000)
            times.append((time.perf_counter() - t) * 1000)
        results[name] = times
        cpu[name] = cpu_times
    all_times = [t for ts in results.values() for t in ts]
    all_cpu = [t for ts in cpu.values() for t in ts]
    print(f"\nsearch over {app.directory.count()} entries, {args.runs} queries per kind "
          "(ms): wall median / p95 / max | CPU median / p95")
    for name, times in results.items():
        print(f"  {name:42s} {statistics.median(times):6.2f} / {percentile(times, .95):6.2f}"
              f" / {max(times):6.2f} | {statistics.median(cpu[name]):5.2f} / "
              f"{percentile(cpu[name], .95):5.2f}")
    print(f"  {'all kinds':42s} {statistics.median(all_times):6.2f} / "
          f"{percentile(all_times, .95):6.2f} / {max(all_times):6.2f} | "
          f"{statistics.median(all_cpu):5.2f} / {percentile(all_cpu, .95):5.2f}")
    print(f"load average during the run: {os.getloadavg()[0]:.2f} (2 cores)")
    target = percentile(all_times, .95) <= 10
    print(f"\np95 ≤ 10 ms: {'yes' if target else 'NO'}")
    emergency = []
    for _ in range(args.runs):
        t = time.perf_counter()
        app.directory.emergency(rng.choice(provinces), now=now)
        emergency.append((time.perf_counter() - t) * 1000)
    print(f"emergency(province) median {statistics.median(emergency):.2f} ms, p95 "
          f"{percentile(emergency, .95):.2f} ms")
    t0 = time.perf_counter()
    n = exchange.export_path(app.directory, work / "out.csv")
    print(f"flat export of {n} entries: {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    n = exchange.export_path(app.directory, work / "hsds", fmt="hsds")
    print(f"HSDS export of {n} entries: {time.perf_counter() - t0:.1f} s")
    app.close()
    return 0 if target else 1


def _near(rng: random.Random, provinces: list[str]):
    from hotline import admin_units
    from hotline.directory.models import DirectoryQuery

    province = rng.choice(provinces)
    ward = rng.choice(admin_units.wards(province)).code
    return DirectoryQuery(text=rng.choice(["cong an", "tam lanh", "y te"]),
                          category=rng.choice(["police", "shelter", "health"]),
                          province=province, near_ward=ward)


if __name__ == "__main__":
    sys.exit(main())
