"""Widgets built from the answers schema, one kind of JSON-Schema node at a time.

``draw`` puts a node's widgets on the page, seeded from the answers, with the step's findings
next to the field they are about (a finding belongs to the deepest field whose JSON pointer
prefixes its path). ``collect`` reads the same widgets back into a value of the schema's shape,
omitting what the user left empty so that a missing answer is reported as missing, not as an
empty string. Both walk the schema the same way, so they agree on every widget key.

Node kinds: text in two languages (``$defs/text``), strings (line, ``x-widget: textarea``,
``format: date``), integers and numbers, booleans (yes/no, unanswered until chosen), enums
(``x-enum-titles``), arrays of enums (multiselect), other arrays (repeatable groups with add and
remove), objects; ``x-derived`` values are shown, never asked. Anything else is edited as JSON.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import streamlit as st

from charter.schema import resolve
from ui import backend, dates, i18n, state
from ui.findings import show_derived, show_findings, show_limit

TEXT_LANGS = ("ar", "fr")
PARAGRAPH_HEIGHT = 170  # px: a paragraph of the charter is read whole, not in three lines
LTR_FORMATS = ("email", "idn-email", "uri", "iri")  # written left to right in any language


@dataclass
class Ctx:
    """What drawing one step needs: the language, the step's findings, the derived values."""

    lang: str
    findings: list[dict[str, Any]]
    derived: dict[str, Any]
    root: dict[str, Any]
    languages: tuple[str, ...] = ("ar", "fr")  # the charter's: a text is asked in these only
    shown: set[int] = field(default_factory=set)

    def gettext(self, msg: str) -> str:
        return state._()(msg)

    def take(self, pointer: str, *, deep: bool) -> list[dict[str, Any]]:
        """The findings not yet shown whose path is ``pointer`` (or below it when ``deep``)."""
        out = []
        for i, f in enumerate(self.findings):
            path = f["path"]
            if i in self.shown:
                continue
            if path == pointer or (deep and path.startswith(pointer + "/")):
                self.shown.add(i)
                out.append(f)
        return out

    def rest(self) -> list[dict[str, Any]]:
        out = [f for i, f in enumerate(self.findings) if i not in self.shown]
        self.shown.update(range(len(self.findings)))
        return out


# --- reading the schema -----------------------------------------------------------------


def is_text(node: dict[str, Any]) -> bool:
    props = node.get("properties")
    return node.get("type") == "object" and isinstance(props, dict) and set(props) == {"ar", "fr"}


def kind(node: dict[str, Any]) -> str:
    t = node.get("type")
    if isinstance(t, list):
        t = next((x for x in t if x != "null"), None)
    if node.get("x-derived"):
        return "derived"
    if "enum" in node:
        return "enum"
    if t == "object":
        return "text" if is_text(node) else "object"
    if t == "array":
        items = node.get("items", {})
        return "multi" if "enum" in items else "list"
    if t == "string":
        if node.get("format") == "date":
            return "date"
        return "textarea" if node.get("x-widget") == "textarea" else "string"
    if t in ("integer", "number", "boolean"):
        return t
    return "json"


def label(node: dict[str, Any], name: str, lang: str) -> str:
    titles = node.get("x-title") or {}
    return titles.get(lang) or titles.get("fr") or node.get("title") or name


def description(node: dict[str, Any], lang: str) -> str | None:
    return (node.get("x-description") or {}).get(lang)


def enum_title(node: dict[str, Any], value: Any, lang: str) -> str:
    titles = (node.get("x-enum-titles") or {}).get(str(value)) or {}
    return titles.get(lang) or titles.get("fr") or str(value)


def enum_title_of(node: dict[str, Any], lang: str, value: Any) -> str:
    """``enum_title`` with the value last, for ``format_func`` (a partial pickles; a lambda
    in the session state would not)."""
    return enum_title(node, value, lang)


def child(pointer: str, name: str | int) -> str:
    return f"{pointer}/{str(name).replace('~', '~0').replace('/', '~1')}"


def lookup(data: Any, pointer: str) -> Any:
    for part in pointer.strip("/").split("/") if pointer.strip("/") else []:
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


# --- drawing ----------------------------------------------------------------------------


