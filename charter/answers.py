"""Reading an answers file: bytes, text or a path, at most 1 MB, a JSON object."""

import json
from pathlib import Path

from charter.errors import AnswersFileError

MAX_BYTES = 1_000_000


def load_answers(source):
    """Return the answers dict read from ``source`` (a path, bytes or str).

    Raise ``AnswersFileError`` with one clear sentence when it cannot be read, is larger than
    1 MB, is not UTF-8 JSON, or is not a JSON object. The answers are not validated here.
    """
    if isinstance(source, Path):
        try:
            if source.stat().st_size > MAX_BYTES:
                raise AnswersFileError(f"{source}: larger than 1 MB, not an answers file")
            data = source.read_bytes()
        except OSError as exc:
            raise AnswersFileError(f"{source}: cannot be read ({exc.strerror})") from exc
        name = str(source)
    else:
        data = source.encode("utf-8") if isinstance(source, str) else bytes(source)
        name = "answers"
    if len(data) > MAX_BYTES:
        raise AnswersFileError(f"{name}: larger than 1 MB, not an answers file")
    try:
        answers = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise AnswersFileError(f"{name}: not UTF-8 text") from exc
    except RecursionError as exc:
        raise AnswersFileError(f"{name}: nested too deeply to be an answers file") from exc
    except json.JSONDecodeError as exc:
        raise AnswersFileError(
            f"{name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from exc
    if not isinstance(answers, dict):
        raise AnswersFileError(f"{name}: an answers file is a JSON object {{…}}")
    return answers
