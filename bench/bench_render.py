"""Render time per example, language and format; LibreOffice converting the same DOCX, side by side.

    .venv/bin/python bench/bench_render.py [--runs N]

Warm figures: each measurement is the median of N runs after one warm-up run in this process
(imports, fonts and the clause library loaded). Targets (issue 3): DOCX ≤ 50 ms; PDF ≤ 0.5 s for
the largest example; our PDF at least 2× faster than LibreOffice converting our DOCX.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pikepdf  # noqa: E402

from charter.documents import charter_model, render_docx, render_pdf  # noqa: E402
from charter.render.html import render_html  # noqa: E402
from charter.render.pdf import html_to_pdf  # noqa: E402

CPU: dict[str, float] = {}


def median_ms(fn, runs: int, key: str = "") -> float:
    """Median wall time in ms; the median CPU time of this process is kept in CPU[key]."""
    fn()
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    CPU[key] = statistics.median(cpu) * 1000
    return statistics.median(times) * 1000


def libreoffice_ms(docx: bytes, runs: int) -> float | None:
    soffice = shutil.which("soffice")
    if not soffice:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "charter.docx"
        src.write_bytes(docx)
        profile = f"file://{tmp}/profile"  # one profile per worker: shared ones fail silently
        cmd = [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile}",
               "--convert-to", "pdf", "--outdir", tmp, str(src)]  # fmt: skip

        def convert():
            subprocess.run(cmd, check=True, capture_output=True, timeout=120)

        return median_ms(convert, runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    examples = sorted((ROOT / "examples").glob("*.json"), key=lambda p: p.stat().st_size)
    print(f"cpus={os.cpu_count()} load={os.getloadavg()[0]:.2f} runs={runs} (median, warm)")
    print(f"{'example':36} {'lang':4} {'model':>8} {'docx':>8} {'html':>8} {'pdf':>8} {'pages':>5}")
    worst_docx = worst_pdf = 0.0
    pdf_by_example = {}
    for path in examples:
        answers = json.loads(path.read_text(encoding="utf-8"))
        for lang in ("ar", "fr"):
            model = charter_model(answers, lang)
            t_model = median_ms(lambda a=answers, lg=lang: charter_model(a, lg), runs)
            t_docx = median_ms(lambda a=answers, lg=lang: render_docx(a, lg), runs, "docx")
            html = render_html(model)
            t_html = median_ms(lambda m=model: render_html(m), runs)
            t_pdf = median_ms(lambda a=answers, lg=lang: render_pdf(a, lg), runs, "pdf")
            t_write = median_ms(lambda h=html, a=answers: html_to_pdf(h, a), runs)
            pages = len(pikepdf.open(io.BytesIO(render_pdf(answers, lang))).pages)
            worst_docx = max(worst_docx, t_docx)
            pdf_by_example[(path.stem, lang)] = t_pdf
            print(f"{path.stem:36} {lang:4} {t_model:7.0f}ms {t_docx:7.0f}ms {t_html:7.0f}ms "
                  f"{t_pdf:7.0f}ms {pages!s:>5}   (CPU: docx {CPU['docx']:.0f} ms, "
                  f"pdf {CPU['pdf']:.0f} ms; WeasyPrint alone {t_write:.0f} ms)")  # fmt: skip
    largest = examples[-1]
    worst_pdf = max(v for (stem, _), v in pdf_by_example.items() if stem == largest.stem)
    print(f"target DOCX ≤ 50 ms: worst {worst_docx:.0f} ms -> "
          f"{'PASS' if worst_docx <= 50 else 'FAIL'}")  # fmt: skip
    print(f"target PDF ≤ 500 ms (largest, {largest.stem}): worst {worst_pdf:.0f} ms -> "
          f"{'PASS' if worst_pdf <= 500 else 'FAIL'}")  # fmt: skip
    answers = json.loads(largest.read_text(encoding="utf-8"))
    for lang in ("ar", "fr"):
        lo = libreoffice_ms(render_docx(answers, lang), max(2, runs // 2))
        ours = pdf_by_example[(largest.stem, lang)]
        if lo is None:
            print("LibreOffice: not installed (make bench installs it): no side-by-side figure")
            break
        verdict = "PASS" if lo >= 2 * ours else "FAIL"
        print(f"LibreOffice DOCX→PDF {largest.stem} {lang}: {lo:.0f} ms; ours {ours:.0f} ms; "
              f"ratio {lo / ours:.2f}× -> {verdict} (target ≥ 2×)")  # fmt: skip


if __name__ == "__main__":
    main()
