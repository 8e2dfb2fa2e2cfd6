"""Drafts: unguessable ids, append-only revisions, restore by copy, training drafts apart —
on SQLite and on PostgreSQL alike (the ``db_location`` fixture runs each test on both)."""

import math
import multiprocessing
import sqlite3
import threading

import pytest

from charter.errors import CharterError
from charter.store import (
    ID_ALPHABET,
    ID_LENGTH,
    DraftNotFoundError,
    DraftStore,
    StaleDraftError,
    default_path,
)


@pytest.fixture
def store(db_location):
    return DraftStore(db_location)


def test_default_path_follows_mithaq_data(monkeypatch, tmp_path):
    monkeypatch.setenv("MITHAQ_DATA", str(tmp_path / "x"))
    assert default_path() == tmp_path / "x" / "drafts.sqlite3"
    monkeypatch.delenv("MITHAQ_DATA")
    assert str(default_path()) == "data/drafts.sqlite3"


def test_store_creates_its_folder(tmp_path):
    DraftStore(tmp_path / "a" / "b" / "drafts.sqlite3")
    assert (tmp_path / "a" / "b" / "drafts.sqlite3").exists()


def test_ids_are_unguessable_and_unambiguous(store):
    ids = {store.create({}) for _ in range(50)}
    assert len(ids) == 50
    # at least 128 random bits, and no character a reader can take for another
    assert math.log2(len(ID_ALPHABET)) * ID_LENGTH >= 128
    assert not set(ID_ALPHABET) & set("01oOlLiI")
    assert all(len(i) == ID_LENGTH and set(i) <= set(ID_ALPHABET) for i in ids)
    assert len(set("".join(ids))) > 25  # the whole alphabet is drawn from


def test_an_id_made_before_still_opens(tmp_path):
    """Drafts made with the old ids (``secrets.token_urlsafe``) open as before."""
    where = tmp_path / "drafts.sqlite3"
    store = DraftStore(where)
    old = "lOaTzfgfk-Ol0X9_nkVMVg"
    draft = store.create({"schema_version": "1"})
    with sqlite3.connect(where) as db:  # as a draft of last month sits in the file
        db.execute("UPDATE revisions SET draft_id = ? WHERE draft_id = ?", (old, draft))
        db.execute("UPDATE drafts SET id = ? WHERE id = ?", (old, draft))
    assert store.latest(old).answers == {"schema_version": "1"}
    assert store.save(old, {"schema_version": "1", "x": 1}, base=1) == 2


def test_save_appends_and_latest_reads_back(store):
    draft = store.create({"schema_version": "1"})
    answers = {"schema_version": "1", "name": {"ar": "تيزنيت & <س>", "fr": "Tiznit"}}
    assert store.save(draft, answers, base=1, step="identification") == 2
    latest = store.latest(draft)
    assert latest.number == 2
    assert latest.answers == answers
    assert latest.step == "identification"


def test_saving_the_same_answers_appends_nothing(store):
    draft = store.create({"a": 1})
    assert store.save(draft, {"a": 1}, base=1) == 1
    assert [r.number for r in store.revisions(draft)] == [1]


def test_revisions_are_append_only_and_restore_appends_a_copy(store):
    draft = store.create({"v": 1})
    store.save(draft, {"v": 2}, base=1)
    store.save(draft, {"v": 3}, base=2)
    assert store.restore(draft, 1, base=3) == 4
    revs = store.revisions(draft)
    assert [r.number for r in revs] == [4, 3, 2, 1]
    assert [r.answers["v"] for r in revs] == [1, 3, 2, 1]
    assert revs[0].note == "restored:1"
    assert store.latest(draft).answers == {"v": 1}


def test_unknown_draft_or_revision(store):
    with pytest.raises(DraftNotFoundError):
        store.latest("nope")
    with pytest.raises(DraftNotFoundError):
        store.save("nope", {}, base=1)
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


def test_survives_a_new_store_on_the_same_database(db_location):
    draft = DraftStore(db_location).create({"k": "v"})
    assert DraftStore(db_location).latest(draft).answers == {"k": "v"}


def _save_until_accepted(store, draft, answers):
    """What a careful client does: read the newest revision, save on it, retry when stale."""
    while True:
        try:
            return store.save(draft, answers, base=store.latest(draft).number)
        except StaleDraftError:
            continue


def test_concurrent_saves_each_get_their_own_revision(store):
    draft = store.create({})

    def work(i):
        for j in range(10):
            _save_until_accepted(store, draft, {"thread": i, "n": j})

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    revs = store.revisions(draft)
    assert [r.number for r in revs] == list(range(41, 0, -1))
    saved = {(r.answers["thread"], r.answers["n"]) for r in revs[:-1]}
    assert saved == {(i, j) for i in range(4) for j in range(10)}  # no save lost


