"""The demo home-care day (luukku.homecare.demo_area: ~150 clients, 20 nurses over Riihimäki, Hausjärvi,
Janakkala and Loppi): the optimiser against a baseline that imitates manual planning (a fixed area per
nurse, visits in time-window order).

    .venv/bin/python bench/routing/demo_day.py [--seconds 60]

Prints km, travel hours, continuity (share of visits by a familiar nurse), unplanned visits and rule
violations (windows, skills, shifts, breaks, two-person synchrony) of each; the optimiser also without
the continuity weight, to show what continuity costs in km.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luukku.settings")
import django

django.setup()

from luukku.homecare import demo_area  # noqa: E402
from luukku.homecare.optimiser import continuity, manual_plan, optimise, violations  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    jobs, workers = demo_area.as_problem(demo_area.clients(), demo_area.nurses())
    print(f"{len(jobs)} home visits (remote ones are not routed), {len(workers)} nurses")
    rows = [("manual baseline", manual_plan(jobs, workers))]
    rows.append(("optimiser", optimise(jobs, workers, seconds=args.seconds)))
    rows.append(
        ("optimiser, no continuity", optimise(jobs, workers, seconds=args.seconds, continuity_weight=0))
    )
    print(f"{'plan':26} {'km':>8} {'travel h':>8} {'continuity':>10} {'unplanned':>9} {'violations':>10}")
    for name, plan in rows:
        print(
            f"{name:26} {plan.distance_m / 1000:8.1f} {plan.travel_s / 3600:8.1f}"
            f" {continuity(plan, jobs):10.2f}"
            f" {len(plan.unplanned):9d} {len(violations(plan, jobs, workers)):10d}"
        )
    base = rows[0][1].distance_m
    for name, plan in rows[1:]:
        print(f"{name}: {100 * (base - plan.distance_m) / base:.1f} % fewer km than the baseline")


if __name__ == "__main__":
    main()
