"""The firm's logo ships as a file of the site, opened at its own address where no page's
Content-Security-Policy applies. So it must be what it says: a PNG, JPEG or WebP image by its
content, or an SVG drawing that passes a strict allow-list (shapes, text and gradients; no script,
no event handler, no link out of the file, no embedded HTML)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

MAX_LOGO_BYTES = 1_000_000

RASTER = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WebP"}

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
SVG_ELEMENTS = frozenset(
    {
        "svg",
        "g",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
        "title",
        "desc",
        "defs",
        "linearGradient",
        "radialGradient",
        "stop",
        "clipPath",
        "mask",
        "symbol",
        "use",
    }
)
# Attribute values may point only inside the file: href="#id", fill="url(#id)".
EXTERNAL = re.compile(r"url\(\s*['\"]?\s*(?!#)|@import|javascript:|data:|expression\(", re.IGNORECASE)


def raster_kind(head: bytes) -> str | None:
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    return None


def _local(name: str) -> str:
    return name.split("}", 1)[1] if name.startswith("{") else name


def svg_problem(content: bytes) -> str | None:
    """Why an SVG is not a plain drawing, or None."""
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return "is not UTF-8 text (an SVG must be)"
    if re.search(r"<!DOCTYPE|<!ENTITY|<\?xml-stylesheet", text, re.IGNORECASE):
        return "has a DOCTYPE, an entity or a stylesheet instruction: an SVG logo may hold only a drawing"
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        return f"is not well-formed XML (line {error.position[0]})"
    if root.tag != f"{SVG}svg":
        return "is not an SVG drawing (its root must be <svg> in the SVG namespace)"
    for element in root.iter():
        name = _local(element.tag) if isinstance(element.tag, str) else "?"
        if not element.tag.startswith(SVG) or name not in SVG_ELEMENTS:  # type: ignore[union-attr]
            return f"has the element <{name}>: an SVG logo holds shapes and text only (no script, foreignObject, image)"
        for attribute, value in element.attrib.items():
            local = _local(attribute)
            if local.lower().startswith("on"):
                return f"has the event handler {local}= on <{name}>"
            if local == "href" and attribute in ("href", f"{XLINK}href") and not value.startswith("#"):
                return f"has <{name} href> pointing outside the file"
            if EXTERNAL.search(value):
                return f"has {local}= on <{name}> pointing outside the file"
    return None


def logo_problem(path: Path) -> str | None:
    """Why a logo file may not ship, or None. The file has passed repo_files.file_problem."""
    size = path.stat().st_size
    if size > MAX_LOGO_BYTES:
        return f"is too big: {size:,} bytes, at most {MAX_LOGO_BYTES:,}"
    content = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".svg":
        return svg_problem(content)
    found = raster_kind(content[:16])
    if found != RASTER.get(suffix):
        return f"is not a {RASTER.get(suffix, 'PNG, JPEG or WebP')} image (by its content), though named {path.name}"
    return None
