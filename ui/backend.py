"""The wizard's one door into ``charter``: every call the UI makes to the library goes here.

Everything is keyed by the answers' canonical JSON, so a state of the answers is checked,
derived and rendered once, however many reruns Streamlit makes. Nothing here imports
streamlit; the benchmarks call it directly.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from types import ModuleType
from typing import Any

from ui import frames


def _charter() -> ModuleType:
    """``charter``, imported on first use: the start page draws before the library (and
    jsonschema) is loaded, which keeps the first page within its budget."""
    import charter

    return charter


def __getattr__(name: str) -> Any:
    if name in ("CharterError", "AnswersFileError", "StorageError"):  # the errors the UI catches
        return getattr(_charter().errors, name)
    raise AttributeError(name)


def canonical(answers: dict[str, Any]) -> str:
    return json.dumps(answers, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def answers_file(answers: dict[str, Any]) -> bytes:
    """The answers file, as the wizard downloads it and re-imports it."""
    return json.dumps(answers, ensure_ascii=False, indent=2).encode() + b"\n"


# --- schema, catalogue ------------------------------------------------------------------


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    return _charter().schema()


@lru_cache(maxsize=3)
def _steps(level: str) -> tuple[str, ...]:
    return tuple(_charter().steps(level))


def level_of(answers: dict[str, Any] | None) -> str:
    """The level the answers are for: commune, province or region."""
    return _charter().level_of(answers)


def sections(answers: dict[str, Any] | None = None) -> list[str]:
    """The steps of the wizard for the level of ``answers`` (a commune's when not given): the
    schema's top-level properties of that level, in order."""
    return list(_steps(level_of(answers)))


def blank_answers(level: str = "commune") -> dict[str, Any]:
    version = schema().get("properties", {}).get("schema_version", {}).get("const")
    return {"schema_version": version, "level": level} if version is not None else {}


def field_title(path: str, lang: str, *, section: bool = False) -> str:
    """How a person names the field at a finding's ``path`` (its schema titles, never the
    pointer): ``charter.schema.field_title``."""
    from charter.schema import field_title

    return field_title(path, lang if lang in ("ar", "fr", "en") else "fr", section=section)


def provision(pid: str) -> Any:
    """The catalogue's ``Provision`` (``None`` for an unknown id)."""
    cat = _charter().catalogue()
    return cat.provisions.get(pid)


def cite(pid: str, lang: str) -> str:
    """``LO 113-14, art. 125`` in ``lang``."""
    cat = _charter().catalogue()
    if pid not in cat:
        return pid
    return cat.cite(pid, lang if lang in ("ar", "fr", "en") else "fr")


# --- checking and deriving --------------------------------------------------------------


@lru_cache(maxsize=64)
def _findings(text: str, lang: str) -> tuple[dict[str, Any], ...]:
    return tuple(f.to_dict() for f in _charter().iter_findings(json.loads(text), lang))


def findings(answers: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """Every finding on the answers, as ``Finding.to_dict()``."""
    return list(_findings(canonical(answers), lang))


@lru_cache(maxsize=64)
def _derive(text: str) -> dict[str, Any]:
    derived = _charter().derive(_charter().renderable(json.loads(text)))
    return {d.path: d for d in derived.values() if d.path}


def derived_by_path(answers: dict[str, Any]) -> dict[str, Any]:
    """The law-fixed values (``charter.Derived``) by the JSON pointer of the field they govern."""
    return _derive(canonical(answers))


@lru_cache(maxsize=16)
def _compliance(text: str, lang: str, templates: Any) -> tuple[Any, ...]:
    from charter import pictures

    return tuple(pictures.compliance(json.loads(text), lang, templates.library))


def compliance(answers: dict[str, Any], lang: str) -> list[Any]:
    """The compliance matrix (``charter.compliance.Obligation`` rows) in the charter's ``lang``."""
    return list(_compliance(canonical(answers), lang, templates()))


def load_answers(source: bytes) -> dict[str, Any]:
    """An uploaded answers file; raises ``charter.AnswersFileError`` with the reason."""
    return _charter().load_answers(source)


# --- rendering --------------------------------------------------------------------------


def _render():
    # imported when first needed: the start page is drawn before WeasyPrint and docxtpl load
    import charter.documents as documents

    return documents


def templates() -> Any:
    """The templates every render of the wizard uses: the advisors' edits over the shipped
    ones (``charter.library.in_force``). Renders are memoised on them too, so a saved edit
    shows at once."""
    import charter.library as library  # with charter.documents: loaded when first needed

    return library.in_force()


def has_errors(answers: dict[str, Any], lang: str = "fr") -> bool:
    return any(f["severity"] == "error" for f in findings(answers, lang))


@lru_cache(maxsize=16)
def _html(text: str, lang: str, templates: Any) -> str:
    answers = json.loads(text)
    draft = has_errors(answers, lang)
    return _render().render_html(answers, lang, draft=draft, standalone=True, templates=templates)


FONT_FACE = (
    "<style>"
    + "".join(
        f'@font-face{{font-family:"Amiri";font-weight:{w};'
        f'src:url("app/static/fonts/Amiri-{n}.ttf") format("truetype")}}'
        for w, n in ((400, "Regular"), (700, "Bold"))
    )
    + "</style>"
)


def render_html(answers: dict[str, Any], lang: str) -> str:
    """The charter as HTML (a draft, watermarked, while errors remain)."""
    return _html(canonical(answers), lang, templates())


def preview_html(answers: dict[str, Any], lang: str, anchor: str | None = None) -> str:
    """``render_html`` for the browser, in a sandboxed frame (``ui.frames``): the font the PDF
    uses, served by the app itself, scrolled to the chapter whose id is ``anchor`` (the
    step's name) when there is one."""
    html = render_html(answers, lang)
    head = html.find("<head>")
    html = FONT_FACE + html if head < 0 else html[: head + 6] + FONT_FACE + html[head + 6 :]
    return frames.sandboxed(html, anchor=anchor)


@lru_cache(maxsize=8)
def _document(kind: str, text: str, lang: str, templates: Any) -> bytes:
    answers = json.loads(text)
    fn = _render().render_docx if kind == "docx" else _render().render_pdf
    return fn(answers, lang, draft=has_errors(answers, lang), templates=templates)


def render_document(kind: str, answers: dict[str, Any], lang: str) -> bytes:
    """DOCX or PDF bytes, made once per state of the answers and language (a draft,
    watermarked, while errors remain); a PDF already being made in the background
    (``prepare_pdf``) is waited for, not made twice."""
    key = (kind, canonical(answers), lang, templates())
    with _PENDING_LOCK:
        pending = _PENDING.get(key)
    if pending is not None and not pending.cancelled():
        return pending.result()
    return _document(*key)


# One worker thread makes the PDF of the latest answers after each submitted step, so that the
# download is ready when asked for. A thread (not a process): the PDF shares _document's memo
# with the page, and charter.render.pdf serialises WeasyPrint renders with a lock. A newer
# request cancels the older ones not yet started: only the latest answers matter.
def _lower_priority() -> None:
    """The worker yields the CPU to the pages (Linux niceness of its thread)."""
    with contextlib.suppress(OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


_BACKGROUND = ThreadPoolExecutor(
    max_workers=1, thread_name_prefix="mithaq-pdf", initializer=_lower_priority
)
_PENDING: dict[tuple, Future] = {}
_PENDING_LOCK = threading.Lock()
_KEEP = 4


def prepare_pdf(answers: dict[str, Any], lang: str) -> Future:
    """Start making the PDF of ``answers`` in ``lang`` in the background; return at once."""
    key = ("pdf", canonical(answers), lang, templates())
    with _PENDING_LOCK:
        future = _PENDING.get(key)
        if future is None or future.cancelled():
            for older in _PENDING.values():
                older.cancel()  # does nothing to a render already running
            future = _PENDING[key] = _BACKGROUND.submit(_document, *key)
            for stale in list(_PENDING)[:-_KEEP]:
                del _PENDING[stale]
    return future


def extract(pdf: bytes) -> dict[str, Any]:
    """The answers embedded in a charter PDF made by Mithaq (``AnswersFileError`` if none)."""
    return _render().extract_answers(pdf)


# --- reference data: every commune of Morocco (HCP, RGPH 2024) -------------------------


def communes_api() -> ModuleType:
    """``charter.communes`` (not re-exported by ``charter``: this adapter imports it)."""
    import charter.communes as communes

    return communes


# --- the printable questionnaire ------------------------------------------------------------


def questionnaire_pdf(lang: str) -> bytes:
    """The printable questionnaire, from the data folder's cache once it was printed (see
    ``charter.questionnaire.cached_pdf``)."""
    from charter.questionnaire import cached_pdf

    return cached_pdf(lang)


_warming: list[threading.Thread] = []


def warm_questionnaires() -> None:
    """Print both questionnaires in the background, once per process, at a lower priority
    than the pages (Linux niceness of this thread), so "Prepare" finds them ready."""
    if _warming:
        return

    def run() -> None:
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        for lang in ("ar", "fr"):
            with contextlib.suppress(Exception):  # the button says what went wrong, if it does
                questionnaire_pdf(lang)

    thread = threading.Thread(target=run, name="mithaq-questionnaires", daemon=True)
    _warming.append(thread)
    thread.start()


# --- the charter's life after adoption --------------------------------------------------


def versions_api() -> ModuleType:
    """``charter.versions`` (adopted versions, redlines), imported when first needed."""
    import charter.versions as versions

    return versions


def snapshot_in_force() -> bytes:
    """The templates in force (advisors' edits included), frozen for an adoption."""
    import charter.library as library

    return versions_api().snapshot(*library.files_in_force())


def monitoring_api() -> ModuleType:
    """``charter.monitoring`` (the annual report; it loads matplotlib: only when asked)."""
    import charter.monitoring as monitoring

    return monitoring