def draw(node: dict[str, Any], pointer: str, value: Any, ctx: Ctx, *, name: str = "",
         required: bool = False, top: bool = False) -> None:  # fmt: skip
    node = resolve(node, ctx.root)
    k = kind(node)
    lang = ctx.lang
    text = label(node, name, lang) + (" *" if required else "")
    help_ = description(node, lang)
    key = state.widget_key(pointer)

    if k == "object":
        if not top:  # an item's heading is its number and name, never starred
            heading(node, name, lang, required and not pointer.rsplit("/", 1)[-1].isdigit())
            if help_:
                st.caption(help_)
        show_findings(ctx.take(pointer, deep=False), ctx.lang)
        value = value if isinstance(value, dict) else {}
        # an optional group left empty requires nothing yet (the vote, while the charter is a
        # draft): its fields' "*" would say otherwise
        req = set(node.get("required", [])) if top or required or value else set()
        for prop, sub in node.get("properties", {}).items():
            draw(sub, child(pointer, prop), value.get(prop), ctx, name=prop,
                 required=prop in req)  # fmt: skip
        return

    if k == "list":
        if not top:  # a step's own title and description are the page's
            heading(node, name, lang, required)
            if help_:
                st.caption(help_)
        show_findings(ctx.take(pointer, deep=False), ctx.lang)
        items = value if isinstance(value, list) else []
        item_node = resolve(node.get("items", {}), ctx.root)
        for i, item in enumerate(items):
            with st.container(border=True):
                name_i = item_title(item_node, item, i, ctx)
                # an item exists once added: its fields are required as the schema says
                draw(item_node, child(pointer, i), item, ctx, name=name_i, required=True)
                st.form_submit_button(
                    ctx.gettext("Remove"),
                    key=f"{key}~rm{i}",
                    icon=":material/delete:",
                    on_click=_edit_list,
                    args=(pointer, "remove", i),
                )
        st.form_submit_button(
            ctx.gettext("Add") + f" — {label(node, name, lang)}",
            key=f"{key}~add",
            icon=":material/add:",
            on_click=_edit_list,
            args=(pointer, "add", None),
        )
        return

    if k == "derived":
        show_derived(text, ctx.derived.get(pointer), node, ctx.lang)
        show_findings(ctx.take(pointer, deep=True), ctx.lang)
        return

    if k == "text":
        # asked in the charter's languages only; a text in another language is kept as it is
        langs = [tl for tl in TEXT_LANGS if tl in ctx.languages] or list(TEXT_LANGS)
        if len(langs) > 1:
            heading(node, name, lang, required)
        cols = st.columns(len(langs))
        value = value if isinstance(value, dict) else {}
        widget = paragraph if node.get("x-widget") == "textarea" else st.text_input
        sub = node.get("properties", {})
        for col, tl in zip(cols, langs, strict=True):
            part = resolve(sub.get(tl, {}), ctx.root)
            wide = part.get("x-widget") == "textarea" or part.get("maxLength", 0) > 300
            w = paragraph if wide else widget
            with col:
                w(
                    label(part, tl, lang) if len(langs) > 1 else text,  # one language: the title
                    value=str(value.get(tl) or ""),
                    key=_text_key(pointer, tl),
                )
        if help_:
            st.caption(help_)
    elif k == "enum":
        options = list(node["enum"])
        st.selectbox(
            text,
            options,
            index=options.index(value) if value in options else None,
            format_func=partial(enum_title_of, node, lang),
            placeholder=ctx.gettext("Choose…"),
            help=help_,
            key=key,
        )
    elif k == "multi":
        items = resolve(node.get("items", {}), ctx.root)
        options = list(items["enum"])
        st.multiselect(
            text,
            options,
            default=[v for v in (value or []) if v in options],
            format_func=partial(enum_title_of, items, lang),
            placeholder=ctx.gettext("Choose…"),
            help=help_,
            key=key,
        )
    elif k == "date":  # Streamlit's calendar is English only: three lists (ui/dates.py)
        dates.draw(text, key + "_ltr", value, lang, help_)
    elif k in ("integer", "number"):
        is_int = k == "integer"
        current = value if isinstance(value, int | float) and not isinstance(value, bool) else None
        st.number_input(
            text,
            value=(int(current) if is_int else float(current)) if current is not None else None,
            step=1 if is_int else 0.1,
            format="%d" if is_int else "%g",
            help=help_,
            key=key + "_ltr",
        )
    elif k == "boolean":
        st.radio(
            text,
            [True, False],
            index=None if not isinstance(value, bool) else (0 if value else 1),
            format_func=partial(i18n.yes_no, lang),
            horizontal=True,
            help=help_,
            key=key,
        )
    elif k in ("string", "textarea"):
        widget = paragraph if k == "textarea" else st.text_input
        ltr = node.get("format") in LTR_FORMATS
        widget(
            text, value="" if value is None else str(value), help=help_,
            key=key + ("_ltr" if ltr else ""),
        )  # fmt: skip
    else:
        st.text_area(
            text + " (JSON)",
            value="" if value is None else json.dumps(value, ensure_ascii=False, indent=1),
            help=help_,
            key=key + "_ltr",
        )
    limit = ctx.derived.get(pointer)
    if limit is not None:
        show_limit(limit, ctx.lang)
    show_findings(ctx.take(pointer, deep=True), ctx.lang)


