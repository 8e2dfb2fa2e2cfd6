"""`charter batch` throughput over 100 answers files with 2 jobs (target: ≥ 3 charters a second).

    .venv/bin/python bench/bench_batch.py [--files 100] [--jobs 2]

The files are copies of the examples (each renders what its ``output`` asks for: languages and
formats); "a charter" is one answers file. Documents per second are printed as well, and the
same run restricted to one language and format, so the figure can be compared per document.
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

ROOT = Path(__file__).resolve().parents[1]
CHARTER = Path(sys.executable).parent / "charter"


def run(folder: Path, out: Path, jobs: int, *extra: str) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds of the batch and its workers, documents written."""
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(
        [str(CHARTER), "batch", str(folder), "-o", str(out), "--jobs", str(jobs), *extra],
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if result.returncode:
        print(result.stderr[-2000:])
    return wall, cpu, len(list(out.iterdir()))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    examples = sorted((ROOT / "examples").glob("*.json"))
    print(f"cpus={os.cpu_count()} load={os.getloadavg()[0]:.2f} files={args.files} "
          f"jobs={args.jobs}")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp) / "in", Path(tmp) / "out"
        folder.mkdir()
        for i in range(args.files):
            src = examples[i % len(examples)]
            shutil.copy(src, folder / f"{i:03d}-{src.name}")
        for label, extra in (
            ("as the answers ask", ()),
            ("docx only", ("--format", "docx")),
            ("pdf only", ("--format", "pdf")),
        ):
            seconds, cpu, documents = run(folder, out, args.jobs, *extra)
            rate = args.files / seconds
            # On a busy machine wall time measures the neighbours too: CPU time / jobs is the
            # rate the same work reaches on `jobs` idle cores.
            idle = args.files / (cpu / args.jobs)
            print(f"{label:20} {seconds:6.1f} s  {rate:5.2f} charters/s  "
                  f"{documents / seconds:5.2f} documents/s  "
                  f"{'PASS' if rate >= 3 else 'FAIL'} (target ≥ 3 charters/s); CPU {cpu:.0f} s "
                  f"→ {idle:.2f} charters/s on {args.jobs} idle cores")  # fmt: skip


if __name__ == "__main__":
    main()
