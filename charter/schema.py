"""The answers schema: loading, a cached validator, and schema errors turned into findings.

The validator checks formats (dates really are dates) and reports a missing or unknown field
at the path of that field, not of its parent.
"""

from functools import cache

import jsonschema_rs
from jsonschema import Draft202012Validator, ValidationError, validators
from jsonschema.exceptions import SchemaError

from charter.errors import ConfigurationError
from charter.resources import load_schema_file

SCHEMA_FILE = "commune.schema.json"
VERSION = "1.1"

#: The levels of territorial collectivity, the value of the answers' ``level``: a commune
#: (organic law 113-14), a prefecture or province (112-14), a region (111-14).
LEVELS = ("commune", "province", "region")


def _required(validator, required, instance, schema):
    if validator.is_type(instance, "object"):
        for name in required:
            if name not in instance:
                yield ValidationError(f"{name!r} is a required property", path=[name])


def _additional_properties(validator, additional, instance, schema):
    if not validator.is_type(instance, "object"):
        return
    if additional is False:
        known = schema.get("properties", {})
        for name in instance:
            if name not in known:
                yield ValidationError(f"unknown field {name!r}", path=[name])
    else:
        yield from validators.Draft202012Validator.VALIDATORS["additionalProperties"](
            validator, additional, instance, schema
        )


Validator = validators.extend(
    Draft202012Validator,
    {"required": _required, "additionalProperties": _additional_properties},
)


@cache
def schema():
    """Return the answers schema (``schemas/commune.schema.json``), checked once."""
    data = load_schema_file(SCHEMA_FILE)
    try:
        Draft202012Validator.check_schema(data)
    except SchemaError as exc:
        raise ConfigurationError(f"schemas/{SCHEMA_FILE}: {exc.message}") from exc
    return data


@cache
def validator():
    """Return the cached validator of the answers schema, format checking on."""
    return Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


@cache
def fast_validator():
    """Return a compiled validator of the same schema (jsonschema-rs, formats checked).

    It only answers "valid or not", about 100 times faster than ``validator()``; the
    detailed findings of an invalid document still come from ``validator()``.
    """
    return jsonschema_rs.validator_for(schema(), validate_formats=True)


def resolve(node, root=None):
    """Return ``node`` with a local ``$ref`` merged in (the node's own keys win), followed in
    ``root`` (the answers schema unless given)."""
    ref = node.get("$ref") if isinstance(node, dict) else None
    if not ref:
        return node
    target = schema() if root is None else root
    for part in ref.removeprefix("#/").split("/"):
        target = target[part.replace("~1", "/").replace("~0", "~")]
    return {**resolve(target, root), **{k: v for k, v in node.items() if k != "$ref"}}


def nodes_along(parts):
    """Return the schema nodes met walking the answers path ``parts`` from the root.

    The walk stops where the schema has nothing more to say (an unknown field).
    """
    node = resolve(schema())
    chain = [node]
    for part in parts:
        if "properties" in node and str(part) in node["properties"]:
            node = resolve(node["properties"][str(part)])
        elif "items" in node and str(part).isdigit():
            node = resolve(node["items"])
        else:
            break
        chain.append(node)
    return chain


def field_schema(parts):
    """Return the schema node of the field at ``parts``, or None if the schema has none."""
    chain = nodes_along(parts)
    return chain[-1] if len(chain) == len(parts) + 1 else None


def label(parts, lang):
    """Return the human name of the field at ``parts`` in ``lang``, from the x-titles."""
    chain = nodes_along(parts)
    titled = [n["x-title"][lang] for n in chain[1:] if "x-title" in n]
    if not titled:
        return "/".join(map(str, parts)) or "—"
    if len(titled) > 1 and parts and str(parts[-1]) in ("ar", "fr"):
        return f"{titled[-2]} ({titled[-1]})"
    return titled[-1]


def field_title(path, lang, *, section=False):
    """Return how a person names the field at the JSON pointer ``path`` in ``lang``: its
    schema titles from the step down, items numbered, a text's language in brackets
    ("Indicateurs 2 › Nom (en français)"); with ``section`` the step's title leads. Never a
    raw pointer, unless the schema knows nothing of the path."""
    parts = [p.replace("~1", "/").replace("~0", "~") for p in path.split("/")[1:]] if path else []
    chain = nodes_along(parts)
    names = []
    for i, part in enumerate(parts[: len(chain) - 1], 1):
        title = (chain[i].get("x-title") or {}).get(lang)
        if part.isdigit():
            if names:
                names[-1] = f"{names[-1]} {int(part) + 1}"
            else:
                names.append(str(int(part) + 1))
        elif (
            part in ("ar", "fr")
            and names
            and set(chain[i - 1].get("properties", {}))
            == {
                "ar",
                "fr",
            }
        ):
            names[-1] = f"{names[-1]} ({title or part})"
        else:
            names.append(title or part)
    if len(chain) < len(parts) + 1:  # a field the schema does not know (an unknown field)
        names.append(parts[len(chain) - 1])
    if not section and len(names) > 1 and not parts[1].isdigit():  # an item keeps its group
        names = names[1:]
    return " › ".join(names) or "—"


def language_name(code, lang):
    """The name of the charter language ``code`` (ar, fr) in ``lang``, from the schema's
    ``output.languages`` titles ("الفرنسية", "français")."""
    titles = schema()["properties"]["output"]["properties"]["languages"]["items"]["x-enum-titles"]
    return titles.get(code, {}).get(lang) or code


def provisions_along(parts):
    """Return the provision ids of the deepest node along ``parts`` that names any."""
    for node in reversed(nodes_along(parts)):
        if node.get("x-provisions"):
            return tuple(node["x-provisions"])
    return ()


def steps(level="commune"):
    """Return the ids of the charter's sections for ``level``, in order: the wizard's steps.

    A section marked ``x-levels`` belongs to those levels only (the commune's IEECAG and PAC,
    the region's three bodies and PDR…); the others are shared.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, not {level!r}")
    return [
        k
        for k, node in schema()["properties"].items()
        if k not in ("schema_version", "level") and level in node.get("x-levels", LEVELS)
    ]


def level_of(answers):
    """Return the level the answers are written for (``commune`` when they do not say)."""
    level = answers.get("level") if isinstance(answers, dict) else None
    return level if level in LEVELS else "commune"
