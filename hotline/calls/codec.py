"""Converting calls to and from database rows and JSON (versions, drafts)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict
from datetime import datetime
from typing import Any

from hotline.calls.models import Call, Citation, Referral
from hotline.clock import iso, parse_iso


def split_codes(value: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in value.split(";") if c.strip())


def join_codes(codes: tuple[str, ...] | list[str]) -> str:
    return ";".join(codes)


def _bool_or_none(value: Any) -> bool | None:
    return None if value is None else bool(value)


def call_from_row(row: sqlite3.Row, case_number: str = "",
                  referrals: tuple[Referral, ...] = (),
                  citations: tuple[Citation, ...] = ()) -> Call:
    return Call(
        id=row["id"],
        received_at=parse_iso(row["received_at"]),
        ended_at=parse_iso(row["ended_at"]) if row["ended_at"] else None,
        duration_s=row["duration_s"],
        channel=row["channel"],
        operator=row["operator"],
        phone=row["phone"],
        caller_name=row["caller_name"],
        caller_sex=row["caller_sex"],
        caller_age_group=row["caller_age_group"],
        caller_relation=row["caller_relation"],
        province_code=row["province_code"],
        ward_code=row["ward_code"],
        victim_sex=row["victim_sex"],
        victim_age_group=row["victim_age_group"],
        vulnerable=split_codes(row["vulnerable"]),
        categories=split_codes(row["categories"]),
        level=row["level"],
        urgency=row["urgency"],
        summary=row["summary"],
        outcome=row["outcome"],
        safe_to_call_back=_bool_or_none(row["safe_to_call_back"]),
        callback_note=row["callback_note"],
        consent_share=bool(row["consent_share"]),
        follow_up_at=parse_iso(row["follow_up_at"]) if row["follow_up_at"] else None,
        case_number=case_number,
        referrals=referrals,
        citations=citations,
        version=row["version"],
        updated_at=row["updated_at"],
    )


def call_to_json(call: Call) -> dict[str, Any]:
    data = asdict(call)
    for key in ("received_at", "ended_at", "follow_up_at"):
        data[key] = iso(getattr(call, key)) or None
    return data


def call_from_json(data: dict[str, Any]) -> Call:
    values = dict(data)
    for key in ("received_at", "ended_at", "follow_up_at"):
        values[key] = parse_iso(values[key]) if values.get(key) else None
    if values["received_at"] is None:
        raise ValueError("received_at missing")
    values["vulnerable"] = tuple(values.get("vulnerable") or ())
    values["categories"] = tuple(values.get("categories") or ())
    values["referrals"] = tuple(Referral(**r) for r in values.get("referrals") or ())
    values["citations"] = tuple(Citation(**c) for c in values.get("citations") or ())
    known = set(Call.__dataclass_fields__)
    return Call(**{k: v for k, v in values.items() if k in known})


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def timestamp(value: datetime) -> int:
    return int(value.timestamp())
