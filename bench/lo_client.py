"""UNO client for bench_pdf_vs_libreoffice.py; runs under Debian's /usr/bin/python3 (python3-uno).

    /usr/bin/python3 bench/lo_client.py PORT SERVER_PID DOCX PDF

Connects to a LibreOffice kept warm (``soffice.bin --accept=socket…``), then for each line read
on stdin converts DOCX to PDF once and prints one JSON line: wall seconds, and the CPU seconds of
the LibreOffice server plus this client during that conversion (from /proc).
"""

import json
import os
import sys
import time

import uno
from com.sun.star.beans import PropertyValue

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_of(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main() -> None:
    port, server, docx, pdf = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    for _ in range(120):
        try:
            ctx = resolver.resolve(
                f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
            )
            break
        except Exception:
            time.sleep(0.5)
    else:
        raise SystemExit("LibreOffice did not answer")
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    src, dst = uno.systemPathToFileUrl(docx), uno.systemPathToFileUrl(pdf)
    print(json.dumps({"ready": True}), flush=True)
    for _line in sys.stdin:
        start, cpu0, own0 = time.perf_counter(), cpu_of(server), time.process_time()
        doc = desktop.loadComponentFromURL(src, "_blank", 0, (prop("Hidden", True),))
        doc.storeToURL(dst, (prop("FilterName", "writer_pdf_Export"),))
        doc.close(True)
        wall = time.perf_counter() - start
        cpu = cpu_of(server) - cpu0 + time.process_time() - own0
        print(json.dumps({"wall": wall, "cpu": cpu}), flush=True)


if __name__ == "__main__":
    main()
