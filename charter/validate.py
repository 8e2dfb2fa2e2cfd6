"""Validation: the JSON Schema, then the legal rules, as one stream of findings.

``iter_findings`` yields every finding; ``validate`` raises ``InvalidAnswersError`` when any
of them is an error and returns the warnings otherwise.
"""

import datetime as dt

from charter.derive import derive
from charter.errors import InvalidAnswersError
from charter.findings import Finding, pointer, split_pointer
from charter.languages import missing_texts, output_languages
from charter.legal import citations
from charter.rules import definitions, implementations
from charter.schema import fast_validator, label, language_name, provisions_along, validator

LANGS = ("ar", "fr", "en")


def _format(value, lang="fr"):
    """A value inside a message: dates DD/MM/YYYY, whole numbers without ".0", lists joined
    by the language's separator."""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list | tuple):
        return list_separator(lang).join(str(_format(v, lang)) for v in value)
    return value


def _lone_surrogates(node, parts=()):
    """Yield the paths of strings holding a lone surrogate: valid JSON ("\\ud800"), not text."""
    if isinstance(node, str):
        if any("\ud800" <= c <= "\udfff" for c in node):
            yield parts
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _lone_surrogates(value, (*parts, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _lone_surrogates(value, (*parts, i))


def _schema_findings(answers, lang):
    messages = definitions()["schema_keywords"]
    try:
        if fast_validator().is_valid(answers):
            return
    except UnicodeEncodeError:  # jsonschema-rs takes only real text
        broken = list(_lone_surrogates(answers))
        for parts in broken:
            yield Finding(
                path=pointer(parts),
                rule="SCH-pattern",
                severity="error",
                message=messages["pattern"][lang].format(label=label(parts, lang), limit=""),
                citations=citations(provisions_along(parts)),
            )
        if broken:
            return
    seen = set()
    for error in validator().iter_errors(answers):
        parts = list(error.absolute_path)
        keyword = error.validator
        path = pointer(parts)
        if path in seen:  # one finding per field: an empty text is not also "blank"
            continue
        seen.add(path)
        template = messages.get(keyword, messages["other"])[lang]
        limit = error.validator_value if keyword != "const" else repr(error.validator_value)
        if isinstance(limit, dict | list):
            limit = ""
        limit = _format(limit, lang)
        message = template.format(
            label=label(parts, lang), field=parts[-1] if parts else "", limit=limit
        )
        yield Finding(
            path=path,
            rule=f"SCH-{keyword}",
            severity="error",
            message=message,
            citations=citations(provisions_along(parts)),
        )


def _language_findings(answers, lang, seen):
    """A text the charter prints in a language it lacks: a completeness finding at the missing
    text (nothing legal to cite: the commune chose its languages)."""
    template = definitions()["languages"]["required"][lang]
    for parts, missing in missing_texts(answers):
        path = pointer((*parts, missing))
        if path in seen:
            continue
        yield Finding(
            path=path,
            rule="LANG-required",
            severity="error",
            message=template.format(
                label=label(parts, lang), language=language_name(missing, lang)
            ),
        )


def not_printed(answers, lang, ui_lang="fr"):
    """The finding refusing to print ``answers`` in ``lang`` when the charter's languages
    (``output.languages``) leave it out, else ``None``."""
    langs = output_languages(answers)
    if langs is None or lang in langs:
        return None
    template = definitions()["languages"]["not_printed"][ui_lang]
    names = [language_name(x, ui_lang) for x in langs]
    return Finding(
        path="/output/languages",
        rule="LANG-output",
        severity="error",
        message=template.format(
            language=language_name(lang, ui_lang), languages=list_separator(ui_lang).join(names)
        ),
    )


def list_separator(lang):
    """How items are joined in ``lang`` (Arabic has its own comma)."""
    return "، " if lang == "ar" else ", "


def _rule_findings(answers, lang, broken_sections):
    data = definitions()["rules"]
    derived = derive(answers)
    for rule_id, check in implementations().items():
        spec = data[rule_id]
        if any(section in broken_sections for section in spec["reads"]):
            continue
        for parts, params in check(answers, derived):
            values = {k: _format(v, lang) for k, v in params.items()}
            yield Finding(
                path=pointer(parts),
                rule=rule_id,
                severity=spec["severity"],
                message=spec["message"][lang].format(**values),
                citations=citations(spec["provisions"]),
            )


def iter_findings(answers, lang="fr"):
    """Yield every finding about ``answers``: schema errors first, then the legal rules.

    Never raises on malformed answers. ``lang`` is the language of the messages (ar, fr, en).
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    schema_findings = list(_schema_findings(answers, lang))
    yield from schema_findings
    if not isinstance(answers, dict):
        return
    yield from _language_findings(answers, lang, {f.path for f in schema_findings})
    broken = {split_pointer(f.path)[0] for f in schema_findings if f.path}
    if any(not f.path for f in schema_findings):
        return
    yield from _rule_findings(answers, lang, broken)


def validate(answers, lang="fr"):
    """Return the warnings about ``answers``; raise ``InvalidAnswersError`` if any error."""
    findings = list(iter_findings(answers, lang))
    if any(f.is_error for f in findings):
        raise InvalidAnswersError(findings)
    return findings
