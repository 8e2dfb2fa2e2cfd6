"""The PDF's text layer is the charter's text: read by poppler and by pdfium, letter for letter.

What a reader gets back from a PDF is its ToUnicode maps, not its pictures; WeasyPrint 70 built
them wrong for glyphs Amiri draws in clusters (see charter/render/glyphtext.py).
"""

import pytest
from weasyprint import HTML

from charter.render import glyphtext
from charter.render.html import render_html
from charter.render.pdf import html_to_pdf

from .support import (
    html_body_text,
    letter_difference,
    pdfium_body_text,
    poppler_body_text,
)

READERS = {"poppler": poppler_body_text, "pdfium": pdfium_body_text}


@pytest.mark.parametrize("reader", READERS)
def test_every_letter_of_the_charter_is_read_back_from_the_pdf(rendered, example, lang, reader):
    text, headers = html_body_text(render_html(rendered.get(example, lang, "model")))
    pdf = rendered.get(example, lang, "pdf")
    contents = 1  # page 2: the contents, whose page numbers the PDF makes (test_pdf_pages.py)
    assert pdfium_body_text(pdf).count(str(rendered.get(example, lang, "model").labels["contents"]))
    pdf_text = READERS[reader](pdf, skip=contents)
    lost, extra = letter_difference(text, pdf_text, headers)
    assert (lost, extra) == ({}, {}), f"{reader}: lost {lost}, read instead {extra}"


def test_no_glyph_was_claimed_by_two_texts(rendered, example, lang):
    rendered.get(example, lang, "pdf")
    assert dict(glyphtext.CONFLICTS) == {}


def test_the_comparison_sees_a_lost_and_a_substituted_letter():
    model = "وزارة الداخلية أكتوبر"
    assert letter_difference(model, "وزارة الداخلية أكتوبر") == ({}, {})
    assert letter_difference(model, "وزارة الداخࢎية ƃكتوبر") == ({"ل": 1, "أ": 1}, {"ࢎ": 1, "ƃ": 1})
    assert letter_difference(model, "وزارة الداخية أكتوبر") == ({"ل": 1}, {})
    # presentation forms and bidi isolates are the same text
    assert letter_difference(model, "\u2068وزارة\u2069 الداخلية ﺃﻛﺘﻮﺑﺮ") == ({}, {})


ALEF_DAMMA = "<p>أُسرة أحمد وأَمل: قُلّ، ثُمّ</p><p><b>الإقليم المُلحق</b></p>"
ALEF_DAMMA_TEXT = "أُسرة أحمد وأَمل: قُلّ، ثُمّ الإقليم المُلحق"


@pytest.mark.parametrize("reader", READERS)
def test_a_glyph_first_drawn_inside_a_cluster_keeps_its_own_letter(reader):
    """أ first drawn under a damma (two glyphs, one cluster) is still أ everywhere after; the
    small damma is a damma, not "أُ"; the bold lam is lam."""
    html = f'<html lang="ar" dir="rtl"><body style="font-family: Amiri">{ALEF_DAMMA}</body></html>'
    pdf = html_to_pdf(html, {})
    text = READERS[reader](pdf)
    assert letter_difference(ALEF_DAMMA_TEXT, text) == ({}, {})


def test_without_the_fix_weasyprint_loses_those_letters(monkeypatch):
    """The cause, shown: WeasyPrint's own mapping on the same page loses letters (if this
    fails, WeasyPrint fixed it upstream and glyphtext can go)."""
    from weasyprint.draw import text as draw_text

    monkeypatch.setattr(draw_text, "draw_first_line", glyphtext.ORIGINAL["draw_first_line"])
    html = f'<html lang="ar" dir="rtl"><body style="font-family: Amiri">{ALEF_DAMMA}</body></html>'
    pdf = HTML(string=html).write_pdf()
    lost, _extra = letter_difference(ALEF_DAMMA_TEXT, poppler_body_text(pdf))
    assert lost.get("أ", 0) >= 1


@pytest.mark.parametrize(
    ("glyphs", "text", "nominal", "expected"),
    [
        ([7], "لا", {}, [("لا", 3)]),  # a ligature: one glyph, two letters
        ([1, 2], "أُ", {}, [("أ", 2), ("ُ", 2)]),  # one glyph a letter
        ([1, 2], "ح", {}, [("ح", 1), ("\u0640", 0)]),  # a kashida after hah
        ([1, 2, 3], "شّ", {2: ord("ّ")}, [("ش", 1), ("ّ", 2), ("\u0640", 0)]),
        ([1, 2], "fi", {}, [("f", 2), ("i", 2)]),
        ([1, 2, 3], "ab", {}, [("ab", 1), ("", 0), ("", 0)]),
    ],
)
def test_cluster_texts(glyphs, text, nominal, expected):
    assert glyphtext.cluster_texts(glyphs, text, nominal) == expected
