"""Issue 12's fuzz over the whole pipeline: load → findings → store → preview → DOCX → PDF.

Every fuzz kind (``tests/fuzzing.py``) must cross every stage without an exception other than
one ``AnswersFileError`` line at the boundary: findings never raise on any value, nothing
malformed is stored, and whatever loads renders (the preview and the draft DOCX/PDF always;
the final ones when it validates). ``make test`` runs a bounded sample (a few cases per kind,
one PDF per kind); ``make fuzz`` (``MITHAQ_FUZZ=full``) the full counts, every case that loads
to PDF: many cases to one PDF (``fuzzing.Packer``: each case's own changes, in distinct parts of
one sample), since a PDF costs ten times the rest of the pipeline. A PDF that fails is rendered
again case by case, to name the case.
"""

from __future__ import annotations

import io
import json
import os
import sys
import time

import docx
import pytest
from fuzzing import EXAMPLES, FULL, FUZZ_KINDS, Packer, fuzzed
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from charter import iter_findings
from charter.answers import inspect, load_answers, require_sound
from charter.documents import render_docx, render_html, render_pdf
from charter.errors import AnswersFileError, InvalidAnswersError
from charter.languages import output_languages
from charter.store import DraftStore
from charter.validate import not_printed

EXAMPLES_PER_KIND = int(os.environ.get("MITHAQ_FUZZ_EXAMPLES") or (1500 if FULL else 6))
# PDFs per kind: the bounded sample one (its first cases packed); the full run all of them
PDFS_PER_KIND = int(os.environ.get("MITHAQ_FUZZ_PDFS") or (10**9 if FULL else 1))
CLEAN_EXAMPLES = [load_answers(json.dumps(e)) for e in EXAMPLES]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return DraftStore(tmp_path_factory.mktemp("fuzz") / "drafts.sqlite3")


def one_line(exc: Exception) -> str:
    text = str(exc)
    assert text and "\n" not in text and "Traceback" not in text
    return text


def in_a_printed_language(answers, lang: str) -> str:
    """``lang`` when the charter is printed in it (``output.languages``); otherwise the
    documents in ``lang`` are refused by design, in one finding (``LANG-output``), and the
    first language the charter is printed in is returned instead."""
    if not_printed(answers, lang, lang) is None:
        return lang
    with pytest.raises(InvalidAnswersError) as refused:
        render_html(answers, lang, draft=True, standalone=True)
    assert [f.rule for f in refused.value.findings] == ["LANG-output"]
    return output_languages(answers)[0]


def through_the_pipeline(case, store, lang: str) -> tuple[dict, str] | None:
    """Every stage but the PDF; the loaded answers and the language they were rendered in (for
    their PDF), or None when refused."""
    # findings never raise, on the value as a program hands it over
    raw_findings = list(iter_findings(case.value, lang))
    defects = inspect(case.value).defects
    assert {f"ANS-{d.kind}" for d in defects} <= {f.rule for f in raw_findings}

    # the store refuses what is malformed, in one line, and stores the clean copy otherwise
    if defects:
        with pytest.raises(AnswersFileError) as refused:
            store.create(case.value)
        one_line(refused.value)
    else:
        stored = store.latest(store.create(case.value)).answers
        assert require_sound(stored) == stored

    # the answers file: refused in one line, or loaded clean
    try:
        answers = load_answers(case.text)
    except AnswersFileError as exc:
        one_line(exc)
        answers = None
    if answers is None:
        # what a program hands over still previews (the defects as findings, nulls in place)
        shown = in_a_printed_language(case.value, lang)
        render_html(case.value, shown, draft=True, standalone=True)
        return None
    assert inspect(answers).defects == ()
    lang = in_a_printed_language(answers, lang)
    findings = list(iter_findings(answers, lang))
    errors = any(f.is_error for f in findings)
    draft = store.create(answers)
    assert store.latest(draft).answers == answers
    html = render_html(answers, lang, draft=errors, standalone=True)
    assert "<script" not in html.lower()
    document = docx.Document(io.BytesIO(render_docx(answers, lang, draft=errors)))
    assert document.paragraphs
    return answers, lang


def pdf_of(answers: dict, lang: str) -> None:
    errors = any(f.is_error for f in iter_findings(answers, lang))
    assert render_pdf(answers, lang, draft=errors).startswith(b"%PDF")


def through_the_pdf(composite) -> None:
    """One PDF for the composite's cases; if it fails, each case alone, to name the culprit."""
    answers = composite.answers()
    assert load_answers(json.dumps(answers)) == answers  # still what a file could hold
    try:
        pdf_of(answers, composite.lang)
    except Exception as failed:
        for member in composite.members:
            try:
                pdf_of(composite.answers(only=[member]), composite.lang)
            except Exception as alone:
                raise AssertionError(f"{member[0]!r} in {composite.lang}: {alone!r}") from alone
        cases = [m[0] for m in composite.members]
        raise AssertionError(f"{cases!r} together in {composite.lang}: {failed!r}") from failed


