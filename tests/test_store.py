"""Drafts: unguessable ids, append-only revisions, restore by copy, training drafts apart."""

import sqlite3
import threading

import pytest

from charter.store import DraftNotFoundError, DraftStore, default_path


@pytest.fixture
def store(tmp_path):
    return DraftStore(tmp_path / "drafts.sqlite3")


def test_default_path_follows_mithaq_data(monkeypatch, tmp_path):
    monkeypatch.setenv("MITHAQ_DATA", str(tmp_path / "x"))
    assert default_path() == tmp_path / "x" / "drafts.sqlite3"
    monkeypatch.delenv("MITHAQ_DATA")
    assert str(default_path()) == "data/drafts.sqlite3"


def test_store_creates_its_folder(tmp_path):
    DraftStore(tmp_path / "a" / "b" / "drafts.sqlite3")
    assert (tmp_path / "a" / "b" / "drafts.sqlite3").exists()


def test_ids_are_unguessable(store):
    ids = {store.create({}) for _ in range(50)}
    assert len(ids) == 50
    assert all(len(i) >= 22 and i.replace("-", "").replace("_", "").isalnum() for i in ids)


def test_save_appends_and_latest_reads_back(store):
    draft = store.create({"schema_version": "1"})
    answers = {"schema_version": "1", "name": {"ar": "تيزنيت & <س>", "fr": "Tiznit"}}
    assert store.save(draft, answers, step="identification") == 2
    latest = store.latest(draft)
    assert latest.number == 2
    assert latest.answers == answers
    assert latest.step == "identification"


def test_saving_the_same_answers_appends_nothing(store):
    draft = store.create({"a": 1})
    assert store.save(draft, {"a": 1}) == 1
    assert [r.number for r in store.revisions(draft)] == [1]


def test_revisions_are_append_only_and_restore_appends_a_copy(store):
    draft = store.create({"v": 1})
    store.save(draft, {"v": 2})
    store.save(draft, {"v": 3})
    assert store.restore(draft, 1) == 4
    revs = store.revisions(draft)
    assert [r.number for r in revs] == [4, 3, 2, 1]
    assert [r.answers["v"] for r in revs] == [1, 3, 2, 1]
    assert revs[0].note == "restored:1"
    assert store.latest(draft).answers == {"v": 1}


def test_unknown_draft_or_revision(store):
    with pytest.raises(DraftNotFoundError):
        store.latest("nope")
    with pytest.raises(DraftNotFoundError):
        store.save("nope", {})
    draft = store.create({})
    with pytest.raises(DraftNotFoundError):
        store.revision(draft, 7)
    assert not store.exists("nope")
    assert store.exists(draft)


def test_training_drafts_are_kept_apart(store):
    real = store.create({"x": 1})
    demo = store.create({"x": 2}, training=True)
    assert not store.is_training(real)
    assert store.is_training(demo)
    assert store.training_drafts() == [demo]
    assert store.delete_training(real) == 0  # a real draft is never deleted
    assert store.delete_training() == 1
    assert store.exists(real)
    assert not store.exists(demo)


def test_survives_a_new_store_on_the_same_file(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    draft = DraftStore(path).create({"k": "v"})
    assert DraftStore(path).latest(draft).answers == {"k": "v"}


def test_concurrent_saves_each_get_their_own_revision(store):
    draft = store.create({})

    def work(i):
        for j in range(10):
            store.save(draft, {"thread": i, "n": j})

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    numbers = [r.number for r in store.revisions(draft)]
    assert numbers == list(range(41, 0, -1))


def test_file_is_plain_sqlite(store):
    draft = store.create({"a": "é"})
    with sqlite3.connect(store.path) as db:
        sql = "SELECT answers FROM revisions WHERE draft_id = ?"
        (text,) = db.execute(sql, (draft,)).fetchone()
    assert text == '{"a":"é"}'
