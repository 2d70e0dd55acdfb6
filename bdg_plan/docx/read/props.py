"""Reading a .docx (import, check): formatting resolved the way Word shows it.

Run properties come from the document defaults, then the paragraph style chain (w:basedOn),
then the run's character style chain, then the run's own w:rPr; paragraph properties likewise
without the run layers. Which list a paragraph's automatic number belongs to (w:numPr on the
paragraph or on its style) is found here; `docx_numbering` counts the labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
TWIPS_PER_MM = 1440 / 25.4

#: The deepest w:basedOn chain followed (Word's own styles are 2-4 deep); deeper bases are ignored.
MAX_STYLE_DEPTH = 16
#: The most styles (and style pairs) whose resolved values are remembered; past it they are
#: resolved again each time, at most `MAX_STYLE_DEPTH` layers each.
MAX_STYLE_MEMO = 4_096
#: Styles read from styles.xml (Word's own templates define a few hundred); later ones are ignored.
MAX_STYLES = 10_000
#: The largest length read, in twips (about 35 m): anything larger, "inf" or "nan" is ignored.
MAX_TWIPS = 2_000_000

_ASCII_INT = re.compile(r"-?[0-9]{1,12}")
_ASCII_NUMBER = re.compile(r"-?[0-9]{1,12}(?:\.[0-9]{1,12})?")


def ascii_int(value: str | None, low: int, high: int) -> int | None:
    """A whole number written in ASCII digits, within [low, high]; None otherwise.

    Python's `int` also reads "²" (no: it raises), "١٢" (Arabic-Indic digits) and "1_0"; a
    Word file's numbers are plain ASCII, and anything else is ignored rather than guessed.
    """
    if value is None or not _ASCII_INT.fullmatch(value):
        return None
    number = int(value)
    return number if low <= number <= high else None


def twips(value: str | None) -> int | None:
    """A length in twips ("1440", "1440.5" read as 1440), within ±`MAX_TWIPS`; None otherwise.

    "inf", "nan", "1e400" and Unicode digits are refused here, before any arithmetic.
    """
    if value is None or not _ASCII_NUMBER.fullmatch(value):
        return None
    number = int(value.split(".", 1)[0])
    return number if -MAX_TWIPS <= number <= MAX_TWIPS else None


def child(element: Any, tag: str) -> Any | None:
    """The first child of `element` with `tag`.

    A plain scan: lxml's `find` goes through its path machinery, several times slower on the
    handful of children a property element has, and reading calls this thousands of times.
    """
    for node in element:
        if node.tag == tag:
            return node
    return None


def is_on(element: Any) -> bool:
    """A toggle property's value: present and not "0"/"false"/"off"."""
    return element is not None and element.get(f"{W}val", "true") not in ("0", "false", "off", "none")


@dataclass(frozen=True)
class RunFormat:
    """A run's resolved character formatting."""

    bold: bool = False
    italic: bool = False
    size_pt: float = 10.0
    font: str | None = None
    caps: bool = False
    #: w:color's value ("FF0000"), "auto" when none is set (Word's automatic colour: black).
    color: str = "auto"
    #: Hidden text (w:vanish): neither shown nor printed unless the reader asks Word to.
    hidden: bool = False

    @property
    def black(self) -> bool:
        """Decree 30 text colour: automatic or black."""
        return self.color in ("auto", "000000")


@dataclass(frozen=True)
class ParagraphFormat:
    """A paragraph's resolved layout; lengths in millimetres, spacing in points."""

    align: str = "left"
    first_line_mm: float = 0.0
    left_mm: float = 0.0
    right_mm: float = 0.0
    before_pt: float = 0.0
    after_pt: float = 0.0
    line: float | None = None
    line_rule: str = "auto"
    border_bottom: bool = False


