"""Draw the site's one Open Graph image (the picture a chat app or social network shows beside a
shared link) at build time: 1200 x 630 pixels, the site name and a short line from the site
description, in the theme's colours from docs/assets/css/extra.css.

No network: Material's social plugin downloads fonts, so this hook draws with Pillow and a local
font (DejaVu Sans where Debian or Ubuntu installs it, else Pillow's bundled font), so the build
never fails for lack of a font. The same inputs give the same bytes on every build: the PNG carries
no timestamp or other metadata. overrides/main.html points og:image and twitter:image at it.
"""

from __future__ import annotations

import io
import re
import textwrap
from functools import cache
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from PIL import Image, ImageDraw, ImageFont

IMAGE_PATH = "assets/images/social.png"  # overrides/main.html names it too
WIDTH, HEIGHT = 1200, 630
MARGIN = 80
FONTS = "/usr/share/fonts/truetype/dejavu"  # Debian and Ubuntu (fonts-dejavu-core)
BOLD, REGULAR = f"{FONTS}/DejaVuSans-Bold.ttf", f"{FONTS}/DejaVuSans.ttf"
STYLESHEET = "assets/css/extra.css"
BACKGROUND = "--md-primary-fg-color--dark"  # the theme's dark teal
STRIPE = "--md-accent-fg-color"  # the first (light scheme) value in the stylesheet
TEXT = (255, 255, 255)


def font(path: str, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """The font at path if this machine has it, else Pillow's own (so a fresh machine can build)."""
    if Path(path).is_file():
        return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def theme_colour(css: str, variable: str) -> str:
    match = re.search(rf"{re.escape(variable)}:\s*(#[0-9a-fA-F]{{6}})\s*;", css)
    if match is None:
        raise PluginError(f"docs/{STYLESHEET}: no '{variable}: #rrggbb;' for the social image")
    return match.group(1)


def tagline(description: str) -> str:
    """The short line under the name: the site description up to its first colon."""
    return " ".join(description.split(":", 1)[0].split())


def wrapped(draw: ImageDraw.ImageDraw, text: str, face: ImageFont.ImageFont, max_lines: int) -> list[str]:
    """Break text into lines that fit between the margins, at most max_lines (the last one ends in …)."""
    width = WIDTH - 2 * MARGIN
    for columns in range(60, 5, -1):
        lines = textwrap.wrap(text, columns)
        if all(draw.textlength(line, font=face) <= width for line in lines):
            break
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(" .,;:") + "…"
    return lines


@cache
def render(name: str, line: str, background: str, stripe: str) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 18), fill=stripe)
    title_face, line_face = font(BOLD, 76), font(REGULAR, 40)
    y = MARGIN + 40
    for text in wrapped(draw, name, title_face, 3):
        draw.text((MARGIN, y), text, font=title_face, fill=TEXT)
        y += 92
    y += 36
    for text in wrapped(draw, line, line_face, 4):
        draw.text((MARGIN, y), text, font=line_face, fill=TEXT)
        y += 54
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)  # Pillow writes no tIME or text chunk
    return output.getvalue()


def social_image(config: MkDocsConfig) -> bytes:
    css = (Path(config.docs_dir) / STYLESHEET).read_text(encoding="utf-8")
    return render(
        config.site_name,
        tagline(config.site_description or ""),
        theme_colour(css, BACKGROUND),
        theme_colour(css, STRIPE),
    )


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if files.get_file_from_path(IMAGE_PATH) is not None:
        raise PluginError(f"{IMAGE_PATH} is drawn by hooks/social_image.py: remove the other file")
    files.append(File.generated(config, IMAGE_PATH, content=social_image(config)))
    return files
