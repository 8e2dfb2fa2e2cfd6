"""The real app in a real browser: ``streamlit run`` on a free localhost port with its own data
folder, and Debian's Chromium driven by Playwright (never ``playwright install``)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """``streamlit run app.py`` as the README's ``make run`` starts it."""

    def __init__(
        self, data: Path, port: int | None = None, env: dict[str, str] | None = None
    ) -> None:
        self.data = data
        self.env = env or {}  # e.g. MITHAQ_DATABASE_URL, MITHAQ_ADVISORS_PASSWORD
        self.port = port or free_port()
        self.proc: subprocess.Popen | None = None
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 120) -> float:
        """Start and wait until healthy; returns the seconds it took. A few seconds on an idle
        machine; 28 s was seen on a loaded one (several suites, and make test's workers each
        starting a server), so the wait is generous: it is no assertion on speed."""
        env = {**os.environ, "MITHAQ_DATA": str(self.data), **self.env}
        self.log = self.data.parent / f"streamlit-{self.port}.log"
        began = time.perf_counter()
        with self.log.open("ab") as log:  # the child keeps its own copy of the descriptor
            self.proc = self._popen(env, log)
        while time.perf_counter() - began < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(self.log.read_text(errors="replace"))
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=1) as r:
                    if r.read() == b"ok":
                        return time.perf_counter() - began
            except OSError:
                time.sleep(0.05)
        raise TimeoutError("the app did not become healthy")

    def _popen(self, env: dict[str, str], log) -> subprocess.Popen:
        return subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", "app.py",
                "--server.port", str(self.port), "--server.address", "127.0.0.1",
                "--server.headless", "true", "--browser.gatherUsageStats", "false",
            ],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log,
        )  # fmt: skip

    def kill(self) -> None:
        """SIGKILL: no shutdown hook runs, as when a server is lost."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def settle(page, timeout: float = 30_000) -> None:
    """Wait until the script run triggered by the last action (and any run it asked for, such
    as a page switch) has finished: the app says ``notRunning`` and shows no status."""
    page.wait_for_timeout(200)
    page.wait_for_function(
        """() => {
          const app = document.querySelector('[data-testid="stApp"]');
          return app && app.dataset.testScriptState === "notRunning"
            && !document.querySelector('[data-testid="stStatusWidget"]');
        }""",
        timeout=timeout,
    )
    page.wait_for_timeout(200)
