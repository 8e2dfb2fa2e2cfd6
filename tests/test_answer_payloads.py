"""Issue 12's injection payloads in every free-text field of a charter: each payload typed
into every text (both languages) of a sample, then the answers file, the preview HTML, the DOCX
and the PDF. Nothing is executed or fetched: the preview's HTML gains no element and no
attribute the clean charter does not have (no script, no handler, no URL of the payload), the
DOCX's XML stays well-formed with the payload as text, template syntax prints as typed.
``make fuzz``: the 36 payloads in both languages, each to PDF; ``make test``: two of them."""

from __future__ import annotations

import copy
import io
import json
import zipfile
from html.parser import HTMLParser

import docx
import pytest
from fuzzing import EXAMPLES, FULL
from lxml import etree

from charter import iter_findings
from charter.answers import load_answers
from charter.documents import render_docx, render_html, render_pdf

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<body onload=alert(1)>",
    "<style>*{display:none}</style>",
    "<link rel=stylesheet href=http://evil.example/x.css>",
    '<meta http-equiv="refresh" content="0;url=http://evil.example">',
    '<object data="http://evil.example/x.swf"></object>',
    "<base href=http://evil.example/>",
    "<form action=http://evil.example/><button>x</button></form>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<!-- ",
    "]]><script>alert(1)</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "{{ 7*7*7*7*7*7 }}",
    "{% for x in range(99) %}X{% endfor %}",
    "{{ ''.__class__.__mro__ }}",
    "{%p if 1 %}x{%p endif %}",
    "{%tr for x in y %}",
    "{_{ x }_} {_% if 1 %_}",
    "</w:t></w:r><w:r><w:t>OOXML</w:t></w:r><w:r><w:t>",
    "<w:p><w:r><w:t>X</w:t></w:r></w:p>",
    '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;',
    "url(http://evil.example/x.png) @import url(http://evil.example/x.css);",
    "\u202ereversed\u202c \u2067isolated\u2069 \u200f",
    "%s%s%s%n {0.__class__} %(x)s",
    "'; DROP TABLE drafts; --",
    "../../../../etc/passwd file:///etc/passwd",
    "javascript:alert(document.domain)",
    "x" * 3000,  # one word wider than any page
    "ﷺ" * 50 + " " + "\u0644\u0627" * 200,  # ligatures, one long Arabic word
]
assert len(PAYLOADS) == 36
CHOSEN = PAYLOADS if FULL else [PAYLOADS[1], PAYLOADS[25]]
SAMPLE = EXAMPLES[4]  # the urban commune: every chapter, every kind of field


def text_nodes(node, parts=()):
    """Paths of every free-text answer (a {ar, fr} object)."""
    if isinstance(node, dict):
        if node and set(node) <= {"ar", "fr"} and all(isinstance(v, str) for v in node.values()):
            yield parts
            return
        for k, v in node.items():
            yield from text_nodes(v, (*parts, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from text_nodes(v, (*parts, i))


def with_payload(payload: str) -> tuple[dict, int]:
    answers = copy.deepcopy(SAMPLE)
    count = 0
    for parts in text_nodes(answers):
        node = answers
        for p in parts:
            node = node[p]
        for lang in node:
            node[lang] = f"{node[lang]} {payload}"
            count += 1
    return answers, count


URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "data", "style"}


class Markup(HTMLParser):
    """The (tag, attribute) pairs of a page, and every attribute value."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.pairs: set[tuple[str, str]] = set()
        self.urls: list[str] = []  # the values of attributes that load or run something
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.pairs.add((tag, ""))
        for name, value in attrs:
            self.pairs.add((tag, name))
            if name in URL_ATTRIBUTES:
                self.urls.append(value or "")


@pytest.fixture(scope="module")
def clean_markup():
    return {
        lang: Markup(render_html(SAMPLE, lang, draft=True, standalone=True))
        for lang in "ar fr".split()
    }


@pytest.mark.parametrize("lang", ["ar", "fr"])
@pytest.mark.parametrize("payload", CHOSEN, ids=[ascii(p)[:40] for p in CHOSEN])
def test_a_payload_in_every_text_field_runs_nothing_anywhere(payload, lang, clean_markup):
    answers, count = with_payload(payload)
    assert count > 100  # every text of the charter, both languages
    loaded = load_answers(json.dumps(answers))
    findings = list(iter_findings(loaded, lang))
    draft = any(f.is_error for f in findings)

    html = render_html(loaded, lang, draft=True, standalone=True)
    seen = Markup(html)
    tags = {tag for tag, _a in seen.pairs}
    assert tags <= {tag for tag, _a in clean_markup[lang].pairs}  # no element of the payload's
    assert not [pair for pair in seen.pairs if pair[1].startswith("on")]  # no handler
    for value in seen.urls:
        assert "evil.example" not in value and "javascript:" not in value.lower()
        assert "alert(" not in value and "passwd" not in value
    assert "117649" not in html  # 7**6: the template syntax was not run

    data = render_docx(loaded, lang, draft=draft)
    with zipfile.ZipFile(io.BytesIO(data)) as parts:
        for name in parts.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(
                    parts.read(name), etree.XMLParser(recover=False, resolve_entities=False)
                )
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert (
        "117649" not in text
        and "OOXML</w:t>" not in text.replace("\u2069", "")
        or "</w:t>" in payload
    )
    if "OOXML" in payload:  # the OOXML came out as text, not as runs
        assert "</w:t></w:r><w:r><w:t>OOXML" in text

    if FULL or payload is CHOSEN[0]:
        assert render_pdf(loaded, lang, draft=draft).startswith(b"%PDF")


def test_a_name_of_thousands_of_characters_still_makes_a_docx():
    """Found by the payloads above (3,000 x in every text): the DOCX's title property (the
    commune's name and the charter's title) is cut to the 255 characters a property may hold;
    python-docx raised ValueError, a DOCX that could never be made."""
    answers = copy.deepcopy(SAMPLE)
    answers["commune"]["name"]["fr"] = "Oued Zitoun " + "x" * 3000
    document = docx.Document(io.BytesIO(render_docx(answers, "fr", draft=True)))
    title = document.core_properties.title
    assert len(title) == 255 and "Oued Zitoun xxx" in title and title[-1] == "…"
