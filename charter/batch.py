"""Render many charters: one job per answers file (``render_file``) or per commune of the census
(``render_commune``, from a model: see ``charter.census``), in worker processes that stay warm,
going on past failures."""

from __future__ import annotations

import concurrent.futures as cf
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from charter import census, communes
from charter.answers import load_answers
from charter.documents import render_formats
from charter.errors import AnswersFileError, CharterError
from charter.render.templates import Templates, shipped

FORMATS = ("docx", "pdf")
LANGS = ("ar", "fr")


@dataclass
class Outcome:
    """What became of one answers file."""

    source: Path | str  # the answers file, or "<HCP code> <name>" for a commune of the census
    written: list[Path] = field(default_factory=list)
    error: str | None = None
    exit_code: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None


def output_plan(answers: dict, langs=None, formats=None) -> list[tuple[str, str]]:
    """(lang, format) pairs to write: the options, else the answers' ``output``, else all."""
    output = answers.get("output") if isinstance(answers.get("output"), dict) else {}
    langs = langs or [x for x in output.get("languages") or LANGS if x in LANGS] or LANGS
    formats = formats or [x for x in output.get("formats") or FORMATS if x in FORMATS] or FORMATS
    return [(lang, fmt) for lang in langs for fmt in formats]


def render_file(
    source: Path,
    outdir: Path,
    langs=None,
    formats=None,
    draft: bool = False,
    raising: bool = False,
    templates_from: Callable[[], Templates] = shipped,
) -> Outcome:
    """Render one answers file into ``outdir`` as ``<stem>-<lang>.<format>``.

    A failure is recorded in the outcome (a batch goes on), or raised when ``raising``.
    ``templates_from`` says where the templates come from: ``shipped`` (the default) or
    ``charter.library.in_force`` (a module-level function, so worker processes can be told).
    """

    def job(outcome):
        answers = load_answers(Path(source))
        _write(outcome, answers, Path(source).stem, outdir, langs, formats, draft, templates_from)

    return _run(Outcome(Path(source)), job, raising)


def render_commune(
    code: str,
    outdir: Path,
    model: dict,
    langs=None,
    formats=None,
    draft: bool = False,
    raising: bool = False,
    templates_from: Callable[[], Templates] = shipped,
) -> Outcome:
    """Render the draft of census commune ``code`` made from ``model`` (``charter.census``)
    into ``outdir`` as ``<code>-<name>-<lang>.<format>``; failures as in ``render_file``."""

    def job(outcome):
        answers = census.draft_for(model, code)
        _write(
            outcome, answers, census.file_stem(code), outdir, langs, formats, draft, templates_from
        )

    return _run(Outcome(f"{code} {communes.commune(code).name_fr}"), job, raising)


def _write(outcome, answers, stem, outdir, langs, formats, draft, templates_from) -> None:
    templates = templates_from()
    plan = output_plan(answers, langs, formats)
    for lang in dict.fromkeys(lang for lang, _ in plan):
        wanted = [fmt for each, fmt in plan if each == lang]
        for fmt, data in render_formats(answers, lang, wanted, draft=draft, templates=templates):
            target = Path(outdir) / f"{stem}-{lang}.{fmt}"
            target.write_bytes(data)
            outcome.written.append(target)


def _run(outcome: Outcome, job: Callable[[Outcome], None], raising: bool) -> Outcome:
    try:
        job(outcome)
    except CharterError as exc:
        if raising:
            raise
        outcome.error, outcome.exit_code = str(exc) or type(exc).__name__, exc.exit_code
    except OSError as exc:
        if raising:
            raise AnswersFileError(f"cannot write: {exc}") from exc
        outcome.error, outcome.exit_code = f"cannot write: {exc}", 2
    return outcome


def _warm(templates_from: Callable[[], Templates]) -> None:
    """Pay once per worker, not once per charter: the imports, the templates (clauses parsed,
    Jinja compiled), the census tables."""
    import weasyprint  # noqa: F401

    templates_from()
    communes.communes()


def iter_batch(sources, outdir: Path, jobs: int = 2, job=render_file, **options):
    """Yield an ``Outcome`` per source (an answers file for ``render_file``, an HCP code for
    ``render_commune``) as each finishes, from ``jobs`` worker processes."""
    Path(outdir).mkdir(parents=True, exist_ok=True)
    if jobs <= 1:
        for source in sources:
            yield job(source, outdir, **options)
        return
    warm = options.get("templates_from", shipped)
    with cf.ProcessPoolExecutor(max_workers=jobs, initializer=_warm, initargs=(warm,)) as pool:
        futures = [pool.submit(job, s, outdir, **options) for s in sources]
        try:
            for future in cf.as_completed(futures):
                yield future.result()
        finally:  # stopped early (Ctrl-C, the caller closed us): the rest is not started
            for future in futures:
                future.cancel()