def test_twenty_sessions_at_once_each_keep_their_draft_and_share_one_without_loss(store):
    """Issue 12's 20 concurrent sessions, on the one store a server shares between them: each
    starts its own draft and saves its steps while all of them also save onto one shared draft
    (reloading when refused as stale): no save lost, none crossed into another's draft."""
    shared = store.create({})
    start = threading.Barrier(20)
    mine: dict[int, str] = {}
    failed: list[BaseException] = []

    def session(i):
        try:
            start.wait()
            mine[i] = store.create({"who": i, "n": -1})
            for n in range(3):
                base = store.latest(mine[i]).number
                store.save(mine[i], {"who": i, "n": n}, base=base)
                _save_until_accepted(store, shared, {"who": i, "n": n})
        except BaseException as exc:  # reported below, not lost in a thread
            failed.append(exc)

    threads = [threading.Thread(target=session, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failed == []
    assert len(set(mine.values())) == 20
    for i, draft in mine.items():
        assert [r.answers for r in store.revisions(draft)] == [
            {"who": i, "n": n} for n in (2, 1, 0, -1)
        ]
    revs = store.revisions(shared)
    assert [r.number for r in revs] == list(range(61, 0, -1))
    assert {(r.answers["who"], r.answers["n"]) for r in revs[:-1]} == {
        (i, n) for i in range(20) for n in range(3)
    }


def test_a_save_on_a_stale_revision_is_refused_and_names_the_sections(store):
    draft = store.create({"commune": {"name": "A"}, "parity": {"women": 30}})
    # two tabs opened revision 1; the first saves the parity step
    assert store.save(draft, {"commune": {"name": "A"}, "parity": {"women": 40}}, base=1) == 2
    # the second, still on revision 1, saves the commune step: refused, nothing appended
    mine = {"commune": {"name": "B"}, "parity": {"women": 30}}
    with pytest.raises(StaleDraftError) as caught:
        store.save(draft, mine, base=1, step="commune")
    err = caught.value
    assert isinstance(err, CharterError)
    assert (err.draft_id, err.base, err.latest, err.steps) == (draft, 1, 2, ("parity",))
    assert "parity" in str(err) and "revision 1" in str(err)
    assert store.latest(draft).number == 2
    assert store.latest(draft).answers["parity"] == {"women": 40}
    # keeping one's own, knowingly: save again on the revision the error names
    assert store.save(draft, mine, base=err.latest, step="commune") == 3
    assert store.latest(draft).answers == mine


def test_a_stale_save_of_what_is_already_saved_is_no_conflict(store):
    draft = store.create({"v": 1})
    store.save(draft, {"v": 2}, base=1)
    assert store.save(draft, {"v": 2}, base=1) == 2


def test_a_stale_restore_is_refused(store):
    draft = store.create({"v": 1})
    store.save(draft, {"v": 2}, base=1)
    store.save(draft, {"v": 3}, base=2)
    with pytest.raises(StaleDraftError):
        store.restore(draft, 1, base=2)
    assert store.latest(draft).answers == {"v": 3}


def _process_saves(path, draft, who, count):
    store = DraftStore(path)
    for n in range(count):
        _save_until_accepted(store, draft, {"who": who, "n": n})


def test_the_revision_check_holds_across_processes(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    draft = DraftStore(path).create({})
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_process_saves, args=(path, draft, w, 8)) for w in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    revs = DraftStore(path).revisions(draft)
    assert len(revs) == 25
    assert {(r.answers["who"], r.answers["n"]) for r in revs[:-1]} == {
        (w, n) for w in range(3) for n in range(8)
    }


def test_file_is_plain_sqlite(tmp_path):
    store = DraftStore(tmp_path / "drafts.sqlite3")
    draft = store.create({"a": "é"})
    with sqlite3.connect(tmp_path / "drafts.sqlite3") as db:
        sql = "SELECT answers FROM revisions WHERE draft_id = ?"
        (text,) = db.execute(sql, (draft,)).fetchone()
    assert text == '{"a":"é"}'


def test_a_steps_pending_edits_are_kept_beside_the_draft_until_submitted(store):
    """Items added but not submitted survive a reload (a new store reads them), are no
    revision, and go when the step is submitted, or when its answer changed since."""
    draft = store.create({"bodies": [{"name": "a"}], "petitions": {"x": 1}})
    store.keep_pending(draft, "bodies", [{"name": "a"}, {}], base=1)
    store.keep_pending(draft, "petitions", {"x": 1, "y": [None]}, base=1)
    assert [r.number for r in store.revisions(draft)] == [1]  # no revision
    again = DraftStore(store.where)
    assert again.pending(draft) == {
        "bodies": [{"name": "a"}, {}], "petitions": {"x": 1, "y": [None]}
    }  # fmt: skip
    store.keep_pending(draft, "bodies", [{"name": "a"}, {}, {}], base=1)  # replaced
    assert again.pending(draft)["bodies"] == [{"name": "a"}, {}, {}]
    # another step saved since: the edits still hold; their own step saved: stale, left out
    store.save(draft, {"bodies": [{"name": "a"}], "petitions": {"x": 1}, "z": 1}, base=1)
    assert set(again.pending(draft)) == {"bodies", "petitions"}
    store.save(draft, {"bodies": [{"name": "b"}], "petitions": {"x": 1}, "z": 1}, base=2)
    assert set(again.pending(draft)) == {"petitions"}
    store.drop_pending(draft, "petitions")
    assert again.pending(draft) == {}
    store.keep_pending(draft, "bodies", [], base=3)
    store.drop_pending(draft)
    assert again.pending(draft) == {}
    with pytest.raises(DraftNotFoundError):
        store.keep_pending("nope", "bodies", [], base=1)
    with pytest.raises(CharterError):  # checked as answers are
        store.keep_pending(draft, "bodies", [float("nan")], base=3)
