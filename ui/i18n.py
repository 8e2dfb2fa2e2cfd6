"""Interface strings: gettext catalogues (``ui/locale/<lang>/LC_MESSAGES/mithaq.po``) via Babel.

The message ids are the English strings written in the code; ``en`` needs no translation. The
``.po`` files are read with Babel and compiled in memory once per process, so there is no
build step and no compiled ``.mo`` to keep in sync.

Adding a message: write ``_("English text")`` (or ``N_`` where it is shown later), then
``pybabel extract -o ui/locale/mithaq.pot --no-location -w 100 ui`` and
``pybabel update -i ui/locale/mithaq.pot -d ui/locale -D mithaq --no-location -w 100``, and
translate the new entries of ``ar`` and ``fr``; ``tests/ui/test_i18n.py`` lists what is missing.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "mithaq"
LANGUAGES = ("ar", "fr", "en")
DEFAULT_LANGUAGE = "fr"
RTL = frozenset({"ar"})
# each language's name, in that language (shown on the language switch)
NATIVE_NAMES = {"ar": "العربية", "fr": "Français", "en": "English"}


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    """Marks a message for extraction; it is translated where it is shown."""
    return message


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> NullTranslations:
    """The catalogue for ``lang`` (an empty one for an unknown language)."""
    path = po_path(lang)
    if not path.exists():
        return NullTranslations()
    with path.open("rb") as f:
        catalog = read_po(f, locale=lang)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return Translations(buf, domain=DOMAIN)


def gettext_for(lang: str):
    """``_`` for ``lang``: ``_("Next")`` → ``"التالي"``."""
    return translations(lang).gettext


def ngettext_for(lang: str):
    return translations(lang).ngettext


def direction(lang: str) -> str:
    return "rtl" if lang in RTL else "ltr"


def yes_no(lang: str, value: bool) -> str:
    _ = gettext_for(lang)
    return _("Yes") if value else _("No")


def isolate(value: object) -> str:
    """``value`` between Unicode bidi isolates (FSI … PDI), so a Latin id or number keeps its
    order inside an Arabic sentence."""
    return f"\u2068{value}\u2069"
