"""One app server and one browser for every browser test (starting them is the slow part)."""

from __future__ import annotations

import pytest
from appserver import AppServer, launch
from playwright.sync_api import sync_playwright


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    srv = AppServer(tmp_path_factory.mktemp("data"))
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def browser():
    """The one browser of the run: a second ``sync_playwright()`` while this one runs fails
    ("Sync API inside the asyncio loop"), so every browser test takes this fixture."""
    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()
