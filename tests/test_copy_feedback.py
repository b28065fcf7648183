"""Copy confirmations on a 360x640 phone (#22): beside the button pressed, in view, announced politely,
and in a colour that does not read as an error."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

PHONE = {
    "viewport": {"width": 360, "height": 640},
    "has_touch": True,
    "is_mobile": True,
    "device_scale_factor": 2,
    "permissions": ["clipboard-read", "clipboard-write"],
}

# Each page with a Copy button: how to reach the button, and the confirmation region beside it.
COPIES = {
    "letter": ("letters/card-chargeback/", "[data-rg-action=copy]", "[data-rg-said]"),
    "checklist": ("checklist/", "[data-rg-action=copy]", "[data-rg-said]"),
    "kit": ("for-lawyers/", "[data-rg-copy]", "[data-rg-kit-said]"),
}


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


def luminance(rgb: str) -> float:
    """Relative luminance of a computed `rgb(r, g, b)` colour (WCAG 2.2)."""
    parts = [int(float(part)) / 255 for part in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    linear = [part / 12.92 if part <= 0.04045 else ((part + 0.055) / 1.055) ** 2.4 for part in parts]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("where", sorted(COPIES))
def test_copy_confirmation_is_beside_the_button_and_in_view(phone: Any, served: str, where: str) -> None:
    url, button_selector, said_selector = COPIES[where]
    phone.goto(served + url)
    if where == "checklist":
        phone.locator(".rg-export summary").tap()
    button = phone.locator(f"{button_selector}:visible").first
    button.scroll_into_view_if_needed()
    button.tap()
    said = phone.locator(said_selector).filter(has_text="copied").first
    said.wait_for()
    box, pressed = said.bounding_box(), button.bounding_box()
    assert box is not None and pressed is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= 641 and box["x"] >= 0 and box["x"] + box["width"] <= 361
    # Beside: right below the button, or on its line, never a screen away.
    assert box["y"] - (pressed["y"] + pressed["height"]) <= 24 and box["y"] + box["height"] > pressed["y"]
    assert said.get_attribute("role") == "status"
    colour = said.evaluate("node => getComputedStyle(node).color")
    red, green, _ = (int(float(part)) for part in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3])
    assert green > red, f"{colour} reads as a warning or an error"
    background = phone.evaluate("getComputedStyle(document.body).backgroundColor")
    lighter, darker = sorted((luminance(colour), luminance(background)), reverse=True)
    assert (lighter + 0.05) / (darker + 0.05) >= 4.5
    # The pressed button does not turn the accent's red-orange either.
    fill = button.evaluate("node => getComputedStyle(node).backgroundColor")
    assert not fill.startswith("rgb(178, 60, 23)"), fill
