"""Read a .docx's XML for tests: paragraphs, resolved run and paragraph properties, tables, headers.

Properties are resolved the way Word does: document defaults, then the paragraph style chain
(basedOn), then the run's own properties. Tests assert on these resolved values, never on bytes.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = f"{{{W_NS}}}"
NS = {"w": W_NS, "r": R_NS}
TWIPS_PER_MM = 1440 / 25.4


def _on(element: Any) -> bool:
    if element is None:
        return False
    return element.get(f"{W}val", "true") not in ("0", "false", "off")


@dataclass
class RunProps:
    bold: bool
    italic: bool
    size: int  # half-points
    fonts: dict[str, str]
    color: str | None
    caps: bool


@dataclass
class ParaProps:
    jc: str | None
    first_line: int
    left: int
    right: int
    before: int
    after: int
    line: int | None
    line_rule: str | None
    keep_next: bool


class Docx:
    def __init__(self, data: bytes) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.document = etree.fromstring(self.zip.read("word/document.xml"))
        self.styles_root = etree.fromstring(self.zip.read("word/styles.xml"))
        self.styles = {s.get(f"{W}styleId"): s for s in self.styles_root.iter(f"{W}style")}
        self.body = self.document.find(f"{W}body")
        rels = etree.fromstring(self.zip.read("word/_rels/document.xml.rels"))
        self.rels = {r.get("Id"): r.get("Target") for r in rels}

    # --- structure ---------------------------------------------------------------------------
    def sect_pr(self) -> Any:
        return self.body.find(f"{W}sectPr")

    def header(self, kind: str) -> Any | None:
        for ref in self.sect_pr().findall(f"{W}headerReference"):
            if ref.get(f"{W}type") == kind:
                return etree.fromstring(self.zip.read("word/" + self.rels[ref.get(f"{{{R_NS}}}id")]))
        return None

    def tables(self) -> list[Any]:
        return self.body.findall(f"{W}tbl")

    def body_paragraphs(self) -> list[Any]:
        """Top-level paragraphs of the body (not those inside tables)."""
        return self.body.findall(f"{W}p")

    @staticmethod
    def text(element: Any) -> str:
        parts = []
        for node in element.iter(f"{W}t", f"{W}br", f"{W}tab"):
            if node.tag == f"{W}t":
                parts.append(node.text or "")
            elif node.tag == f"{W}br":
                parts.append("\n")
            else:
                parts.append("\t")
        return "".join(parts)

    def all_text(self) -> str:
        """Every paragraph's text in document order (tables included), one per line."""
        return "\n".join(self.text(p) for p in self.body.iter(f"{W}p"))

    @staticmethod
    def cell_paragraphs(table: Any, row: int, column: int) -> list[Any]:
        tr = table.findall(f"{W}tr")[row]
        tc = tr.findall(f"{W}tc")[column]
        return tc.findall(f"{W}p")

    # --- property resolution -----------------------------------------------------------------
    def _style_chain(self, style_id: str | None) -> list[Any]:
        chain = []
        current = style_id or self._default_paragraph_style()
        seen = set()
        while current and current in self.styles and current not in seen:
            seen.add(current)
            style = self.styles[current]
            chain.append(style)
            based = style.find(f"{W}basedOn")
            current = based.get(f"{W}val") if based is not None else None
        return list(reversed(chain))

    def _default_paragraph_style(self) -> str | None:
        for style_id, style in self.styles.items():
            if style.get(f"{W}type") == "paragraph" and style.get(f"{W}default") in ("1", "true"):
                return style_id
        return None

    @staticmethod
    def _style_id(p: Any) -> str | None:
        ppr = p.find(f"{W}pPr")
        if ppr is None:
            return None
        ps = ppr.find(f"{W}pStyle")
        return ps.get(f"{W}val") if ps is not None else None

    def style_id(self, p: Any) -> str | None:
        return self._style_id(p)

    def _rpr_layers(self, p: Any, r: Any | None) -> list[Any]:
        layers = []
        defaults = self.styles_root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        if defaults is not None:
            layers.append(defaults)
        for style in self._style_chain(self._style_id(p)):
            rpr = style.find(f"{W}rPr")
            if rpr is not None:
                layers.append(rpr)
        if r is not None and r.find(f"{W}rPr") is not None:
            layers.append(r.find(f"{W}rPr"))
        return layers

    def run_props(self, p: Any, r: Any | None = None) -> RunProps:
        bold = italic = caps = False
        size = 20
        fonts: dict[str, str] = {}
        color = None
        for layer in self._rpr_layers(p, r):
            if layer.find(f"{W}b") is not None:
                bold = _on(layer.find(f"{W}b"))
            if layer.find(f"{W}i") is not None:
                italic = _on(layer.find(f"{W}i"))
            if layer.find(f"{W}caps") is not None:
                caps = _on(layer.find(f"{W}caps"))
            if layer.find(f"{W}sz") is not None:
                size = int(layer.find(f"{W}sz").get(f"{W}val"))
            rfonts = layer.find(f"{W}rFonts")
            if rfonts is not None:
                for key, value in rfonts.attrib.items():
                    fonts[key.split("}")[1]] = value
            if layer.find(f"{W}color") is not None:
                color = layer.find(f"{W}color").get(f"{W}val")
        return RunProps(bold, italic, size, fonts, color, caps)

    def runs(self, p: Any) -> list[Any]:
        return [r for r in p.iter(f"{W}r") if r.find(f"{W}t") is not None]

    def para_props(self, p: Any) -> ParaProps:
        values: dict[str, Any] = {
            "jc": None,
            "first_line": 0,
            "left": 0,
            "right": 0,
            "before": 0,
            "after": 0,
            "line": None,
            "line_rule": None,
            "keep_next": False,
        }
        layers = []
        defaults = self.styles_root.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr")
        if defaults is not None:
            layers.append(defaults)
        for style in self._style_chain(self._style_id(p)):
            if style.find(f"{W}pPr") is not None:
                layers.append(style.find(f"{W}pPr"))
        if p.find(f"{W}pPr") is not None:
            layers.append(p.find(f"{W}pPr"))
        for layer in layers:
            jc = layer.find(f"{W}jc")
            if jc is not None:
                values["jc"] = jc.get(f"{W}val")
            ind = layer.find(f"{W}ind")
            if ind is not None:
                for attr, key in (("firstLine", "first_line"), ("left", "left"), ("right", "right")):
                    if ind.get(f"{W}{attr}") is not None:
                        values[key] = int(ind.get(f"{W}{attr}"))
            spacing = layer.find(f"{W}spacing")
            if spacing is not None:
                for attr, key in (("before", "before"), ("after", "after")):
                    if spacing.get(f"{W}{attr}") is not None:
                        values[key] = int(spacing.get(f"{W}{attr}"))
                if spacing.get(f"{W}line") is not None:
                    values["line"] = int(spacing.get(f"{W}line"))
                    values["line_rule"] = spacing.get(f"{W}lineRule", "auto")
            if layer.find(f"{W}keepNext") is not None:
                values["keep_next"] = _on(layer.find(f"{W}keepNext"))
        return ParaProps(**values)

    def paragraph_by_text(self, text: str) -> Any:
        for p in self.body.iter(f"{W}p"):
            if self.text(p) == text:
                return p
        raise AssertionError(f"no paragraph with text {text!r}")

    def paragraphs_starting(self, prefix: str) -> list[Any]:
        return [p for p in self.body.iter(f"{W}p") if self.text(p).startswith(prefix)]

    @staticmethod
    def bottom_border(p: Any) -> Any | None:
        ppr = p.find(f"{W}pPr")
        if ppr is None or ppr.find(f"{W}pBdr") is None:
            return None
        return ppr.find(f"{W}pBdr").find(f"{W}bottom")

    @staticmethod
    def cell_width(table: Any, column: int) -> int:
        return int(table.find(f"{W}tblGrid").findall(f"{W}gridCol")[column].get(f"{W}w"))
