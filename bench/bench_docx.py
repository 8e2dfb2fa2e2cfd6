"""DOCX of the largest example (urban-oued-zitoun), ar and fr: whole render and the model's share,
against the target (≤ 50 ms), optionally side by side with an earlier revision.

    .venv/bin/python bench/bench_docx.py [--runs 15] [--rounds 2] [--against REV]

Each figure is the least CPU time of ``runs`` warm renders in a fresh process (the least is the
figure least disturbed by the neighbours of a shared machine). With ``--against REV`` (a commit,
e.g. the one before a change) the revision is exported with ``git archive`` and measured in
alternation with this checkout, ``rounds`` times each, with the same virtual environment: the
ratio is then read within one run. The examples are this checkout's for both.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "urban-oued-zitoun.json"
TARGET_MS = 50.0

CHILD = """
import json, sys, time
from charter.documents import charter_model, render_docx
answers = json.load(open(sys.argv[1], encoding="utf-8"))
runs, out = int(sys.argv[2]), {}
for lang in ("ar", "fr"):
    render_docx(answers, lang)
    whole = model = float("inf")
    for _ in range(runs):
        start = time.process_time()
        render_docx(answers, lang)
        whole = min(whole, time.process_time() - start)
        start = time.process_time()
        charter_model(answers, lang)
        model = min(model, time.process_time() - start)
    out[lang] = [whole * 1000, model * 1000]
print(json.dumps(out))
"""


def measure(code: Path, runs: int) -> dict:
    env = dict(os.environ, PYTHONPATH=str(code))
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(EXAMPLE), str(runs)],
        env=env, cwd=tempfile.gettempdir(), capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(result.stdout.strip().splitlines()[-1])


def export(rev: str, into: Path) -> Path:
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--against", metavar="REV")
    args = parser.parse_args()
    print(f"cpus={os.cpu_count()} load={os.getloadavg()[0]:.2f} {EXAMPLE.stem} "
          f"least CPU of {args.runs} warm renders, {args.rounds} rounds")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        codes = {"this checkout": ROOT}
        if args.against:
            codes = {args.against: export(args.against, Path(tmp)), **codes}
        best: dict[str, dict[str, list[float]]] = {label: {} for label in codes}
        for _ in range(args.rounds):
            for label, code in codes.items():
                for lang, figures in measure(code, args.runs).items():
                    old = best[label].get(lang, [float("inf")] * 2)
                    best[label][lang] = [min(a, b) for a, b in zip(old, figures, strict=True)]
    for label, by_lang in best.items():
        for lang, (whole, model) in by_lang.items():
            verdict = "PASS" if whole <= TARGET_MS else "FAIL"
            print(f"{label:16} {lang}: DOCX {whole:5.1f} ms CPU (model {model:4.1f} ms, Word "
                  f"layout and package {whole - model:4.1f} ms)  {verdict} (target ≤ "
                  f"{TARGET_MS:.0f} ms)")  # fmt: skip
    if args.against:
        for lang in ("ar", "fr"):
            ratio = best["this checkout"][lang][0] / best[args.against][lang][0]
            print(f"{lang}: this checkout / {args.against} = {ratio:.2f}")
    print(f"load after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
