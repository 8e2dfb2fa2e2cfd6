"""Validation: the JSON Schema, then the legal rules, as one stream of findings.

``iter_findings`` yields every finding; ``validate`` raises ``InvalidAnswersError`` when any
of them is an error and returns the warnings otherwise.
"""

import datetime as dt

from charter import answers as answers_boundary
from charter.derive import derive
from charter.errors import InvalidAnswersError
from charter.findings import Finding, pointer, split_pointer
from charter.languages import missing_texts, output_languages
from charter.legal import citations, for_level
from charter.rules import definitions, implementations
from charter.schema import (
    fast_validator,
    label,
    language_name,
    level_of,
    provisions_along,
    steps,
    validator,
)

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


_LIMITS = {
    answers_boundary.NUMBER_RANGE: f"{answers_boundary.MAX_NUMBER:.0e}",
    answers_boundary.TOO_DEEP: answers_boundary.MAX_DEPTH,
}


def _cited(parts, level):
    """The citations of a finding at ``parts``: the nearest schema node's provisions, as the
    level's charter cites them (a region's petitions cite 111-14, not 113-14 or 112-14)."""
    return citations(for_level(provisions_along(parts), level))


def _defect_findings(defects, lang, level):
    """What the answers may not hold at all (``charter.answers``), as located findings."""
    messages = definitions()["schema_keywords"]
    for defect in defects:
        parts = list(defect.parts)
        yield Finding(
            path=defect.path,
            rule=f"ANS-{defect.kind}",
            severity="error",
            message=messages[defect.kind][lang].format(
                label=label(parts, lang), limit=_LIMITS.get(defect.kind, "")
            ),
            citations=_cited(parts, level),
        )


def _schema_findings(answers, lang, seen, level):
    """The schema's findings on clean answers, one per field (``seen``: paths already said)."""
    messages = definitions()["schema_keywords"]
    if fast_validator().is_valid(answers):
        return
    for error in validator().iter_errors(answers):
        parts = list(error.absolute_path)
        keyword = error.validator
        if keyword == "not" and error.schema.get("x-other-level"):
            keyword = "level"  # a section of another level's charter (schema's allOf)
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
            citations=_cited(parts, level),
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
    # derived values from the sound sections only: a section of the wrong shape never reaches
    # derive (the rules reading it are skipped anyway)
    derived = derive({k: v for k, v in answers.items() if k not in broken_sections})
    level = level_of(answers)
    own = {level, *steps(level)}  # a rule of several levels reads only its level's sections
    for rule_id, check in implementations().items():
        spec = data[rule_id]
        if level not in spec.get("levels", ("commune",)):
            continue
        if any(s in broken_sections for s in spec["reads"] if s in own):
            continue
        cited = citations(for_level(spec["provisions"], level))
        for parts, params in check(answers, derived):
            values = {k: _format(v, lang) for k, v in params.items()}
            yield Finding(
                path=pointer(parts),
                rule=rule_id,
                severity=spec["severity"],
                message=spec["message"][lang].format(**values),
                citations=cited,
            )


def iter_findings(answers, lang="fr"):
    """Yield every finding about ``answers``: what no answers may hold (``charter.answers``:
    lone surrogates, NaN, huge numbers, deep nesting, non-JSON values), the schema's errors,
    then the legal rules.

    Never raises on any JSON value. The schema and the rules judge the boundary's clean copy
    (separators as line breaks, each defect replaced by null), and a rule never runs on a
    section with a defect or a schema error. ``lang`` is the language of the messages.
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    checked = answers_boundary.inspect(answers)
    answers = checked.value
    level = level_of(answers)
    schema_findings = list(_defect_findings(checked.defects, lang, level))
    seen = {f.path for f in schema_findings}
    schema_findings += _schema_findings(answers, lang, seen, level)
    yield from schema_findings
    if not isinstance(answers, dict):
        return
    yield from _language_findings(answers, lang, {f.path for f in schema_findings})
    broken = {split_pointer(f.path)[0] for f in schema_findings if f.path}
    if any(not f.path for f in schema_findings) or "level" in broken:
        return  # without a level, no rule knows which law applies
    yield from _rule_findings(answers, lang, broken)


# schema errors that leave the value itself readable: a draft renders it as it stands
_READABLE = frozenset(
    {
        "required",
        "additionalProperties",
        "minItems",
        "maxItems",
        "uniqueItems",
        "minLength",
        "maxLength",
        "not",
        "pattern",  # control characters: the renderers drop them from a draft's text
    }
)


def renderable(answers):
    """What a document or a picture may read of ``answers``, whatever they hold: the boundary's
    clean copy (``charter.answers.inspect``) without the values whose kind the schema rejects
    (a wrong type, an unknown enum value, a number out of range, a malformed date). For
    valid answers it is their clean copy, unchanged; a draft renders the rest."""
    value = answers_boundary.inspect(answers).value
    if not isinstance(value, dict):
        return {}
    if fast_validator().is_valid(value):
        return value
    doomed = []
    for error in validator().iter_errors(value):
        if error.validator not in _READABLE:
            doomed.append(tuple(error.absolute_path))
    # deepest first, and lists from their last index, so earlier removals keep paths right
    for parts in sorted(set(doomed), key=_deepest_last_index, reverse=True):
        _remove(value, parts)
    return value


def _deepest_last_index(parts):
    return (len(parts), tuple((1, p, "") if isinstance(p, int) else (0, 0, p) for p in parts))


def _remove(root, parts):
    if not parts:
        root.clear()
        return
    node = root
    for part in parts[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return  # an ancestor went already
    last = parts[-1]
    if isinstance(node, dict):
        node.pop(last, None)
    elif isinstance(node, list) and isinstance(last, int) and last < len(node):
        node.pop(last)


def validate(answers, lang="fr"):
    """Return the warnings about ``answers``; raise ``InvalidAnswersError`` if any error."""
    findings = list(iter_findings(answers, lang))
    if any(f.is_error for f in findings):
        raise InvalidAnswersError(findings)
    return findings
