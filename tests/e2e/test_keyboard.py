"""Logging a twitch with the keyboard alone: Tab, Space, Enter and the arrow keys.

Every place the Tab key stops must show where the focus is (an outline or a box shadow, as
the site's yellow focus style draws), and nothing may need a mouse. The face map is an
extra for pointers: its regions are not in the tab order (the SVG is hidden from assistive
technology), and the labelled checkboxes and radio buttons are the keyboard's way in; the
map still lights up to mirror what the keys chose.

Runs at the desktop size, where people use a keyboard (on a phone the menu is collapsed).
"""

import pytest
from playwright.sync_api import expect

from journal.models import Episode
from tests.e2e.conftest import DESKTOP

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.parametrize("viewport", [DESKTOP], ids=["desktop"]),
]

#: What has the focus, and whether its focus style can be seen (WCAG 2.4.7 and 1.4.11): an
#: outline at least 2 px wide, or a ring drawn by a box shadow with at least 2 px of spread
#: that the outline does not cover, in a colour with 3:1 contrast against what is behind the
#: element. (A yellow outline alone vanishes on a white page; a shadow under the outline is
#: not seen.)
FOCUS_STATE = """() => {
  const el = document.activeElement;
  // Bootstrap fades the focus shadow in; judge the style the person sees once it has.
  for (const animation of el.getAnimations()) animation.finish();
  const style = getComputedStyle(el);
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  let behind = [255, 255, 255];
  for (let node = el.parentElement; node; node = node.parentElement) {
    const colour = rgb(getComputedStyle(node).backgroundColor);
    if (colour.length === 3 || colour[3] > 0) { behind = colour; break; }
  }
  const parts = [];
  const outlineWidth = style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth);
  if (outlineWidth >= 2) parts.push(rgb(style.outlineColor));
  for (const layer of style.boxShadow.split(/,(?![^(]*\\))/)) {
    const colour = (layer.match(/rgba?\\([^)]*\\)/) || [""])[0];
    const lengths = (layer.replace(colour, "").match(/-?[\\d.]+px/g) || []).map(parseFloat);
    const spread = lengths[3] || 0;
    const covered = outlineWidth >= 2 && parseFloat(style.outlineOffset) < spread;
    if (colour && spread >= 2 && !/inset/.test(layer) && !covered) parts.push(rgb(colour));
  }
  const best = Math.max(0, ...parts.map((c) => contrast(c, behind)));
  const box = el.getBoundingClientRect();
  const label = el.labels && el.labels.length ? el.labels[0].textContent : el.textContent;
  // The calendar button inside a date box is the browser's own control, with its own ring;
  // while it has the focus the box itself does not match :focus.
  const pickerButton = el.matches("input[type^=date], input[type=time]") && !el.matches(":focus");
  return {
    name: `${el.tagName.toLowerCase()}#${el.id} "${(label || "").trim().slice(0, 40)}"`,
    indicator: best >= 3 || pickerButton,
    contrast: Math.round(best * 10) / 10,
    visible: box.width > 0 && box.height > 0,
    onBody: el === document.body,
    inFaceMap: Boolean(el.closest("#facemap")),
  };
}"""


class Keyboard:
    """Moves through a page with the keys only, checking every place the focus stops."""

    def __init__(self, page):
        self.page = page
        self.stops: list[str] = []

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)

    def tab_to(self, target, *, limit: int = 80) -> None:
        """Press Tab until ``target`` (a locator) has the focus; check each stop on the way."""
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            state = self.page.evaluate(FOCUS_STATE)
            self.stops.append(state["name"])
            assert not state["onBody"], f"Tab lost the focus after {self.stops[-2:]}"
            assert state["visible"], f"{state['name']} has the focus but cannot be seen"
            assert state["indicator"], (
                f"{state['name']}: focus style contrast {state['contrast']}:1"
            )
            assert not state["inFaceMap"], f"{state['name']}: the face map took the focus"
            if target.evaluate("el => el === document.activeElement"):
                return
        raise AssertionError(f"Tab never reached {target}; it stopped at {self.stops[-limit:]}")


