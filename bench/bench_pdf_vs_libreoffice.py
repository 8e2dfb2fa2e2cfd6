"""Our PDF against LibreOffice converting our DOCX, side by side in one run, as ratios.

    .venv/bin/python bench/bench_pdf_vs_libreoffice.py [--runs N] [--example X --lang ar] [--levers]

Without --example: the largest charter (urban) in Arabic and French, and the rural one in Arabic.

LibreOffice is kept warm: one ``soffice.bin`` listening on a local socket (its own profile), driven
over UNO by bench/lo_client.py (Debian's python3-uno); each conversion loads our DOCX and exports
it to PDF. Its CPU is the server's and the client's (from /proc) during the conversion. Ours is
``charter.documents.render_pdf`` warm in this process (CPU: ``time.process_time``). The rounds
alternate ours / LibreOffice, so both see the same load; medians are printed, and the ratios.

Ours is priced three ways, in the same alternating rounds (see docs/performance.md):
- "ours": the shipped render in a warm process that has rendered this charter before (the wizard
  re-rendering after a step, a batch worker): charter/render/linebreak.py's memo of line breaks
  is full, on the process's one FontConfiguration;
- "ours, new doc": the same with the memo emptied first (a charter this process never rendered);
- "before": WeasyPrint alone, as before the memo: its own split_first_line and a new
  FontConfiguration per render.
With --levers, two more, against the shipped render: WeasyPrint's own text mapping instead of
charter/render/glyphtext.py (what the correct text layer costs), and the garbage collector on.
Goal (issue 10): ours ≤ 0.5 × LibreOffice's CPU; stretch ≤ 0.5 s wall on an idle machine.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from weasyprint.draw import text as draw_text  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402

from charter.documents import render_docx, render_pdf  # noqa: E402
from charter.render import glyphtext, linebreak, pdf  # noqa: E402

SOFFICE = Path("/usr/lib/libreoffice/program/soffice.bin")


def timed(fn) -> tuple[float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - start, time.process_time() - cpu


@contextmanager
def libreoffice(docx: bytes):
    """A warm LibreOffice and a client: yields convert() → (wall, cpu); None if not installed."""
    python = Path("/usr/bin/python3")
    if not SOFFICE.exists() or subprocess.call([python, "-c", "import uno"]) != 0:
        yield None
        return
    with tempfile.TemporaryDirectory() as tmp, socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        src, dst = Path(tmp) / "charter.docx", Path(tmp) / "charter.pdf"
        src.write_bytes(docx)
        profile = f"-env:UserInstallation=file://{tmp}/profile"
        for _ in range(2):  # the first start makes the profile and exits (81): start again
            subprocess.call([SOFFICE, "--headless", "--terminate_after_init", profile],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            timeout=120)  # fmt: skip
        server = subprocess.Popen(
            [SOFFICE, "--headless", "--invisible", "--norestore", "--nologo",
             profile,
             f"--accept=socket,host=127.0.0.1,port={port};urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        client = subprocess.Popen(
            [python, ROOT / "bench" / "lo_client.py", str(port), str(server.pid), src, dst],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            json.loads(client.stdout.readline())  # ready

            def convert() -> tuple[float, float]:
                client.stdin.write("convert\n")
                client.stdin.flush()
                answer = json.loads(client.stdout.readline())
                return answer["wall"], answer["cpu"]

            yield convert
        finally:
            client.stdin.close()
            client.wait(30)
            server.terminate()  # the one we started, by its id
            server.wait(30)


def median(xs):
    return statistics.median(xs)


def variants(answers: dict, lang: str, levers: bool) -> dict:
    """name → a function rendering the charter that way."""

    def ours():
        render_pdf(answers, lang)

    def new_document():
        linebreak.forget(pdf._font_config())
        render_pdf(answers, lang)

    def before():
        install, fonts = linebreak.install, pdf._font_config
        linebreak.install, pdf._font_config = linebreak.uninstall, FontConfiguration
        try:
            render_pdf(answers, lang)
        finally:
            linebreak.install, pdf._font_config = install, fonts
            install()

    def weasyprint_mapping():
        patched = draw_text.draw_first_line
        draw_text.draw_first_line = glyphtext.ORIGINAL["draw_first_line"]
        try:
            render_pdf(answers, lang)
        finally:
            draw_text.draw_first_line = patched

    def gc_on():
        paused = pdf._collector_paused
        pdf._collector_paused = contextmanager(lambda: (yield))
        try:
            render_pdf(answers, lang)
        finally:
            pdf._collector_paused = paused

    found = {"ours": ours, "ours, new doc": new_document, "before": before}
    if levers:
        found |= {"glyph text off": weasyprint_mapping, "gc on": gc_on}
    return found


def bench(example: str, lang: str, runs: int, levers: bool) -> None:
    answers = json.loads((ROOT / "examples" / f"{example}.json").read_text("utf-8"))
    print(f"\n{example} {lang}; cpus={os.cpu_count()} load={os.getloadavg()[0]:.2f} "
          f"runs={runs} (medians, warm, rounds alternate)")  # fmt: skip
    results: dict[str, list[tuple[float, float]]] = {}
    ways = variants(answers, lang, levers)
    with libreoffice(render_docx(answers, lang)) as convert:
        if convert is None:
            print("LibreOffice or python3-uno missing (make bench installs them)")
        for fn in ways.values():
            fn()  # warm-up
        if convert:
            convert()
        for _ in range(runs):
            for name, fn in ways.items():
                results.setdefault(name, []).append(timed(fn))
            if convert:
                results.setdefault("LibreOffice", []).append(convert())
    load = os.getloadavg()[0]
    wall = {k: median([w for w, _ in v]) for k, v in results.items()}
    cpu = {k: median([c for _, c in v]) for k, v in results.items()}
    lo = cpu.get("LibreOffice")
    print(f"{'':16} {'wall s':>7} {'CPU s':>7} {'CPU/LO':>7} {'CPU/before':>10}")
    for k in results:
        ratio = f"{cpu[k] / lo:6.2f}×" if lo else ""
        print(f"{k:16} {wall[k]:7.2f} {cpu[k]:7.2f} {ratio:>7} {cpu[k] / cpu['before']:9.2f}×")
    print(f"load after: {load:.2f}")
    if lo:
        for k in ("ours", "ours, new doc", "before"):
            walls = wall[k] / wall["LibreOffice"]
            print(f"{k} / LibreOffice: CPU {cpu[k] / lo:.2f}×, wall {walls:.2f}× "
                  f"-> {'PASS' if cpu[k] / lo <= 0.5 else 'FAIL'} (goal ≤ 0.5× CPU)")  # fmt: skip
    if levers:
        print(f"the correct text layer costs: CPU {cpu['ours'] / cpu['glyph text off']:.2f}× "
              f"WeasyPrint's own mapping")  # fmt: skip
        print(f"pausing the garbage collector: CPU {cpu['ours'] / cpu['gc on']:.2f}× leaving it on")
    print(f"stretch ≤ 0.5 s wall idle: {wall['ours']:.2f} s -> "
          f"{'PASS' if wall['ours'] <= 0.5 else 'FAIL'} (load {load:.1f})")  # fmt: skip


CASES = [("urban-oued-zitoun", "ar"), ("urban-oued-zitoun", "fr"), ("rural-ait-tamount", "ar")]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--example")
    parser.add_argument("--lang", default="ar")
    parser.add_argument("--levers", action="store_true", help="also price glyphtext and gc")
    args = parser.parse_args()
    for example, lang in [(args.example, args.lang)] if args.example else CASES:
        bench(example, lang, args.runs, args.levers)


if __name__ == "__main__":
    main()
