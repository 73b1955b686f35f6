"""Decision PDFs: render (fpdf2), sign (pyHanko PAdES B-B, EC P-256 test CA) and verify, one after another.

    .venv/bin/python bench/applications/signing.py --decisions 200

Prints p50/p95/p99 milliseconds per step and the signed size. Uses a fresh test CA in a temporary
directory; needs no database.
"""

import argparse
import datetime as dt
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luukku.settings")
os.environ.setdefault("LUUKKU_DATABASE_URL", "sqlite:///:memory:")


def percentiles(values: list[float]) -> str:
    cuts = statistics.quantiles(values, n=100)
    return f"p50 {cuts[49]:.1f} ms, p95 {cuts[94]:.1f} ms, p99 {cuts[98]:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--decisions", type=int, default=200)
    args = parser.parse_args()
    import django

    os.environ["LUUKKU_SIGNING_DIR"] = tempfile.mkdtemp(prefix="luukku-signing-")
    django.setup()
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    from luukku.applications import adapters
    from luukku.inbox.documents import Document, render

    signer = adapters.signer()
    timings: dict[str, list[float]] = {"render": [], "sign": [], "verify": []}
    size = 0
    for n in range(args.decisions):
        start = time.perf_counter()
        pdf = render(
            Document(
                f"Päätös SOS-2026-{n:06d}",
                "fi",
                "Kanta-Hämeen hyvinvointialue",
                ["Lempi Esimerkki"],
                ["Kotihoito myönnetään.", "Oikaisuvaatimusohje. " * 20],
                dt.datetime.now(),
            )
        )
        signed_at = time.perf_counter()
        signed = signer.sign(pdf, "Päätös", "Hämeenlinna")
        verified_at = time.perf_counter()
        assert signer.verify(signed).valid
        done = time.perf_counter()
        timings["render"].append((signed_at - start) * 1000)
        timings["sign"].append((verified_at - signed_at) * 1000)
        timings["verify"].append((done - verified_at) * 1000)
        size = len(signed)
    for step, values in timings.items():
        print(f"{step:7} {percentiles(values)}")
    print(f"signed PDF {size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