COUNTS: dict[str, int] = {}


@pytest.mark.parametrize("kind", FUZZ_KINDS)
def test_fuzzed_answers_cross_the_whole_pipeline(kind, store, capsys):
    packer = Packer(CLEAN_EXAMPLES)

    @settings(
        max_examples=EXAMPLES_PER_KIND,
        deadline=None,
        database=None,
        derandomize=not FULL,  # the sample is the same on every run; make fuzz explores
        suppress_health_check=list(HealthCheck),
    )
    @given(fuzzed(kind), st.sampled_from(["ar", "fr"]))
    def check(case, lang):
        n = COUNTS[kind] = COUNTS.get(kind, 0) + 1
        if FULL and n % 100 == 0:  # progress of a long run, past pytest's capture
            print(
                f"fuzz {kind}: {n} cases, {time.process_time() - cpu:.0f} s CPU",
                file=sys.__stderr__,
                flush=True,
            )
        loaded = through_the_pipeline(case, store, lang)
        if loaded is not None:
            packer.add(case, *loaded)

    began, cpu = time.perf_counter(), time.process_time()
    check()
    composites = packer.composites[:PDFS_PER_KIND]
    for composite in composites:
        through_the_pdf(composite)
    assert COUNTS[kind] >= min(EXAMPLES_PER_KIND, 5)
    with capsys.disabled():
        print(
            f"\nfuzz {kind}: {COUNTS[kind]} cases, {packer.cases} loaded, "
            f"{sum(len(c.members) for c in composites)} of them in {len(composites)} PDFs, "
            f"{time.perf_counter() - began:.0f} s ({time.process_time() - cpu:.0f} s CPU)"
        )


def test_an_unknown_output_language_is_a_refusal_in_that_language_not_a_crash(store):
    """Found by make fuzz (unknown-enums at /output/languages/0, in Arabic): the charter is
    then printed in French only; Arabic documents are refused in one finding, French renders."""
    answers = json.loads(json.dumps(EXAMPLES[2]))  # the region, printed in ar and fr
    answers["output"]["languages"][0] = "zzz"
    loaded = load_answers(json.dumps(answers))
    assert in_a_printed_language(loaded, "ar") == "fr"
    with pytest.raises(InvalidAnswersError):
        render_docx(loaded, "ar", draft=True)
    assert docx.Document(io.BytesIO(render_docx(loaded, "fr", draft=True))).paragraphs


@pytest.mark.parametrize("bad", [["province"], {"a": 1}, None, 0])
def test_an_output_language_that_is_not_text_is_a_finding_not_a_crash(bad):
    """Found by make fuzz (unknown-enums, a list at /output/languages/0): the languages the
    texts require were looked up with the list as a key, and iter_findings raised TypeError."""
    answers = json.loads(json.dumps(EXAMPLES[0]))
    answers["output"]["languages"][0] = bad
    rules = {f.rule for f in iter_findings(answers, "ar")}
    assert rules and all(not r.startswith("ANS-") or r == "ANS-value-type" for r in rules)
    assert output_languages(answers) == tuple(
        x for x in EXAMPLES[0]["output"]["languages"][1:] if isinstance(x, str)
    )


def test_the_issues_own_cases(store):
    """The cases issue 12 names, one by one."""
    base = json.loads(json.dumps(__import__("fuzzing").EXAMPLES[0]))
    # "Premier \u2029second" validates, and the PDF renders (it did not: WeasyPrint asserted)
    answers = json.loads(json.dumps(base))
    answers["preamble"]["vision"]["fr"] = "Premier \u2029second"
    loaded = load_answers(json.dumps(answers))
    assert loaded["preamble"]["vision"]["fr"] == "Premier \nsecond"
    assert render_pdf(loaded, "fr", draft=True).startswith(b"%PDF")
    # a lone surrogate: the schema still runs; the store and the download refuse it
    answers = json.loads(json.dumps(base))
    answers["commune"]["name"]["fr"] = "\ud800"
    answers["commune"]["population"]["legal"] = "many"
    rules = {f.rule for f in iter_findings(answers, "fr")}
    assert {"ANS-surrogate", "SCH-type"} <= rules
    with pytest.raises(AnswersFileError, match=r"/commune/name/fr holds a lone surrogate"):
        store.create(answers)
    # 4301 digits: one line, not a ValueError traceback
    with pytest.raises(AnswersFileError, match=r"/x holds a number beyond"):
        load_answers('{"x": ' + "1" * 4301 + "}")
    # NaN in memory: a finding, and the preview renders
    answers = json.loads(json.dumps(base))
    answers["commune"]["population"]["legal"] = float("nan")
    assert "ANS-not-finite" in {f.rule for f in iter_findings(answers, "ar")}
    render_html(answers, "ar", draft=True, standalone=True)
    # 900 nested arrays: refused before anything is stored
    with pytest.raises(AnswersFileError, match="nested"):
        load_answers('{"x": ' + "[" * 900 + "]" * 900 + "}")
