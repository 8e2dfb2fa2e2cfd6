"""Where each step stands: not started, incomplete, with errors, complete. Pure functions."""

from __future__ import annotations

import re
from typing import Any

NOT_STARTED = "not_started"
INCOMPLETE = "incomplete"
ERRORS = "errors"
COMPLETE = "complete"


def in_section(finding: dict[str, Any], section: str) -> bool:
    path = finding.get("path", "")
    return path == "/" + section or path.startswith("/" + section + "/")


def is_missing(finding: dict[str, Any]) -> bool:
    """A finding that only says an answer is still missing (a ``required`` keyword)."""
    rule = finding.get("rule", "")
    return re.split(r"[-:/.]", rule)[-1] == "required"  # SCH-required


def step_status(section: str, answers: dict[str, Any], findings: list[dict[str, Any]]) -> str:
    if section not in answers:
        return NOT_STARTED
    errors = [f for f in findings if f.get("severity") == "error" and in_section(f, section)]
    if not errors:
        return COMPLETE
    return INCOMPLETE if all(is_missing(f) for f in errors) else ERRORS


def statuses(
    sections: list[str], answers: dict[str, Any], findings: list[dict[str, Any]]
) -> dict[str, str]:
    return {s: step_status(s, answers, findings) for s in sections}


def summary(findings: list[dict[str, Any]]) -> dict[str, int]:
    return {
        "errors": sum(f.get("severity") == "error" for f in findings),
        "warnings": sum(f.get("severity") != "error" for f in findings),
    }
