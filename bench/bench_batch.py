"""`charter batch --census`: the drafts of every commune of the census (1,503) in one language,
DOCX + PDF, on 2 cores. Target: ≤ 10 minutes.

    .venv/bin/python bench/bench_batch.py [--communes 12] [--jobs 2] [--lang ar] [--full]

By default a sample (the first N communes of the census, drafted from the shipped model: every
draft has the same clauses, only the identification and the figures change) is rendered three
times side by side — DOCX only, PDF only, both — and extrapolated to the 1,503 communes. The
machine is shared: wall time measures the neighbours too, so the CPU time of the batch and its
workers divided by the jobs (what ``jobs`` idle cores would take) is printed next to it, with the
load average. ``--full`` renders the whole census once (both formats) instead.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHARTER = Path(sys.executable).parent / "charter"
CENSUS = 1503
TARGET = 600.0  # seconds, for the whole census on 2 cores


def run(out: Path, jobs: int, lang: str, fmt: str, limit: int | None) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds of the batch and its workers, documents written."""
    shutil.rmtree(out, ignore_errors=True)
    extra = ["--limit", str(limit)] if limit else []
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(
        [str(CHARTER), "batch", "--census", *extra, "--lang", lang, "--format", fmt,
         "-o", str(out), "--jobs", str(jobs)],
        capture_output=True, text=True,
    )  # fmt: skip
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if result.returncode:
        print(result.stderr[-2000:])
    return wall, cpu, len(list(out.iterdir()))


def verdict(seconds: float) -> str:
    return f"{'PASS' if seconds <= TARGET else 'FAIL'} (target ≤ {TARGET / 60:.0f} min)"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--communes", type=int, default=12)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--lang", choices=["ar", "fr"], default="ar")
    parser.add_argument("--full", action="store_true", help="the whole census, DOCX + PDF")
    args = parser.parse_args()
    n = CENSUS if args.full else args.communes
    print(f"cpus={os.cpu_count()} load={' '.join(f'{x:.2f}' for x in os.getloadavg())} "
          f"communes={n} of {CENSUS} lang={args.lang} jobs={args.jobs}")  # fmt: skip
    plans = [("docx + pdf", "all")] if args.full else [
        ("docx only", "docx"), ("pdf only", "pdf"), ("docx + pdf", "all")
    ]  # fmt: skip
    per_commune = {}
    with tempfile.TemporaryDirectory() as tmp:
        # What every batch pays once, whatever its size: the command, the pool, each worker's
        # imports and templates, and one DOCX. Taken off the sample, added once to the census.
        wall0, cpu0, _ = run(Path(tmp) / "start", args.jobs, args.lang, "docx", 1)
        print(f"start-up    {wall0:6.1f} s wall, CPU {cpu0:6.1f} s (one DOCX included)")
        for label, fmt in plans:
            wall, cpu, documents = run(Path(tmp) / fmt, args.jobs, args.lang, fmt, n)
            per_commune[fmt] = each = max(cpu - cpu0, 0.0) / n
            idle = cpu0 / args.jobs + each * CENSUS / args.jobs
            here = wall0 + max(wall - wall0, 0.0) * CENSUS / n
            print(f"{label:11} {n:4} communes, {documents:4} documents: {wall:6.1f} s wall, "
                  f"CPU {cpu:6.1f} s ({each:.2f} s a commune) → census: {here / 60:5.1f} min "
                  f"wall at this load, {idle / 60:5.1f} min on {args.jobs} idle cores  "
                  f"{verdict(idle)}")  # fmt: skip
    if not args.full:
        pdf, docx = per_commune["pdf"], per_commune["docx"]
        budget = (TARGET - cpu0 / args.jobs) * args.jobs / CENSUS
        print(f"CPU a commune: PDF {pdf:.2f} s, DOCX {docx:.2f} s (PDF {pdf / (pdf + docx):.0%} "
              f"of the two); the census in {TARGET / 60:.0f} min needs ≤ {budget:.2f} s a "
              f"commune for both: {per_commune['all'] / budget:.1f}× that today")  # fmt: skip
    print(f"load after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
