"""A data folder that cannot be written, in the real wizard (AppTest): a read-only one and a
full one. The save says "Not saved" with the reason, the typed text stays in the page, and once
the folder is writable again the next save keeps it. Nothing of a traceback.

The data folder is a tmpfs of its own, mounted for the test (as root: CI and `make test` on a
fresh Debian machine run as root, and root ignores chmod, so only a file system that refuses
writes is honest). Read-only: the tmpfs remounted ``ro``; full: a tiny tmpfs filled to the last
byte (ENOSPC, as a full disk gives). Without root the read-only case falls back to chmod (which
binds other users) and the full one fails: it cannot be made without mounting."""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest
from support import key

from charter.store import DraftStore

ROOT_USER = os.geteuid() == 0
NAME = "/commune/name/fr"


def _mount(*args: str) -> None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, f"mount {' '.join(args)}: {done.stderr.strip()}"


@pytest.fixture
def own_tmpfs(data_dir: Path):
    """``data_dir`` as a tmpfs of 4 MB (root only), unmounted after the test."""
    if not ROOT_USER:
        yield None
        return
    data_dir.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", "size=4m,mode=0755", "tmpfs", str(data_dir))
    try:
        yield data_dir
    finally:
        subprocess.run(["umount", "-l", str(data_dir)], check=False, timeout=30)


def read_only(folder: Path, on: bool) -> None:
    if ROOT_USER:
        _mount("-o", f"remount,{'ro' if on else 'rw'}", str(folder))
        return
    for p in [folder, *folder.iterdir()]:
        p.chmod((0o555 if p.is_dir() else 0o444) if on else (0o755 if p.is_dir() else 0o644))


def fill(folder: Path) -> Path:
    """Every free byte of the folder's file system taken by one file (ENOSPC after)."""
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as out:
        for chunk in (65536, 4096, 1):
            try:
                while out.write(b"\0" * chunk):
                    pass
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
    with pytest.raises(OSError, match="No space left"):
        (folder / "probe").write_bytes(b"x")
    return filler


def typed_and_kept(app, text: str):
    """A draft whose commune step was saved once; then ``text`` typed in its name."""
    at = app(lang="fr")
    at.button(key="start.blank").click().run()
    at.button(key="nav.step.commune").click().run()
    at.text_input(key=key(at, NAME, "_ltr")).set_value("Aït Tamount")
    at.button(key="step.keep").click().run()
    assert not at.exception
    return at


def press_save(at, text: str):
    at.text_input(key=key(at, NAME, "_ltr")).set_value(text)
    at.button(key="step.save").click().run()
    return at


def messages(at) -> str:
    return "\n".join(str(e.value) for e in [*at.error, *at.warning])


def assert_not_saved_and_kept(at, text: str):
    assert not at.exception
    said = messages(at)
    assert "Non enregistré : " in said and "cannot be written or read" in said, said
    assert "Traceback" not in said and 'File "' not in said
    assert "Vos réponses sont toujours dans cette page" in said
    assert at.text_input(key=key(at, NAME, "_ltr")).value == text  # the typed text is there
    assert at.session_state["mithaq.answers"]["commune"]["name"]["fr"] == text


def test_a_read_only_data_folder_says_not_saved_and_keeps_the_typed_text(app, data_dir, own_tmpfs):
    at = typed_and_kept(app, "Aït Tamount")
    draft = at.session_state["mithaq.draft"]
    store = DraftStore(data_dir / "drafts.sqlite3")
    before = store.latest(draft).number
    read_only(data_dir, True)
    try:
        if ROOT_USER:  # the mechanism holds: even root cannot write there
            with pytest.raises(OSError, match="Read-only file system"):
                (data_dir / "probe").write_text("x")
        at = press_save(at, "Aït Tamount-Centre")
        assert_not_saved_and_kept(at, "Aït Tamount-Centre")
    finally:
        read_only(data_dir, False)
    assert store.latest(draft).number == before  # nothing half-written
    at.button(key="step.save").click().run()  # writable again: the same text is saved
    assert not at.exception
    assert store.latest(draft).answers["commune"]["name"]["fr"] == "Aït Tamount-Centre"


def test_a_full_data_folder_says_not_saved_and_keeps_the_typed_text(app, data_dir, own_tmpfs):
    assert ROOT_USER, "a full data folder needs a tmpfs of its own: run the tests as root (CI does)"
    at = typed_and_kept(app, "Aït Tamount")
    draft = at.session_state["mithaq.draft"]
    store = DraftStore(data_dir / "drafts.sqlite3")
    before = store.latest(draft).number
    filler = fill(data_dir)
    text = "Aït Tamount " + "—".join(str(i) for i in range(40_000))  # more than the WAL holds
    try:
        at = press_save(at, text)
        assert_not_saved_and_kept(at, text)
    finally:
        filler.unlink()
    assert store.latest(draft).number == before  # nothing half-written
    at.button(key="step.save").click().run()  # room again: the same text is saved
    assert not at.exception
    assert store.latest(draft).answers["commune"]["name"]["fr"] == text
