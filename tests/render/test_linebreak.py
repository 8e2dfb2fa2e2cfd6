"""The line-break memo (charter/render/linebreak.py) changes how often lines are broken, not how.

Each comparison renders the same HTML with WeasyPrint's own ``split_first_line`` and through the
memo (first empty, then full), and compares every page's drawing operators, decoded.
"""

import io
import json
from pathlib import Path

import pikepdf
import pytest

from charter.documents import render_pdf
from charter.render import linebreak, pdf
from charter.render.pdf import html_to_pdf

ROOT = Path(__file__).resolve().parents[2]

# What the text module branches on: justification, hyphenation (automatic and soft hyphens),
# words longer than the line, preserved spaces and tabs, letter and word spacing, bidi, a table
# measured for its column widths, a line that does not wrap. (No small caps: Amiri has none, the
# synthesised ones share glyphs that glyphtext.CONFLICTS would count for the whole session.)
TRICKY = """<html lang="fr"><head><style>
body { font-family: Amiri; font-size: 11pt; width: 90mm; text-align: justify }
.h { hyphens: auto } .w { overflow-wrap: anywhere } .p { white-space: pre-wrap; tab-size: 3 }
.s { letter-spacing: .1em; word-spacing: .3em }
.n { white-space: nowrap } td { border: 1px solid; padding: 1mm }
</style></head><body>
<p class="h">La participation citoyenne institutionnalisée repose sur des instances consultatives
paritaires : l’instance de l’équité, de l’égalité des chances et de l’approche genre.</p>
<p>Les pé&shy;ti&shy;tions sont dé&shy;po&shy;sées auprès du président du con&shy;seil.</p>
<p class="w">https://www.example.ma/une/adresse/tres/longue/qui/ne/tient/pas/sur/une/ligne</p>
<p class="p">Article\t12 :   trois\tespaces
et une ligne</p>
<p class="s">Conseil communal de la commune</p>
<p lang="ar" dir="rtl">الجماعة الترابية تحدث آليات تشاركية للحوار والتشاور (المادة 119) لتيسير
مساهمة المواطنات والمواطنين والجمعيات في إعداد برامج العمل وتتبعها.</p>
<p class="n">Une ligne qui ne se coupe pas même quand elle dépasse largement la largeur</p>
<table><tr><td>Instance</td><td>Composition paritaire et représentative</td></tr>
<tr><td>Commission</td><td>الجماعة الترابية تحدث آليات تشاركية</td></tr></table>
</body></html>"""


def content_streams(data: bytes) -> list[bytes]:
    """Each page's drawing operators, decoded (the PDF's own compression aside)."""
    with pikepdf.open(io.BytesIO(data)) as doc:
        return [page.Contents.read_bytes() for page in doc.pages]


@pytest.fixture
def weasyprint_alone(monkeypatch):
    """Render with WeasyPrint's own split_first_line (the memo uninstalled, then back)."""
    install = linebreak.install

    def render(fn, *args):
        monkeypatch.setattr(linebreak, "install", lambda: None)
        linebreak.uninstall()
        try:
            return fn(*args)
        finally:
            monkeypatch.setattr(linebreak, "install", install)
            install()

    return render


def test_tricky_text_breaks_the_same_with_and_without_the_memo(weasyprint_alone):
    linebreak.forget(pdf._font_config())
    without = content_streams(weasyprint_alone(html_to_pdf, TRICKY, {}))
    before = dict(linebreak.STATS)
    cold = content_streams(html_to_pdf(TRICKY, {}))
    warm = content_streams(html_to_pdf(TRICKY, {}))
    assert linebreak.STATS["calls"] > before["calls"]  # the memo was in the way
    assert linebreak.STATS["hits"] > before["hits"]
    assert cold == without
    assert warm == without


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_largest_charter_is_the_same_document_through_the_memo(weasyprint_alone, lang):
    answers = json.loads((ROOT / "examples" / "urban-oued-zitoun.json").read_text("utf-8"))
    without = content_streams(weasyprint_alone(render_pdf, answers, lang))
    linebreak.forget(pdf._font_config())
    hits = linebreak.STATS["hits"]
    cold = content_streams(render_pdf(answers, lang))
    assert linebreak.STATS["hits"] > hits  # repeats inside one render are served by the memo
    assert cold == without


def test_a_style_that_cannot_be_hashed_goes_through_unmemoised():
    class Style(dict):
        font_config = type("FontConfig", (), {})()

    style = Style({name: "normal" for name in linebreak.STYLE_KEYS})
    style["font_family"] = ["a list", "is not hashable"]
    assert linebreak._style_key(style) is None


def test_canary_weasyprint_split_first_line_is_the_one_audited():
    """If this fails, WeasyPrint changed split_first_line: check that its result still depends
    only on its arguments and the STYLE_KEYS (re-read weasyprint/text/line_break.py and
    text/fonts.py), then update linebreak.AUDITED; or drop the memo if upstream has one."""
    assert linebreak.source_hash() == linebreak.AUDITED
