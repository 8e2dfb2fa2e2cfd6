"""Findings: what the validator says about the answers, as data.

A finding has a JSON-pointer ``path`` (for a missing field, the path of that field), the id
of the ``rule`` that raised it, a ``severity`` (``error`` blocks the final charter,
``warning`` does not), a ``message`` in the requested language and the ``citations`` of the
provisions it rests on. Code never reads ``message``.
"""

from dataclasses import dataclass, field

SEVERITIES = ("error", "warning")


@dataclass(frozen=True)
class Citation:
    provision: str
    law: str
    article: str

    def to_dict(self):
        return {"provision": self.provision, "law": self.law, "article": self.article}


@dataclass(frozen=True)
class Finding:
    path: str
    rule: str
    severity: str
    message: str
    citations: tuple[Citation, ...] = field(default=())

    def to_dict(self):
        return {
            "path": self.path,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "citations": [c.to_dict() for c in self.citations],
        }

    @property
    def is_error(self):
        return self.severity == "error"


def pointer(parts):
    """Return the JSON pointer (RFC 6901) of a sequence of keys and indexes."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def split_pointer(path):
    """Return the keys of a JSON pointer, the inverse of ``pointer`` (indexes stay strings)."""
    if not path:
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in path.split("/")[1:]]
