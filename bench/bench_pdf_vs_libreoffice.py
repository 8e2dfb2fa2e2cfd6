"""Our PDF against LibreOffice converting our DOCX, side by side in one run, as ratios.

    .venv/bin/python bench/bench_pdf_vs_libreoffice.py [--runs N] [--example NAME] [--lang ar]

LibreOffice is kept warm: one ``soffice.bin`` listening on a local socket (its own profile), driven
over UNO by bench/lo_client.py (Debian's python3-uno); each conversion loads our DOCX and exports
it to PDF. Its CPU is the server's and the client's (from /proc) during the conversion. Ours is
``charter.documents.render_pdf`` warm in this process (CPU: ``time.process_time``). The rounds
alternate ours / LibreOffice, so both see the same load; medians are printed, and the ratios.

The same run also prices the levers of charter/render/pdf.py, each against the shipped render
(rounds alternate too): WeasyPrint's own text mapping instead of charter/render/glyphtext.py
(what the correct text layer costs), and the garbage collector left on.
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

from charter.documents import render_docx, render_pdf  # noqa: E402
from charter.render import glyphtext, pdf  # noqa: E402

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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--example", default="urban-oued-zitoun")
    parser.add_argument("--lang", default="ar")
    args = parser.parse_args()
    answers = json.loads((ROOT / "examples" / f"{args.example}.json").read_text("utf-8"))
    lang = args.lang

    def ours():
        render_pdf(answers, lang)

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

    print(f"{args.example} {lang}; cpus={os.cpu_count()} load={os.getloadavg()[0]:.2f} "
          f"runs={args.runs} (medians, warm, rounds alternate)")  # fmt: skip
    results: dict[str, list[tuple[float, float]]] = {}
    with libreoffice(render_docx(answers, lang)) as convert:
        if convert is None:
            print("LibreOffice or python3-uno missing (make bench installs them)")
        for fn in (ours, weasyprint_mapping, gc_on):
            fn()  # warm-up
        if convert:
            convert()
        for _ in range(args.runs):
            for name, fn in (("ours", ours), ("glyph text off", weasyprint_mapping),
                             ("gc on", gc_on)):  # fmt: skip
                results.setdefault(name, []).append(timed(fn))
            if convert:
                results.setdefault("LibreOffice", []).append(convert())
    load = os.getloadavg()[0]
    wall = {k: median([w for w, _ in v]) for k, v in results.items()}
    cpu = {k: median([c for _, c in v]) for k, v in results.items()}
    print(f"{'':16} {'wall s':>7} {'CPU s':>7}")
    for k in results:
        print(f"{k:16} {wall[k]:7.2f} {cpu[k]:7.2f}")
    print(f"load after: {load:.2f}")
    if "LibreOffice" in results:
        ratio = cpu["ours"] / cpu["LibreOffice"]
        walls = wall["ours"] / wall["LibreOffice"]
        print(f"ours / LibreOffice: CPU {ratio:.2f}×, wall {walls:.2f}× "
              f"-> {'PASS' if ratio <= 0.5 else 'FAIL'} (goal ≤ 0.5× CPU)")  # fmt: skip
    print(f"the correct text layer costs: CPU {cpu['ours'] / cpu['glyph text off']:.2f}× "
          f"WeasyPrint's own mapping")  # fmt: skip
    print(f"pausing the garbage collector: CPU {cpu['ours'] / cpu['gc on']:.2f}× leaving it on")
    print(f"stretch ≤ 0.5 s wall idle: {wall['ours']:.2f} s -> "
          f"{'PASS' if wall['ours'] <= 0.5 else 'FAIL'} (load {load:.1f})")  # fmt: skip


if __name__ == "__main__":
    main()
