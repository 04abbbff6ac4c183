"""Generate the SYNTHETIC municipal-services dataset and its Data Package descriptor.

SYNTHETIC DATA. The municipalities and provinces are real places in Panama, but
every fee, processing time, request count and date in the file is invented by this
script from a seeded random generator (numpy ``default_rng(2025)``). Nothing in it
describes what any Panamanian municipality actually charges or delivers.

The open-data lab in module 05 asks learners to assess the file against its
Frictionless Data Package descriptor, so the script plants a handful of known
defects on purpose (see ``_plant_defects``): a missing fee, a non-boolean flag, a
negative duration, an impossible date and a duplicated identifier.

Usage: python scripts/generate_open_data.py [output-folder]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 2025
DEFAULT_DIR = Path("courses/digital-government/05-open-government-and-open-data/data")
CSV_NAME = "municipal-services-synthetic.csv"

# Real municipalities (distritos) of Panama and their provinces.
MUNICIPALITIES: dict[str, str] = {
    "Panamá": "Panamá",
    "San Miguelito": "Panamá",
    "Arraiján": "Panamá Oeste",
    "La Chorrera": "Panamá Oeste",
    "Colón": "Colón",
    "David": "Chiriquí",
    "Boquete": "Chiriquí",
    "Bugaba": "Chiriquí",
    "Santiago": "Veraguas",
    "Chitré": "Herrera",
    "Las Tablas": "Los Santos",
    "Penonomé": "Coclé",
    "Aguadulce": "Coclé",
    "Changuinola": "Bocas del Toro",
}

# service: (base fee in balboas, base processing days, base yearly requests)
SERVICES: dict[str, tuple[float, int, int]] = {
    "building permit": (150.0, 20, 400),
    "municipal tax clearance certificate": (5.0, 2, 3000),
    "advertising sign permit": (40.0, 10, 250),
    "public event permit": (25.0, 7, 150),
    "street vending licence": (15.0, 5, 300),
    "civil marriage booking": (10.0, 3, 200),
}


def _rows(rng: np.random.Generator) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for muni, province in MUNICIPALITIES.items():
        size = 3.0 if muni in {"Panamá", "San Miguelito"} else rng.uniform(0.4, 1.6)
        online_share = 0.7 if province in {"Panamá", "Panamá Oeste"} else 0.35
        for service, (fee, days, requests) in SERVICES.items():
            updated = pd.Timestamp("2025-01-01") + pd.Timedelta(days=int(rng.integers(0, 330)))
            rows.append(
                {
                    "record_id": f"MS-{len(rows) + 1:04d}",
                    "municipality": muni,
                    "province": province,
                    "service": service,
                    "online_available": "true" if rng.random() < online_share else "false",
                    "fee_pab": round(fee * rng.uniform(0.6, 1.5) / 0.5) * 0.5,
                    "processing_days": max(1, int(round(days * rng.uniform(0.5, 1.8)))),
                    "requests_2025": int(requests * size * rng.uniform(0.5, 1.5)),
                    "last_updated": updated.strftime("%Y-%m-%d"),
                }
            )
    return rows


def _plant_defects(df: pd.DataFrame) -> pd.DataFrame:
    """Plant the defects the lab teaches learners to find (fixed rows, not random)."""
    df = df.astype({"fee_pab": object, "processing_days": object})
    df.loc[7, "fee_pab"] = ""  # missing value
    df.loc[31, "fee_pab"] = ""  # missing value
    df.loc[12, "online_available"] = "Yes"  # not one of the declared boolean values
    df.loc[45, "processing_days"] = -2  # violates minimum 0
    df.loc[60, "last_updated"] = "2025-02-30"  # impossible date
    df.loc[70, "record_id"] = df.loc[69, "record_id"]  # duplicate primary key
    return df


def descriptor() -> dict[str, object]:
    """The Frictionless (v1) tabular Data Package descriptor for the CSV."""
    fields = [
        (
            "record_id",
            "string",
            "Identifier of the record (MS-nnnn).",
            {"required": True, "unique": True, "pattern": "MS-[0-9]{4}"},
        ),
        ("municipality", "string", "Municipality (distrito) of Panama.", {"required": True}),
        (
            "province",
            "string",
            "Province of the municipality.",
            {"required": True, "enum": sorted(set(MUNICIPALITIES.values()))},
        ),
        ("service", "string", "Municipal service.", {"required": True, "enum": list(SERVICES)}),
        (
            "online_available",
            "boolean",
            "Whether the service can be requested online.",
            {"required": True},
        ),
        (
            "fee_pab",
            "number",
            "Fee in balboas (PAB; the balboa is at par with the US dollar); empty if unknown.",
            {"minimum": 0},
        ),
        (
            "processing_days",
            "integer",
            "Days from a complete application to the decision; empty if unknown.",
            {"minimum": 0},
        ),
        (
            "requests_2025",
            "integer",
            "Requests received in 2025.",
            {"required": True, "minimum": 0},
        ),
        (
            "last_updated",
            "date",
            "Date the record was last checked (YYYY-MM-DD); empty if unknown.",
            {},
        ),
    ]
    schema_fields = []
    for name, ftype, desc, constraints in fields:
        field: dict[str, object] = {"name": name, "type": ftype, "description": desc}
        if ftype == "boolean":
            field["trueValues"] = ["true"]
            field["falseValues"] = ["false"]
        field["constraints"] = constraints
        schema_fields.append(field)
    return {
        "profile": "tabular-data-package",
        "name": "panama-municipal-services-synthetic",
        "title": "Municipal services in Panama (SYNTHETIC training data)",
        "description": (
            "SYNTHETIC data for training only. Real municipality and province names; "
            "invented fees, processing times, request counts and dates. Contains "
            "deliberate defects for the open-data lab. Not an official statistic."
        ),
        "version": "1.0.0",
        "created": "2026-11-27",
        "keywords": ["synthetic", "municipal services", "Panama", "training"],
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0",
            }
        ],
        "sources": [
            {
                "title": f"Synthetic data generated by scripts/generate_open_data.py (seed {SEED})",
            }
        ],
        "resources": [
            {
                "name": "municipal-services-synthetic",
                "path": CSV_NAME,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": schema_fields,
                    "primaryKey": ["record_id"],
                    "missingValues": [""],
                },
            }
        ],
    }


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else DEFAULT_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    df = _plant_defects(pd.DataFrame(_rows(np.random.default_rng(SEED))))
    df.to_csv(out_dir / CSV_NAME, index=False, lineterminator="\n")
    text = json.dumps(descriptor(), indent=2, ensure_ascii=False) + "\n"
    (out_dir / "datapackage.json").write_text(text, encoding="utf-8")
    print(f"wrote {len(df)} SYNTHETIC rows and datapackage.json to {out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