def item_title(node: dict[str, Any], item: Any, i: int, ctx: Ctx) -> str:
    """``3. Town-hall meeting``: the number, and the item's first answered choice or name."""
    if isinstance(item, dict):
        for prop, sub in node.get("properties", {}).items():
            sub = resolve(sub, ctx.root)
            value = item.get(prop)
            if value in (None, "", {}, []):
                continue
            if kind(sub) == "enum":
                return f"{i + 1}. {enum_title(sub, value, ctx.lang)}"
            if kind(sub) == "text" and isinstance(value, dict):
                text = value.get("ar" if ctx.lang == "ar" else "fr") or next(iter(value.values()))
                return f"{i + 1}. {text}"
    item = ctx.gettext("Item")
    return f"{i + 1}. {item}"


def heading(node: dict[str, Any], name: str, lang: str, required: bool) -> None:
    """The title of a group of widgets (a widget's own label carries its title itself)."""
    title = label(node, name, lang).replace("*", "\\*").replace("_", "\\_")
    st.markdown(f"**{title}**" + (" \\*" if required else ""))


def paragraph(label: str, **kwargs: Any) -> Any:
    """A text area tall enough to read a paragraph of the charter whole."""
    return st.text_area(label, height=PARAGRAPH_HEIGHT, **kwargs)


def _text_key(pointer: str, tl: str) -> str:
    return state.widget_key(child(pointer, tl), "_rtl" if tl == "ar" else "_ltr")


# --- collecting -------------------------------------------------------------------------


def collect(node: dict[str, Any], pointer: str, old: Any, root: dict[str, Any]) -> Any:
    """The value the widgets under ``pointer`` hold now; ``None`` when left empty."""
    node = resolve(node, root)
    k = kind(node)
    key = state.widget_key(pointer)

    def widget(suffix: str = "") -> tuple[bool, Any]:
        return state.has_widget(key + suffix), state.widget_value(key + suffix)

    if k == "derived":
        return old
    if k == "object":
        old = old if isinstance(old, dict) else {}
        out = {}
        for prop, sub in node.get("properties", {}).items():
            v = collect(sub, child(pointer, prop), old.get(prop), root)
            if not _empty(v):
                out[prop] = v
        return out or None
    if k == "list":
        items = old if isinstance(old, list) else []
        item_node = node.get("items", {})
        values = [collect(item_node, child(pointer, i), it, root) for i, it in enumerate(items)]
        if kind(resolve(item_node, root)) in ("object", "text"):
            # an item left blank stays, so the user sees what it still needs
            return [v if v is not None else {} for v in values] or None
        return [v for v in values if v is not None] or None
    if k == "text":
        old = old if isinstance(old, dict) else {}
        out = {}
        for tl in TEXT_LANGS:
            tkey = _text_key(pointer, tl)
            v = state.widget_value(tkey) if state.has_widget(tkey) else old.get(tl)
            if isinstance(v, str):
                v = v.strip()
            if not _empty(v):
                out[tl] = v
        return out or None
    if k == "date":
        return dates.value(key + "_ltr") if dates.drawn(key + "_ltr") else old
    if k in ("integer", "number"):
        seen, v = widget("_ltr")
        if not seen:
            return old
        if v is None:
            return None
        return int(v) if float(v).is_integer() else v  # 10, not 10.0, in the answers too
    if k == "json":
        seen, v = widget("_ltr")
        if not seen:
            return old
        if not v or not v.strip():
            return None
        try:
            return json.loads(v)
        except json.JSONDecodeError:
            return v  # kept as typed; the schema check reports it
    if k in ("string", "textarea"):
        ltr = node.get("format") in LTR_FORMATS
        seen, v = widget("_ltr" if ltr else "")
        if not seen:
            return old
        v = v.strip() if isinstance(v, str) else v
        return None if _empty(v) else v
    seen, v = widget()
    if not seen:
        return old
    if k == "multi":
        return list(v) or None
    return v  # enum, boolean: None when not chosen


