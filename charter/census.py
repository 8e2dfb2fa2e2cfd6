"""Draft charters for the communes of the census: one model answers file made each commune's own.

A ministry or a trainer drafting a charter for every commune (``charter batch --census``) starts
from a model: the shipped one (``examples/census/commune.json``: neutral texts, no names, status
"draft") or any answers file of their own. For each commune the model keeps its choices
(mechanisms, commitments, texts) and loses what belongs to the model's own commune:

- the identification comes from the census (``charter.communes.answers_for``: names, HCP code,
  region, province, category, 2024 legal population, arrondissement regime); only the model's
  mandate stays (the councils were elected together);
- the council's facts (members, women, vice-presidents) are dropped: the census does not know them;
- the adoption is reset to a draft (no session, deliberation or vote: no council has voted);
- the signatories keep their function; their names become a dotted line to fill in by hand;
- every value the law fixes from the commune (``charter.derive``, kind ``fixed``: the signature
  threshold of art. 123 follows the population and the regime) is set to this commune's value
  where the model states it.

Texts that name the model's commune are not rewritten: ``named_in_texts`` finds them so the
caller can warn before a thousand drafts repeat them.
"""

import copy
import json
import unicodedata
from pathlib import Path

from charter import communes
from charter.answers import load_answers
from charter.derive import derive
from charter.resources import EXAMPLES

#: The shipped model: a neutral draft with the choices of a small commune.
MODEL = EXAMPLES / "census" / "commune.json"

_ADOPTION_KEPT = ("version",)
_BLANK = "." * 30  # a signatory's name, written by hand on the printed draft
_PRESIDENT = {"ar": "رئيس المجلس", "fr": "Président du conseil"}


def load_model(path: Path | None = None) -> dict:
    """The model answers (``AnswersFileError`` if unreadable), the shipped one by default."""
    return load_answers(Path(path or MODEL))


def codes(within: str | None = None, limit: int | None = None) -> tuple[str, ...]:
    """HCP codes of the census' communes in code order: all 1,503, or those of a region or
    province (``within``: ``"05"``, ``"05.301"``), the first ``limit`` of them if given.
    ``KeyError`` when ``within`` names no region or province."""
    if within is None:
        found = communes.communes()
    elif "." in within:
        found = communes.communes(within)
    else:
        communes.region(within)
        found = tuple(c for c in communes.communes() if c.region_code == within)
    return tuple(c.code for c in found)[:limit]


def draft_for(model: dict, code: str) -> dict:
    """The model's answers made the draft of commune ``code`` (a fresh dict; see the module)."""
    answers = copy.deepcopy(model)
    section = communes.answers_for(code)
    mandate = (model.get("commune") or {}).get("mandate")
    if mandate is not None:
        section["mandate"] = copy.deepcopy(mandate)
    answers["commune"] = section
    adoption = answers.get("adoption") if isinstance(answers.get("adoption"), dict) else {}
    answers["adoption"] = {"status": "draft"} | {
        k: adoption[k] for k in _ADOPTION_KEPT if k in adoption
    }
    final = answers.get("final_provisions")
    if isinstance(final, dict) and isinstance(final.get("signatories"), list):
        functions = [s["function"] for s in final["signatories"] if _has(s, "function")]
        final["signatories"] = [
            {"name": {"ar": _BLANK, "fr": _BLANK}, "function": f} for f in functions or [_PRESIDENT]
        ]
    for value in derive(answers).values():
        if value.kind == "fixed" and value.path:
            _replace(answers, value.path, value.value)
    return answers


def _has(item, key) -> bool:
    return isinstance(item, dict) and bool(item.get(key))


def _replace(answers: dict, pointer: str, value) -> None:
    """Set the value at JSON ``pointer`` if the answers already hold one there."""
    *parents, last = pointer.strip("/").split("/")
    node = answers
    for key in parents:
        node = node.get(key) if isinstance(node, dict) else None
    if isinstance(node, dict) and last in node:
        node[last] = value


def named_in_texts(model: dict) -> list[str]:
    """The model commune's names (ar, fr) that its texts repeat, outside its identification:
    every draft would carry them."""
    name = (model.get("commune") or {}).get("name") or {}
    rest = json.dumps({k: v for k, v in model.items() if k != "commune"}, ensure_ascii=False)
    return [n for n in (name.get("ar"), name.get("fr")) if isinstance(n, str) and n and n in rest]


def file_stem(code: str) -> str:
    """``<hcp code>-<French name, ASCII>``, e.g. ``05.301.01.1-khenifra``: sorted by code,
    readable by name, safe on every file system."""
    name = communes.commune(code).name_fr
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = "".join(ch if ch.isalnum() else " " for ch in plain).split()
    return f"{code}-{'-'.join(words)}"
