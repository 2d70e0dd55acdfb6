"""Build the shipped base document, `bdg_plan/base.docx`: docx_styles' styles and page, cleaned.

Every plan is written on this file (`docx_package.base_package` reads it once per process), so
no run pays for building styles. Regenerate it after changing `docx_styles.STYLES`,
`BUILTIN_STYLES` or the page setup, with one command from the project root:

    python -m bdg_plan.docx.write.base_document

`tests/test_base_document.py` fails, naming that command, while the shipped file differs from
what the code builds.

Cleaning: python-docx's stock template rides along in a document it builds. Dropped here:
the blank-page thumbnail (file browsers showed every plan as an empty page), app.xml (it
claimed "Microsoft Macintosh Word" and 0 words), stylesWithEffects.xml (out of step with
styles.xml: Word repairs the file), the latent style list and every style the plan does not use
(styles.xml: 360 KB -> a few KB), the bibliography custom XML, the unused numbering and web
settings parts, and the settings that describe an old editing session (revision ids, proofing
state, document id, "save a preview picture").
"""

from __future__ import annotations

import io
import posixpath
import sys
import zipfile

from lxml import etree

from bdg_plan.docx.write import package as docx_package
from bdg_plan.docx.write import styles as docx_styles
from bdg_plan.output import atomic_write

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"

#: Parts of the stock template a plan does not use.
_DROPPED_PARTS = frozenset(
    {
        "docProps/thumbnail.jpeg",
        "docProps/app.xml",
        "word/stylesWithEffects.xml",
        "word/webSettings.xml",
        "word/numbering.xml",
        "customXml/item1.xml",
        "customXml/_rels/item1.xml.rels",
        "customXml/itemProps1.xml",
    }
)
#: Settings that describe the template's last editing session, not this document.
_DROPPED_SETTINGS = (
    f"{{{_W}}}rsids",
    f"{{{_W}}}proofState",
    f"{{{_W}}}savePreviewPicture",
    f"{{{_W}}}attachedTemplate",
    f"{{{_W14}}}docId",
)


def build_parts() -> dict[str, bytes]:
    """The cleaned base document's parts, by name, in the order they are stored."""
    buffer = io.BytesIO()
    docx_styles.build_base_document().save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        parts = {name: archive.read(name) for name in archive.namelist() if name not in _DROPPED_PARTS}
    parts["[Content_Types].xml"] = _clean_content_types(parts["[Content_Types].xml"])
    for name in [name for name in parts if name.endswith(".rels")]:
        parts[name] = _clean_relationships(name, parts[name])
    parts["word/styles.xml"] = _clean_styles(parts["word/styles.xml"])
    parts["word/settings.xml"] = _clean_settings(parts["word/settings.xml"])
    return parts


def build() -> bytes:
    """The cleaned base document as a .docx, with fixed zip entry times."""
    return docx_package.zip_parts(build_parts())


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)


def _clean_content_types(data: bytes) -> bytes:
    root = etree.fromstring(data)
    for override in root.findall(f"{{{_CT}}}Override"):
        if override.get("PartName", "").lstrip("/") in _DROPPED_PARTS:
            root.remove(override)
    for default in root.findall(f"{{{_CT}}}Default"):
        if default.get("Extension") == "jpeg":
            root.remove(default)
    return _serialise(root)


def _clean_relationships(name: str, data: bytes) -> bytes:
    """Drop relationships to dropped parts; targets are relative to the source part's folder."""
    source_folder = posixpath.dirname(posixpath.dirname(name))
    root = etree.fromstring(data)
    for relationship in root.findall(f"{{{_RELS}}}Relationship"):
        if relationship.get("TargetMode") == "External":
            continue
        target = posixpath.normpath(posixpath.join(source_folder, relationship.get("Target", "")))
        if target in _DROPPED_PARTS:
            root.remove(relationship)
    return _serialise(root)


def _clean_styles(data: bytes) -> bytes:
    """Keep the document defaults, the default styles and the styles the writer uses."""
    root = etree.fromstring(data)
    for latent in root.findall(f"{{{_W}}}latentStyles"):
        root.remove(latent)
    styles = {style.get(f"{{{_W}}}styleId", ""): style for style in root.findall(f"{{{_W}}}style")}
    wanted = [spec.style_id for spec in docx_styles.STYLES.values()] + list(docx_styles.BUILTIN_STYLES)
    wanted += [key for key, style in styles.items() if style.get(f"{{{_W}}}default") == "1"]
    keep: set[str] = set()
    while wanted:
        style_id = wanted.pop()
        if style_id in keep or style_id not in styles:
            continue
        keep.add(style_id)
        for link in ("basedOn", "next", "link"):
            element = styles[style_id].find(f"{{{_W}}}{link}")
            if element is not None:
                wanted.append(element.get(f"{{{_W}}}val", ""))
    for style_id, style in styles.items():
        if style_id not in keep:
            root.remove(style)
    return _serialise(root)


def _clean_settings(data: bytes) -> bytes:
    root = etree.fromstring(data)
    for tag in _DROPPED_SETTINGS:
        for element in root.findall(tag):
            root.remove(element)
    return _serialise(root)


def main() -> None:
    """Write the base document into the package (`docx_package.BASE_DOCX`)."""
    atomic_write(docx_package.BASE_DOCX, build(), force=True)
    sys.stdout.write(f"{docx_package.BASE_DOCX}\n")


if __name__ == "__main__":
    main()