@pytest.fixture
def keys(signed_in_page):
    return Keyboard(signed_in_page)


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_the_quick_log_is_filled_in_and_saved_with_the_keyboard(
    signed_in_page, keys, live_server, person
):
    page = signed_in_page
    # The skip link is the first stop, shows itself and jumps over the menu.
    keys.tab_to(page.get_by_role("link", name="Skip to main content"))
    keys.press("Enter")
    keys.tab_to(page.get_by_role("link", name="Log a twitch now"))
    keys.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/journal/quick/")

    # The timer started on its own: stop it with Space.
    toggle = page.locator("#timer-toggle")
    expect(toggle).to_have_text("Stop timer")
    keys.tab_to(toggle)
    keys.press("Space")
    expect(toggle).to_have_text("Start again")
    # The quick log posts the duration in seconds, shown as minutes and seconds.
    assert int(page.locator("#id_duration_seconds").input_value()) >= 1

    # The map is for pointers only; every Tab stop above also checked it never took focus.
    expect(page.locator("#facemap svg")).to_have_attribute("aria-hidden", "true")
    expect(page.locator("#facemap [tabindex]")).to_have_count(0)
    eyelid = page.get_by_role("checkbox", name="Eyelid", exact=True)
    keys.tab_to(eyelid)
    keys.press("Space")
    expect(eyelid).to_be_checked()
    # Tab enters the side group at its first radio button; the arrow moves and chooses.
    keys.tab_to(page.get_by_role("radio", name="Left", exact=True))
    keys.press("ArrowDown")
    expect(page.get_by_role("radio", name="Right", exact=True)).to_be_checked()
    expect(page.locator("#facemap-summary")).to_have_text("Picked: eyelid on your right.")
    right_eyelid = page.locator('.facemap__region[data-location="eyelid"][data-side="right"]')
    expect(right_eyelid).to_have_class("facemap__region is-selected")

    # Strength is a radio group drawn as buttons: Tab lands on "Not sure", arrows choose.
    keys.tab_to(page.get_by_role("radio", name="Not sure"))
    for _ in range(6):
        keys.press("ArrowRight")
    expect(page.get_by_role("radio", name="6", exact=True)).to_be_checked()
    keys.tab_to(page.get_by_role("button", name="Save this twitch"))
    keys.press("Enter")

    expect(page.get_by_text("Saved. Add what set it off")).to_be_visible()
    episode = Episode.objects.get(user=person)
    assert (episode.locations, episode.side, episode.intensity) == (["eyelid"], "right", 6)
    assert episode.duration_seconds >= 1


def test_the_full_form_is_filled_in_and_saved_with_the_keyboard(
    signed_in_page, keys, live_server, person
):
    page = signed_in_page
    page.goto(f"{live_server.url}/journal/new/")

    cheek = page.get_by_role("checkbox", name="Cheek", exact=True)
    keys.tab_to(cheek)
    keys.press("Space")
    left = page.get_by_role("radio", name="Left", exact=True)
    keys.tab_to(left)
    keys.press("Space")
    expect(left).to_be_checked()
    expect(page.locator("#facemap-summary")).to_have_text("Picked: cheek on your left.")

    keys.tab_to(page.get_by_label("How long did it last, in seconds?"))
    page.keyboard.type("45")
    keys.tab_to(page.get_by_label("How strong was it?"))
    page.keyboard.type("3")
    stress = page.get_by_role("checkbox", name="Stress", exact=True)
    keys.tab_to(stress)
    keys.press("Space")
    keys.tab_to(page.get_by_label("Notes"))
    page.keyboard.type("Typed with the keyboard.")
    keys.tab_to(page.get_by_role("button", name="Save this twitch"))
    keys.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Twitch on")
    episode = Episode.objects.get(user=person)
    assert episode.locations == ["cheek"]
    assert (episode.side, episode.duration_seconds, episode.intensity) == ("left", 45, 3)
    assert (episode.triggers, episode.notes) == (["stress"], "Typed with the keyboard.")


def test_a_stroke_sign_ticked_with_space_moves_the_focus_to_the_emergency_card(
    signed_in_page, keys, live_server, person
):
    page = signed_in_page
    page.goto(f"{live_server.url}/journal/new/")
    card = page.locator("#stroke-card")

    keys.tab_to(page.get_by_role("checkbox", name="Confusion", exact=True))
    keys.press("Space")
    expect(card).to_be_visible()
    expect(card).to_be_focused()
    expect(card).to_be_in_viewport()
    state = page.evaluate(FOCUS_STATE)
    assert state["indicator"], "the focused emergency card shows no focus style"

    # From the card, the keys carry on into the form and the twitch is saved.
    keys.tab_to(page.get_by_role("checkbox", name="Mouth", exact=True))
    keys.press("Space")
    keys.tab_to(page.get_by_role("radio", name="Left", exact=True))
    keys.press("Space")
    keys.tab_to(page.get_by_role("button", name="Save this twitch"))
    keys.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Twitch on")
    expect(card).to_be_in_viewport()
    assert Episode.objects.get(user=person).symptoms == ["confusion"]