# --- repeatable groups ------------------------------------------------------------------


def _edit_list(pointer: str, action: str, index: int | None) -> None:
    """Add or remove an item: keep what the user typed in the step, then edit, in the
    session only. The step is saved when it is submitted (Save, Back, Next): an empty item
    is not an answer, and adding one flags nothing."""
    section = pointer.strip("/").split("/")[0]
    holder = {section: collect_step(section)}
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.strip("/").split("/")]
    parent: Any = holder
    for part in parts[:-1]:
        parent = parent[int(part)] if isinstance(parent, list) else parent.setdefault(part, {})
    last = parts[-1]
    if isinstance(parent, list):
        last = int(last)
        items = parent[last]
    else:
        if not isinstance(parent.get(last), list):
            parent[last] = []
        items = parent[last]
    if action == "add":
        items.append({} if _item_is_object(pointer) else None)
    elif index is not None and index < len(items):
        items.pop(index)
        if not items and isinstance(parent, dict) and parent is not holder:
            del parent[last]  # an optional list left empty is omitted (a step's stays [])
    state.keep_edits(section, holder[section])
    state.reseed()


def _item_is_object(pointer: str) -> bool:
    node: dict[str, Any] = backend.schema()
    root = node
    for part in pointer.strip("/").split("/"):
        node = resolve(node, root)
        node = node["items"] if part.isdigit() else node.get("properties", {}).get(part, {})
    items = resolve(resolve(node, root).get("items", {}), root)
    return kind(items) in ("object", "text")


def collect_step(section: str) -> Any:
    """The step's value as its widgets hold it (``{}`` or ``[]`` when left empty: the step
    is started, and its findings say what is missing)."""
    schema = backend.schema()
    node = schema["properties"][section]
    value = collect(node, "/" + section, state.step_value(section), schema)
    if value is None:
        value = [] if kind(resolve(node, schema)) in ("list", "multi") else {}
    return value


def submit_step(section: str) -> bool:
    """Keep the step's widgets in the answers, and save the draft at once (False: the draft
    was saved elsewhere meanwhile, see ``state.conflict``). One submission, one revision."""
    if not state.set_section(section, collect_step(section), step=section):
        return False
    state.drop_edits(section)
    return True


# --- which findings a person has earned -------------------------------------------------


def answered(value: Any) -> bool:
    return not _empty(value)


def visible(finding: dict[str, Any], saved: Any, shown: Any, *, checked: bool) -> bool:
    """Whether a finding about the step is shown next to its field: only where the user acted.

    ``saved`` is the step's saved answer, ``shown`` its value in the form. A finding is shown
    once the step was submitted, never inside an item added since (an empty item is not an
    answer), and, for a field left empty, only once Next was pressed on the step (``checked``):
    a field the user answered is flagged from its submission on."""
    if saved is None:
        return False
    parts = finding["path"].strip("/").split("/")[1:]
    node_saved = saved
    for part in parts:
        if isinstance(node_saved, list):
            if not part.isdigit() or int(part) >= len(node_saved):
                return False  # an item added since the step was submitted
            node_saved = node_saved[int(part)]
        elif isinstance(node_saved, dict):
            node_saved = node_saved.get(part.replace("~1", "/").replace("~0", "~"))
        else:
            break
    if checked:
        return True
    pointer = "/" + "/".join(parts)
    if answered(lookup(shown, pointer)):
        return True
    if parts and parts[-1] in TEXT_LANGS:  # a text missing a language: the text was written
        return answered(lookup(shown, "/" + "/".join(parts[:-1])))
    return False
