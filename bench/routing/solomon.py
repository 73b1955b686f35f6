"""Solomon VRPTW: Luukku's modelling (homecare.optimiser) beside plain PyVRP, same instance, same run.

    .venv/bin/python bench/routing/solomon.py [--seconds 60] [instances/RC208.vrp ...]

The instance is read with `vrplib`; distances are Euclidean in tenths, truncated (DIMACS convention,
the file's SCALE 10 / FLOOR_2D), times likewise. Plain PyVRP gets one vehicle type with the file's
number of vehicles; Luukku's model gets one "nurse" per vehicle (own profile, own start and end depot,
visits with a prize instead of required, no breaks, no continuity weight) - what the home-care
modelling adds, so the gap shows whether it costs quality. Prints cost, gap to the best-known
solution and, for Luukku's plan, unplanned visits and rule violations (both must be 0).
"""

import argparse
import math
import os
import sys
import time
from pathlib import Path

import numpy as np
import vrplib

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luukku.settings")
import django

django.setup()

from pyvrp import Client, Depot, Location, ProblemData, VehicleType, solve  # noqa: E402
from pyvrp.stop import MaxRuntime  # noqa: E402

from luukku.homecare.adapters import Matrix  # noqa: E402
from luukku.homecare.optimiser import Job, Worker, optimise, violations  # noqa: E402

HERE = Path(__file__).parent
BEST_KNOWN = {"RC208": 7761}  # tenths; see instances/SOURCE.md


def tenths(instance: dict) -> np.ndarray:
    coords = np.asarray(instance["node_coord"], dtype=float)
    diff = coords[:, None, :] - coords[None, :, :]
    return np.floor(10 * np.sqrt((diff**2).sum(-1)) + 1e-9).astype(np.int64)


class InstanceRouting:
    """The instance's own matrix, looked up by the points (coordinates) the optimiser asks about."""

    def __init__(self, instance: dict, matrix: np.ndarray) -> None:
        self.index = {tuple(map(float, c)): i for i, c in enumerate(instance["node_coord"])}
        self.full = matrix

    def matrix(self, points, mode):
        idx = [self.index[(float(p[0]), float(p[1]))] for p in points]
        sub = self.full[np.ix_(idx, idx)].tolist()
        return Matrix(sub, sub)


def plain(instance: dict, matrix: np.ndarray, seconds: float) -> tuple[int, float]:
    n = len(instance["node_coord"])
    tw = np.asarray(instance["time_window"]) * 10
    service = int(instance["service_time"]) * 10
    locations = [Location(float(x), float(y)) for x, y in instance["node_coord"]]
    clients = [
        Client(
            i,
            delivery=[int(instance["demand"][i])],
            service_duration=service,
            tw_early=int(tw[i][0]),
            tw_late=int(tw[i][1]),
        )
        for i in range(1, n)
    ]
    depot = Depot(0, tw_early=int(tw[0][0]), tw_late=int(tw[0][1]))
    vehicles = VehicleType(
        num_available=int(instance["vehicles"]),
        capacity=[int(instance["capacity"])],
        tw_early=int(tw[0][0]),
        tw_late=int(tw[0][1]),
    )
    data = ProblemData(locations, clients, [depot], [vehicles], [matrix], [matrix])
    started = time.perf_counter()
    result = solve(data, stop=MaxRuntime(seconds), seed=1)
    assert result.is_feasible()
    return int(result.best.distance()), time.perf_counter() - started


def luukku(instance: dict, matrix: np.ndarray, seconds: float) -> tuple[int, float, int, int]:
    tw = np.asarray(instance["time_window"]) * 10
    service = int(instance["service_time"]) * 10
    coords = [(float(x), float(y)) for x, y in instance["node_coord"]]
    jobs = [
        Job(str(i), coords[i], int(tw[i][0]), int(tw[i][1]), service, demand=int(instance["demand"][i]))
        for i in range(1, len(coords))
    ]
    workers = [
        Worker(f"v{k}", coords[0], "car", int(tw[0][0]), int(tw[0][1]), capacity=int(instance["capacity"]))
        for k in range(int(instance["vehicles"]))
    ]
    routing = InstanceRouting(instance, matrix)
    started = time.perf_counter()
    plan = optimise(jobs, workers, routing, seconds=seconds, continuity_weight=0)
    elapsed = time.perf_counter() - started
    broken = violations(plan, jobs, workers, routing)
    load_ok = all(
        sum(int(instance["demand"][int(s.job)]) for s in stops) <= int(instance["capacity"])
        for stops in plan.routes.values()
    )
    return plan.distance_m, elapsed, len(plan.unplanned), len(broken) + (0 if load_ok else 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("instances", nargs="*", default=[str(HERE / "instances" / "RC208.vrp")])
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    print(f"{'instance':10} {'model':8} {'cost':>8} {'gap %':>7} {'time s':>7}  notes")
    for path in args.instances:
        instance = vrplib.read_instance(path)
        matrix = tenths(instance)
        name = instance["name"]
        best = BEST_KNOWN.get(name)
        cost, elapsed = plain(instance, matrix, args.seconds)
        gap = 100 * (cost - best) / best if best else math.nan
        print(f"{name:10} {'pyvrp':8} {cost / 10:8.1f} {gap:7.2f} {elapsed:7.1f}")
        cost, elapsed, unplanned, broken = luukku(instance, matrix, args.seconds)
        gap = 100 * (cost - best) / best if best else math.nan
        print(
            f"{name:10} {'luukku':8} {cost / 10:8.1f} {gap:7.2f} {elapsed:7.1f}"
            f"  unplanned {unplanned}, violations {broken}"
        )


if __name__ == "__main__":
    main()
