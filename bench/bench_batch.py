"""`charter batch` throughput over 100 answers files with 2 jobs (target: ≥ 3 charters a second).

    .venv/bin/python bench/bench_batch.py [--files 100] [--jobs 2]

The files are copies of the examples (each renders what its ``output`` asks for: languages and
formats); "a charter" is one answers file. Documents per second are printed as well, and the
same run restricted to one language and format, so the figure can be compared per document.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHARTER = Path(sys.executable).parent / "charter"


def run(folder: Path, out: Path, jobs: int, *extra: str) -> tuple[float, int]:
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(
        [str(CHARTER), "batch", str(folder), "-o", str(out), "--jobs", str(jobs), *extra],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start, len(list(out.iterdir()))


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
            seconds, documents = run(folder, out, args.jobs, *extra)
            rate = args.files / seconds
            print(f"{label:20} {seconds:6.1f} s  {rate:5.2f} charters/s  "
                  f"{documents / seconds:5.2f} documents/s  "
                  f"{'PASS' if rate >= 3 else 'FAIL'} (target ≥ 3 charters/s)")  # fmt: skip


if __name__ == "__main__":
    main()
