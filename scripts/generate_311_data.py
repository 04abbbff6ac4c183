"""Generate the SYNTHETIC 311 service-request dataset used in module 06.

SYNTHETIC DATA. Every row is invented by this script from a seeded random
generator (numpy ``default_rng(311)``). The corregimiento names are real places in
the district of Panamá, but the requests, volumes, channels and times are not real
records of Panama's 311 citizen contact centre or of any institution. Do not cite
figures computed from this file as facts about Panama.

The distributions are chosen so that the lab has something to find: a seasonal
peak in the rainy season for drainage and potholes, slower closure for walk-in and
social-media requests, a few categories that miss their service-level target, and
a small share of requests still open at the end of the year.

Usage: python scripts/generate_311_data.py [output.csv]
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 311
N_ROWS = 5000
YEAR = 2025
DEFAULT_OUT = Path(
    "courses/digital-government/06-business-intelligence-for-public-services/"
    "data/311-requests-synthetic.csv"
)

# Channel shares and a multiplier on resolution time (walk-in and social media
# requests are re-keyed by hand, which is what makes them slower here).
CHANNELS: dict[str, tuple[float, float]] = {
    "phone": (0.42, 1.0),
    "web": (0.20, 0.9),
    "app": (0.18, 0.85),
    "walk-in": (0.12, 1.35),
    "social": (0.08, 1.5),
}

# category: (share, service-level target in hours, median hours to close,
#            rainy-season multiplier on volume)
CATEGORIES: dict[str, tuple[float, int, float, float]] = {
    "waste collection": (0.24, 48, 24.0, 1.0),
    "street lighting": (0.16, 72, 44.0, 1.0),
    "potholes": (0.14, 120, 110.0, 1.6),
    "water leak": (0.12, 24, 11.0, 1.1),
    "drainage": (0.10, 96, 70.0, 1.9),
    "noise": (0.08, 24, 20.0, 0.9),
    "trees and green areas": (0.07, 168, 120.0, 1.3),
    "information request": (0.09, 8, 3.0, 1.0),
}

# Real corregimientos of the district of Panamá, with a relative weight.
CORREGIMIENTOS: dict[str, float] = {
    "San Felipe": 0.8,
    "El Chorrillo": 0.9,
    "Santa Ana": 1.0,
    "Calidonia": 1.2,
    "Curundú": 0.8,
    "Betania": 1.4,
    "Bella Vista": 1.3,
    "Pueblo Nuevo": 1.0,
    "San Francisco": 1.3,
    "Parque Lefevre": 1.1,
    "Río Abajo": 1.0,
    "Juan Díaz": 1.5,
    "Pedregal": 1.1,
    "Ancón": 0.7,
    "Tocumen": 1.6,
    "Las Cumbres": 1.4,
}

RAINY_MONTHS = {5, 6, 7, 8, 9, 10, 11}  # Panama's rainy season runs roughly May-November


def _probabilities(weights: list[float]) -> np.ndarray:
    arr = np.asarray(weights, dtype=float)
    return arr / arr.sum()


def _created_times(rng: np.random.Generator, categories: np.ndarray) -> pd.DatetimeIndex:
    """Draw creation times: rainy-season months weigh more for rain-driven categories."""
    days = pd.date_range(f"{YEAR}-01-01", f"{YEAR}-12-31", freq="D")
    rainy = np.isin(days.month, list(RAINY_MONTHS))
    weekend = np.asarray(days.day_of_week >= 5)  # fewer requests at weekends
    day_idx = np.empty(len(categories), dtype=int)
    for cat, (_, _, _, rain_mult) in CATEGORIES.items():
        rows = np.flatnonzero(categories == cat)
        w = np.where(rainy, rain_mult, 1.0) * np.where(weekend, 0.55, 1.0)
        day_idx[rows] = rng.choice(len(days), size=len(rows), p=w / w.sum())
    hours = np.clip(rng.normal(11.5, 3.5, size=len(categories)), 0, 23.98)
    minutes = (hours * 60).astype(int)
    return pd.DatetimeIndex(days[day_idx] + pd.to_timedelta(minutes, unit="min"))


def generate(rng: np.random.Generator, n_rows: int = N_ROWS) -> pd.DataFrame:
    """Return the synthetic request table, sorted by creation time."""
    cat_names = list(CATEGORIES)
    chan_names = list(CHANNELS)
    corr_names = list(CORREGIMIENTOS)
    categories = rng.choice(
        cat_names, size=n_rows, p=_probabilities([CATEGORIES[c][0] for c in cat_names])
    )
    channels = rng.choice(
        chan_names, size=n_rows, p=_probabilities([CHANNELS[c][0] for c in chan_names])
    )
    places = rng.choice(corr_names, size=n_rows, p=_probabilities(list(CORREGIMIENTOS.values())))
    created = _created_times(rng, categories)

    median = np.array([CATEGORIES[c][2] for c in categories])
    mult = np.array([CHANNELS[c][1] for c in channels])
    hours = median * mult * rng.lognormal(mean=0.0, sigma=0.7, size=n_rows)
    closed = created + pd.to_timedelta(np.round(hours * 60), unit="min")

    status = rng.choice(["closed", "cancelled"], size=n_rows, p=[0.97, 0.03]).astype(object)
    # Requests whose closure would fall after the year end are still open.
    year_end = pd.Timestamp(f"{YEAR}-12-31 23:59")
    still_open = np.asarray(closed > year_end)
    status[still_open] = "open"

    df = pd.DataFrame(
        {
            "created_at": created,
            "closed_at": closed.where(~still_open),
            "channel": channels,
            "category": categories,
            "corregimiento": places,
            "status": status,
            "sla_hours": [CATEGORIES[c][1] for c in categories],
        }
    ).sort_values("created_at", kind="stable", ignore_index=True)
    df.insert(0, "request_id", [f"SR-{YEAR}-{i:05d}" for i in range(1, len(df) + 1)])
    return df


def write_csv(df: pd.DataFrame, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(out, index=False, date_format="%Y-%m-%dT%H:%M", lineterminator="\n")


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    df = generate(np.random.default_rng(SEED))
    write_csv(df, out)
    print(f"wrote {len(df)} SYNTHETIC rows to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
