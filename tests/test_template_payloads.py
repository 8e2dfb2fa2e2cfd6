"""Issue 12's payloads in the advisors' clause editor: each one refused when the advisor saves
(charter.library, through the doctor), nothing saved; and impossible in the environment
itself (charter.render.sandbox), whoever compiles the template. Limits: range, recursion,
repetition, output size and the test render's time limit."""

from __future__ import annotations

import time

import jinja2
import pytest
from jinja2.exceptions import SecurityError

from charter.errors import TemplateError
from charter.library import AdvisorsLibrary
from charter.render.environment import environment
from charter.render.sandbox import MAX_OUTPUT, deadline

CID = "petitions.right"
XSS = "<script>parent.document.title='XSS '+parent.location.search</script>"

# (payload typed into a clause, what the refusal says)
PAYLOADS = [
    ('{{ "' + XSS + '"|safe }}', "'safe' filter"),
    ("{{ commune.name|safe }}", "'safe' filter"),
    ('{% autoescape false %}{{ "<b>x</b>" }}{% endautoescape %}', "autoescape"),
    ('{{ {"onload": "x"}|xmlattr }}', "'xmlattr' filter"),
    ('{{ "http://evil.example/?x"|urlize }}', "'urlize' filter"),
    ("{{ commune|tojson }}", "'tojson' filter"),
    ("{{ commune|pprint }}", "'pprint' filter"),
    ("{{ lipsum() }}", "lipsum"),
    ('{{ Markup("<b>") }}', "Markup"),
    ("{{ commune.name.fr.translate({101: 60}) }}", "'translate' method"),
    ("{{ '%s'|format(number) }}", "text and numbers only"),
    ("{{ '{}'.format(number) }}", "text and numbers only"),
    ("{{ number }}", "text, numbers and dates only"),
    ("{{ ''.__class__.__mro__ }}", "Python internals"),
    ("{{ cycler.__init__.__globals__.os.popen('id').read() }}", "Python internals"),
    ("{{ commune|attr('__class__') }}", "attr"),
    ("{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}", "range"),
    ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "recursion"),
    ("{{ 'x'*20000000 }}", "limited to"),
    ("{% set s = 'x'*9000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}ok", "longer"),
    # the set of 34: the first 20 above, and these
    ("{% include 'charter.html' %}", "cannot read other files"),
    ("{% import 'charter.html' as c %}", "cannot read other files"),
    ("{% extends 'charter.html' %}", "cannot read other files"),
    ("{{ self.__init__ }}", "Python internals"),
    ("{{ namespace(x=1).__dict__ }}", "Python internals"),
    ("{{ joiner.__init__.__globals__ }}", "Python internals"),
    ("{{ config }}", "not charter data"),
    ("{% raw %}<script>alert(1)</script>{% endraw %}", "< > & are not allowed"),
    ("{{ [1]*100000000 }}", "limited to"),
    ("{{ 'a'|replace('a', 'x'*9999)|replace('x', 'y'*9999) }}", "longer than"),
    ("{{ '{0:>100000000}'.format(1) }}", "width or precision over"),
    ("{{ '%0100000000d'|format(1) }}", "width or precision over"),
    ("{{ commune.name.fr|center(100000000) }}", "width over"),
    ("{{ 'x\nx\nx'|indent(100000000) }}", "width over"),
]
assert len(PAYLOADS) == 34


@pytest.fixture
def lib(tmp_path, monkeypatch):
    monkeypatch.setenv("MITHAQ_DATA", str(tmp_path / "data"))
    return AdvisorsLibrary()


@pytest.mark.parametrize(("payload", "said"), PAYLOADS, ids=[p for p, _s in PAYLOADS])
def test_each_payload_is_refused_when_an_advisor_saves_it(lib, payload, said):
    before = lib.article(CID)
    article = lib.article(CID)
    article["text"]["fr"] = "Toute citoyenne de {{ commune.name }} peut pétitionner. " + payload
    began = time.perf_counter()
    with pytest.raises(TemplateError) as caught:
        lib.save(CID, article, "Karim")
    assert time.perf_counter() - began < 15  # the test render's time limit holds the save short
    problems = caught.value.problems
    assert problems and all(p.kind in ("unsafe", "render", "syntax") for p in problems), problems
    assert any(said in p.message for p in problems), problems
    assert all("[fr]" in p.where for p in problems)
    assert lib.article(CID) == before  # nothing saved


@pytest.mark.parametrize(("payload", "said"), PAYLOADS[:10], ids=[p for p, _s in PAYLOADS[:10]])
def test_the_environment_itself_will_not_compile_markup(payload, said):
    with pytest.raises(jinja2.TemplateSyntaxError, match="not allowed"):
        environment().from_string(payload)


BOUNDED_AT_RENDER = PAYLOADS[10:20] + PAYLOADS[28:]
BOUNDED_IDS = [p for p, _s in BOUNDED_AT_RENDER]


@pytest.mark.parametrize(("payload", "said"), BOUNDED_AT_RENDER, ids=BOUNDED_IDS)
def test_the_environment_itself_bounds_and_refuses_at_render(payload, said):
    with pytest.raises((SecurityError, jinja2.UndefinedError)), deadline(1.0):
        environment().from_string(payload).render(number=lambda *a: 1, commune={"x": 1}, cycler=1)


def test_output_size_is_bounded():
    template = environment().from_string(
        "{% for i in range(1000) %}{% for j in range(1000) %}xxxx{% endfor %}{% endfor %}"
    )
    with pytest.raises(SecurityError, match=str(MAX_OUTPUT)):
        template.render()


@pytest.mark.parametrize(
    "template",
    [
        "{{ '%0100000000d'|format(1) }}",
        "{{ '%(a)0100000d'|format(a=1) }}",
        "{{ '{:.99999f}'.format(1.5) }}",
        "{{ '{0:>{1}}'.format(1, 5) }}{{ '{:>100000000}'.format(name) }}",
        "{{ name|center(100000000) }}",
        "{{ 'x\\nx'|indent(100000000) }}",
    ],
)
def test_widths_are_bounded_before_the_text_is_built(template):
    began = time.perf_counter()
    with pytest.raises(SecurityError, match="width"):
        environment().from_string(template).render(name="x")
    assert time.perf_counter() - began < 1  # refused before 100 MB were made


def test_what_is_allowed_still_prints_escaped():
    out = environment().from_string("{{ '%s et %d'|format(name, 3) }}").render(name="<b>")
    assert "&lt;b&gt;" in out and "<b>" not in out and "3" in out