@dataclass
class Styles:
    """The styles part: styles by id, document defaults and the default paragraph style."""

    by_id: dict[str, Any] = field(default_factory=dict)
    run_defaults: Any = None
    paragraph_defaults: Any = None
    default_paragraph: str | None = None
    #: Values resolved from the style layers, per paragraph style (and character style): a
    #: document has a handful of styles and thousands of runs.
    paragraph_cache: dict[str, dict[str, Any]] = field(default_factory=dict)
    run_cache: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    numbering_cache: dict[str, tuple[str, int] | None] = field(default_factory=dict)
    format_cache: dict[str, ParagraphFormat] = field(default_factory=dict)
    chains: dict[str, list[Any]] = field(default_factory=dict)
    run_formats: dict[str, RunFormat] = field(default_factory=dict)
    layered: dict[tuple[Any, ...], dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_root(cls, root: Any | None) -> Styles:
        """Index a parsed word/styles.xml (None: a document without styles)."""
        styles = cls()
        if root is None:
            return styles
        for style in islice(root.iter(f"{W}style"), MAX_STYLES):
            style_id = style.get(f"{W}styleId")
            if style_id:
                styles.by_id[style_id] = style
                if style.get(f"{W}type") == "paragraph" and style.get(f"{W}default") in ("1", "true"):
                    styles.default_paragraph = style_id
        styles.run_defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        styles.paragraph_defaults = root.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr")
        return styles

    def chain(self, style_id: str | None, *, paragraph: bool = True) -> list[Any]:
        """The style and the styles it is based on, base first (cycles stop); found once per style.

        At most `MAX_STYLE_DEPTH` styles: a deeper or circular w:basedOn chain is cut there.
        """
        current = style_id or (self.default_paragraph if paragraph else None)
        cached = self.chains.get(current or "")
        if cached is None:
            cached = self._chain(current)
            remember(self.chains, current or "", cached)
        return cached

    def _chain(self, current: str | None) -> list[Any]:
        chain: list[Any] = []
        seen: set[str] = set()
        while current and current in self.by_id and current not in seen and len(seen) < MAX_STYLE_DEPTH:
            seen.add(current)
            style = self.by_id[current]
            chain.append(style)
            based = child(style, f"{W}basedOn")
            current = based.get(f"{W}val") if based is not None else None
        return list(reversed(chain))

    def name(self, style_id: str | None) -> str:
        """The style's display name ("Heading 1"), or "" for none."""
        key = style_id or ""
        cached = self.names.get(key)
        if cached is None:
            style = self.by_id.get(key)
            name = child(style, f"{W}name") if style is not None else None
            cached = (name.get(f"{W}val") or "") if name is not None else ""
            remember(self.names, key, cached)
        return cached

    def paragraph_numbering(self, style_id: str | None) -> tuple[str, int] | None:
        """The numbering (numId, ilvl) a paragraph style carries, if any (resolved once per style)."""
        key = style_id or ""
        if key in self.numbering_cache:
            return self.numbering_cache[key]
        found: tuple[str, int] | None = None
        for style in self.chain(style_id):
            ppr = child(style, f"{W}pPr")
            num_pr = child(ppr, f"{W}numPr") if ppr is not None else None
            if num_pr is not None:
                found = numbering_ref(num_pr, default_level=0) or found
        remember(self.numbering_cache, key, found)
        return found


def remember(memo: dict[Any, Any], key: Any, value: Any) -> None:
    """Keep `value` in a memo unless it already holds `MAX_STYLE_MEMO` entries.

    A hostile file naming thousands of styles gets them resolved again, never an ever-growing memo.
    """
    if len(memo) < MAX_STYLE_MEMO:
        memo[key] = value


_RUN_TOGGLES = {f"{W}b": "bold", f"{W}i": "italic", f"{W}caps": "caps", f"{W}vanish": "hidden"}


def _colour(element: Any) -> str:
    """A w:color as "auto", a hex value, or a theme colour's name when only the theme is given."""
    value = (element.get(f"{W}val") or "auto").upper()
    theme = element.get(f"{W}themeColor")
    if value == "AUTO":
        return theme if theme and theme not in ("text1", "dark1") else "auto"
    return value


def _apply_run_layer(values: dict[str, Any], layer: Any) -> None:
    """One w:rPr over `values`, its children read in one pass (thousands of runs per document)."""
    for element in layer:
        tag = element.tag
        key = _RUN_TOGGLES.get(tag)
        if key is not None:
            values[key] = is_on(element)
        elif tag == f"{W}sz":
            half_points = ascii_int(element.get(f"{W}val", "20"), 1, 3_276)
            if half_points is not None:
                values["size_pt"] = half_points / 2
        elif tag == f"{W}rFonts":
            font = element.get(f"{W}ascii") or element.get(f"{W}hAnsi")
            if font:
                values["font"] = font
            elif element.get(f"{W}asciiTheme"):
                values["font"] = "(theme)"
        elif tag == f"{W}color":
            values["color"] = _colour(element)


def _layered(styles: Styles, chain: list[Any], kind: str) -> dict[str, Any]:
    """The document defaults and each paragraph style of `chain` (base first) applied in turn.

    Memoised per chain prefix, so a style many others are based on ("Normal") is applied once
    per document, not once per style based on it. `kind` is "rPr" or "pPr". Do not mutate.
    A chain is known by its top style and its length (walking w:basedOn down from the top), so
    the key stays three values long however deep the chain is.
    """
    key = (kind, id(chain[-1]) if chain else 0, len(chain))
    found = styles.layered.get(key)
    if found is not None:
        return found
    if chain:
        values = dict(_layered(styles, chain[:-1], kind))
        layer = child(chain[-1], f"{W}{kind}")
    else:
        values = {}
        layer = styles.run_defaults if kind == "rPr" else styles.paragraph_defaults
    if layer is not None:
        (_apply_run_layer if kind == "rPr" else _apply_paragraph_layer)(values, layer)
    remember(styles.layered, key, values)
    return values


def run_format(styles: Styles, style_id: str, run: Any) -> RunFormat:
    """Resolve one run's formatting: defaults, paragraph styles, character style, direct."""
    first = run[0] if len(run) else None
    rpr = first if first is not None and first.tag == f"{W}rPr" else child(run, f"{W}rPr")
    character_element = child(rpr, f"{W}rStyle") if rpr is not None else None
    character = character_element.get(f"{W}val", "") if character_element is not None else ""
    base = styles.run_cache.get((style_id, character))
    if base is None:
        base = dict(_layered(styles, styles.chain(style_id), "rPr"))
        for style in styles.chain(character, paragraph=False) if character else []:
            layer = child(style, f"{W}rPr")
            if layer is not None:
                _apply_run_layer(base, layer)
        remember(styles.run_cache, (style_id, character), base)
    if rpr is None:
        shared = styles.run_formats.get(style_id)
        if shared is None:
            shared = RunFormat(**base)
            remember(styles.run_formats, style_id, shared)
        return shared
    values = dict(base)
    _apply_run_layer(values, rpr)
    return RunFormat(**values)


def _twips_mm(value: str | None) -> float | None:
    number = twips(value)
    return None if number is None else number / TWIPS_PER_MM


#: The w:pPr children `paragraph_format` reads; a w:pPr with none of them adds nothing to its style.
LAYOUT_TAGS = frozenset({f"{W}jc", f"{W}ind", f"{W}spacing", f"{W}pBdr"})


def _apply_paragraph_layer(values: dict[str, Any], layer: Any) -> None:
    """One w:pPr over `values`, its children read in one pass."""
    for element in layer:
        tag = element.tag
        if tag == f"{W}jc":
            val = element.get(f"{W}val", "left")
            values["align"] = {"both": "justify", "start": "left", "end": "right"}.get(val, val)
        elif tag == f"{W}ind":
            _apply_indent(values, element)
        elif tag == f"{W}spacing":
            _apply_spacing(values, element)
        elif tag == f"{W}pBdr":
            border = child(element, f"{W}bottom")
            if border is not None:
                values["border_bottom"] = border.get(f"{W}val") not in (None, "nil", "none")


_FIRST_LINE, _HANGING = f"{W}firstLine", f"{W}hanging"
_LEFT, _START, _RIGHT, _END = f"{W}left", f"{W}start", f"{W}right", f"{W}end"
_BEFORE, _AFTER, _LINE, _LINE_RULE = f"{W}before", f"{W}after", f"{W}line", f"{W}lineRule"


def _apply_indent(values: dict[str, Any], ind: Any) -> None:
    attrs = dict(ind.items())  # one call into lxml, then plain dictionary look-ups
    first = _twips_mm(attrs.get(_FIRST_LINE))
    hanging = _twips_mm(attrs.get(_HANGING))
    if first is not None:
        values["first_line_mm"] = first
    elif hanging is not None:
        values["first_line_mm"] = -hanging
    left = _twips_mm(attrs.get(_LEFT) or attrs.get(_START))
    if left is not None:
        values["left_mm"] = left
    right = _twips_mm(attrs.get(_RIGHT) or attrs.get(_END))
    if right is not None:
        values["right_mm"] = right


def _apply_spacing(values: dict[str, Any], spacing: Any) -> None:
    attrs = dict(spacing.items())
    for attr, key in ((_BEFORE, "before_pt"), (_AFTER, "after_pt")):
        space = twips(attrs.get(attr))
        if space is not None:
            values[key] = space / 20
    if attrs.get(_LINE) is not None:
        rule = attrs.get(_LINE_RULE, "auto")
        raw = twips(attrs[_LINE])
        raw = 240 if raw is None else raw
        values["line"] = raw / 240 if rule == "auto" else raw / 20
        values["line_rule"] = rule


def paragraph_format(styles: Styles, style_id: str, direct: Any | None) -> ParagraphFormat:
    """Resolve a paragraph's layout: defaults, style chain, its direct w:pPr (or None)."""
    base = styles.paragraph_cache.get(style_id)
    if base is None:
        base = _layered(styles, styles.chain(style_id), "pPr")
        remember(styles.paragraph_cache, style_id, base)
    if direct is None:
        shared = styles.format_cache.get(style_id)
        if shared is None:
            shared = ParagraphFormat(**base)
            remember(styles.format_cache, style_id, shared)
        return shared
    values = dict(base)
    _apply_paragraph_layer(values, direct)
    return ParagraphFormat(**values)


# --- Numbering (the lists themselves: docx_numbering) -------------------------------------------
def numbering_ref(num_pr: Any, default_level: int = 0) -> tuple[str, int] | None:
    """(numId, ilvl) of a w:numPr; numId "0" means numbering switched off."""
    num_id = child(num_pr, f"{W}numId")
    level = child(num_pr, f"{W}ilvl")
    if num_id is None:
        return None
    ilvl = ascii_int(level.get(f"{W}val", "0"), -(10**9), 10**9) if level is not None else default_level
    return num_id.get(f"{W}val", "0"), max(0, min(ilvl or 0, 8))
