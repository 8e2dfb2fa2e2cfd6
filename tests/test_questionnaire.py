"""The printable questionnaire: every question of the schema, in Arabic and French, in the PDF."""

import re
import subprocess
import unicodedata

import pdfplumber
import pytest
from bidi import get_display

from charter import questionnaire as qn
from charter.schema import resolve, schema, steps

# PDF text in logical order (shared notes, stack.md §2.4): pdfplumber, then python-bidi per line.
_AR = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_CTRL = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\u0640\u202f")
)
_LAM_ALEF = re.compile("[\u0644\u0627\u0623\u0625\u0622]{2,}")


def pdf_text(path):
    with pdfplumber.open(path) as pdf:
        lines = [ln for p in pdf.pages for ln in (p.extract_text() or "").splitlines()]
    return "\n".join(get_display(ln, base_dir="R" if _AR.search(ln) else "L") for ln in lines)


def norm(s):
    """Compare text loosely: no spaces, punctuation or bidi controls; lam/alef canonical."""
    words = unicodedata.normalize("NFKC", s).translate(_CTRL).split()
    lam_alef = (  # per word: a lam-alef ligature reads back as "لا" or "ال"
        _LAM_ALEF.sub(lambda m: m.group().replace("ل", "") + "ل" * m.group().count("ل"), w)
        for w in words
    )
    return "".join(c for c in "".join(lam_alef) if unicodedata.category(c)[0] not in "PS")


def schema_fields(node, path=""):
    """Every answer field of the schema (the wizard's questions), by questionnaire path."""
    node = resolve(node)
    for name, child in (node.get("properties") or {}).items():
        child = resolve(child)
        here = f"{path}/{name}"
        if name in ("ar", "fr") and set(node["properties"]) == {"ar", "fr"}:
            continue  # the two parts of one bilingual answer
        yield here, child
        yield from schema_fields(child, here)
        items = resolve(child.get("items") or {})
        if items.get("type") == "object":
            yield from schema_fields(items, here + "/*")


@pytest.fixture(scope="module", params=["ar", "fr"])
def printed(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("q") / f"questionnaire-{request.param}.pdf"
    path.write_bytes(qn.render_pdf(request.param))
    return request.param, path


LEVELS = ("commune", "province", "region")


def _of_level(path, level):
    return path.split("/")[1] in steps(level)


def test_every_field_of_the_schema_is_a_question_at_its_level():
    every = dict(schema_fields(schema()))
    derived = [p for p, n in every.items() if n.get("x-derived")]
    fields = {
        p
        for p in every
        if p not in ("/schema_version", "/level")
        and not any(p.startswith(d + "/") for d in derived)
    }
    asked = set()
    for level in LEVELS:
        at_level = {q.path for s in qn.questionnaire("fr", level) for q in s.walk()}
        mine = {p for p in fields if _of_level(p, level)}
        assert mine - {f"/{s}" for s in steps(level)} <= at_level
        assert [s.id for s in qn.questionnaire("fr", level)] == steps(level)
        asked |= at_level
    assert fields - {f"/{s}" for lv in LEVELS for s in steps(lv)} <= asked


def test_each_level_asks_its_own_sections():
    ids = {level: [s.id for s in qn.questionnaire("fr", level)] for level in LEVELS}
    assert {"commune", "ieecag", "pac"} <= set(ids["commune"])
    assert {"province", "bodies", "pdp"} <= set(ids["province"])
    assert {"region", "bodies", "pdr"} <= set(ids["region"])
    assert not {"ieecag", "pac", "commune"} & (set(ids["province"]) | set(ids["region"]))
    assert ids["region"][:2] == ["output", "region"]
    assert ids["province"][:2] == ["output", "province"]


def test_fixed_values_are_shown_with_the_law_never_asked():
    fixed = [
        q
        for lv in LEVELS
        for s in qn.questionnaire("fr", lv)
        for q in s.walk()
        if q.kind == "fixed"
    ]
    derived = [p for p, n in schema_fields(schema()) if n.get("x-derived")]
    assert sorted(set(q.path for q in fixed)) == sorted(derived)
    assert all(q.fixed and q.citations for q in fixed)


def test_choices_and_repeatable_groups():
    qs = {q.path: q for s in qn.questionnaire("ar") for q in s.walk()}
    assert qs["/adoption/status"].kind == "choice" and "مشروع" in qs["/adoption/status"].choices
    comp = qs["/ieecag/composition"]
    assert (comp.kind, comp.layout, comp.copies) == ("repeat", "table", qn.TABLE_ROWS)
    mech = qs["/mechanisms"]
    assert (mech.layout, mech.copies) == ("blocks", qn.BLOCK_COPIES)
    assert qs["/commune/name"].kind == "bilingual"


def key(s):
    # Amiri's lam-alef ligatures can read back with a doubled letter: squeeze repeats
    return re.sub(r"(.)\1+", r"\1", norm(s))


def printed_in(phrase, text):
    if key(phrase) in text:
        return True
    if not _AR.search(phrase):
        return False
    # Mixed runs may swap places, and both extractors sometimes drop a letter of an Amiri
    # ligature (الخدمات → الدمات; the page, looked at as an image, is right): an Arabic phrase
    # of three words or more may miss one word.
    words = phrase.split()
    found = sum(key(w) in text for w in words)
    return found == len(words) or (len(words) >= 3 and found == len(words) - 1)


def poppler_text(path):
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def test_every_question_is_printed(printed):
    lang, path = printed
    phrases = []
    for section in qn.questionnaire(lang):
        phrases += [q.title for q in [section, *section.walk()]]
        phrases += [c for q in section.walk() for c in q.choices]
    # poppler first (fast); what it misses is looked for again with pdfplumber + python-bidi:
    # each extractor loses a letter of Amiri's ligatures here and there
    text = key(poppler_text(path))
    missing = [p for p in phrases if not printed_in(p, text)]
    if missing:
        text = key(pdf_text(path))
        missing = [p for p in missing if not printed_in(p, text)]
    assert not missing, missing


def test_the_pdf_is_in_its_language(printed):
    lang, path = printed
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) > 5
        head = pdf.pages[0].extract_text()[:400]
    assert (_AR.search(head) is not None) == (lang == "ar")


def test_unknown_language_is_a_template_error():
    from charter.errors import TemplateError

    with pytest.raises(TemplateError):
        qn.render_html("en")


def test_cli_writes_the_questionnaire(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from charter.cli import main

    monkeypatch.setattr(qn, "render_pdf", lambda lang, level: f"%PDF {lang} {level}".encode())
    out = tmp_path / "q.pdf"
    result = CliRunner().invoke(main, ["questionnaire", "--lang", "ar", "-o", str(out)])
    assert result.exit_code == 0 and out.read_bytes() == b"%PDF ar commune"
    args = ["questionnaire", "--lang", "fr", "--level", "region", "-o", str(out)]
    assert CliRunner().invoke(main, args).exit_code == 0
    assert out.read_bytes() == b"%PDF fr region"
    result = CliRunner().invoke(main, ["questionnaire", "--lang", "en", "-o", str(out)])
    assert result.exit_code == 2
