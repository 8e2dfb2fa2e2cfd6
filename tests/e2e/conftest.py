"""One app server and one browser per test module (starting them is the slow part). Module
scope, not session: a module that drives its own Playwright must not find this one running."""

from __future__ import annotations

import pytest
from appserver import AppServer, launch
from playwright.sync_api import sync_playwright


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = AppServer(tmp_path_factory.mktemp("data"))
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser():
    """The one browser of the run: a second ``sync_playwright()`` while this one runs fails
    ("Sync API inside the asyncio loop"), so every browser test takes this fixture."""
    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()
