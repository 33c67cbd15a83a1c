"""« Écouter »: a guide and each of its steps read aloud by the browser's own voice.

The markup is checked on a guide of our own; the behaviour in Chromium, with a fake
speechSynthesis that records what it is asked to say (headless Chromium has no voice).
"""

import pytest
from bs4 import BeautifulSoup

from guides.tests.factories import make_guide, step, tip

GUIDE = "/guides/consulter-ses-comptes-en-ligne/"

# A fake speech synthesis: records each utterance, says nothing until the test calls
# window.__finish() (the end of the current utterance). Voices arrive after the page, as
# in real browsers, with a `voiceschanged` event.
FAKE_SPEECH = """
(() => {
  const listeners = [];
  const fake = {
    spoken: [], current: null, paused: false, voices: [],
    getVoices() { return this.voices; },
    speak(utterance) {
      const voice = utterance.voice && utterance.voice.name;
      this.spoken.push({ text: utterance.text, lang: utterance.lang, voice });
      this.current = utterance;
      if (utterance.onstart) utterance.onstart({});
    },
    pause() { this.paused = true; },
    resume() { this.paused = false; },
    cancel() { this.current = null; },
    addEventListener(type, listener) { if (type === "voiceschanged") listeners.push(listener); },
    removeEventListener() {},
  };
  window.SpeechSynthesisUtterance = function (text) { this.text = text; this.lang = ""; this.voice = null; };
  Object.defineProperty(window, "speechSynthesis", { value: fake, configurable: true });
  window.__finish = () => {
    const utterance = fake.current;
    fake.current = null;
    if (utterance && utterance.onend) utterance.onend({});
  };
  window.__voices = (langs) => {
    fake.voices = langs.map((lang) => ({ lang, name: "Voix " + lang }));
    listeners.forEach((listener) => listener({}));
  };
})();
"""
NO_SPEECH = """
delete window.speechSynthesis;
if ("speechSynthesis" in window) Object.defineProperty(window, "speechSynthesis", { value: undefined });
"""


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


# --- markup -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_guide_renders_hidden_listen_buttons_in_french_and_loads_the_script_deferred(client):
    guide = make_guide(
        steps=[step("Ouvrez le site", "Tapez l'adresse."), tip("Prenez votre temps."), step("Connectez-vous")]
    )
    page = soup(client, guide.url)

    controls = page.select_one("article [data-read-aloud-controls]")
    assert controls.has_attr("hidden")  # no empty space where the buttons will be
    buttons = {button["data-read-aloud"]: button for button in controls.find_all("button")}
    assert buttons["guide"].get_text(strip=True) == "Écouter le guide"
    assert buttons["pause"].get_text(strip=True) == "Pause"
    assert not buttons["pause"].has_attr("aria-pressed")  # its label alone says what it does
    assert buttons["pause"]["data-label-resume"] == "Reprendre la lecture"
    assert buttons["stop"].get_text(strip=True) == "Arrêter la lecture"

    step_buttons = page.select("li.guide-step button[data-read-aloud=step]")
    assert [b.get_text(strip=True) for b in step_buttons] == ["Écouter l'étape 1", "Écouter l'étape 2"]
    # Real buttons that submit nothing, hidden until the script finds a voice.
    for button in [*buttons.values(), *step_buttons]:
        assert button["type"] == "button"
        assert button.has_attr("hidden")

    scripts = [s for s in page.find_all("script", src=True) if s["src"].endswith("js/read-aloud.js")]
    assert len(scripts) == 1 and scripts[0].has_attr("defer")
    # The CSP forbids inline scripts: nothing inline was added for this.
    assert not [s for s in page.find_all("script", src=False) if s.get("type") != "application/ld+json"]


# --- in Chromium --------------------------------------------------------------------------


def steps_titles(page):
    """The steps' titles, without their hidden « Étape n : » prefix."""
    return page.locator("ol.guide-steps > li .guide-step__title").evaluate_all(
        "titles => titles.map(t => t.lastChild.textContent.trim())"
    )


def spoken(page):
    return page.evaluate("window.speechSynthesis.spoken")


@pytest.mark.browser
def test_listen_reads_the_steps_in_order_with_highlight_pause_and_stop(live_demo, page):
    page.add_init_script(FAKE_SPEECH)
    page.goto(live_demo + GUIDE)
    play = page.get_by_role("button", name="Écouter le guide")
    assert play.is_hidden()  # no voice yet
    page.evaluate("window.__voices(['en-GB', 'fr-FR'])")
    assert play.is_visible()
    assert page.get_by_role("button", name="Écouter l'étape 1").is_visible()

    play.click()
    # First the title and summary, then "Avant de commencer", then each step in order.
    assert "Consulter ses comptes en ligne" in spoken(page)[0]["text"]
    assert spoken(page)[0]["lang"] == "fr" and spoken(page)[0]["voice"] == "Voix fr-FR"
    page.evaluate("window.__finish()")
    assert "Avant de commencer" in spoken(page)[1]["text"]
    # A pause between two items of a list: each ends a sentence (never « …en ligneLe RIB… »).
    items = [text.strip() for text in page.locator(".guide-checklist li").all_inner_texts()]
    assert len(items) >= 2
    for item, following in zip(items, items[1:], strict=False):
        assert f"{item.rstrip('.')}. {following}" in spoken(page)[1]["text"], spoken(page)[1]["text"]
    for number, title in enumerate(steps_titles(page)[:3], start=1):
        page.evaluate("window.__finish()")
        said = spoken(page)[-1]["text"]
        assert title in said and "Écouter" not in said
        current = page.locator("li.guide-step[aria-current=step]")
        assert current.count() == 1 and current.get_attribute("id") == f"etape-{number}"
        assert "is-reading" in current.get_attribute("class")

    pause = page.get_by_role("button", name="Pause")
    assert page.evaluate("document.activeElement.dataset.readAloud") == "pause"
    pause.click()
    resume = page.get_by_role("button", name="Reprendre la lecture", exact=True)
    assert resume.get_attribute("aria-pressed") is None
    assert page.evaluate("window.speechSynthesis.paused") is True
    resume.click()
    assert page.get_by_role("button", name="Pause", exact=True).is_visible()
    assert page.evaluate("window.speechSynthesis.paused") is False

    page.get_by_role("button", name="Arrêter la lecture").click()
    assert page.locator("li.guide-step[aria-current]").count() == 0
    count = len(spoken(page))
    page.evaluate("window.__finish()")  # a late `end` of the cancelled utterance
    assert len(spoken(page)) == count
    assert page.get_by_role("button", name="Pause").is_hidden()
    assert page.evaluate("document.activeElement.dataset.readAloud") == "guide"

    page.emulate_media(media="print")
    assert play.is_hidden()


@pytest.mark.browser
def test_listen_to_one_step_with_the_keyboard(live_demo, page):
    page.add_init_script(FAKE_SPEECH)
    page.goto(live_demo + GUIDE)
    page.evaluate("window.__voices(['fr-FR'])")
    page.get_by_role("button", name="Écouter l'étape 1").focus()
    for _ in range(10):  # Tab through step 1 (its links, if any) to the next step's button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Écouter l'étape 2":
            break
    else:
        pytest.fail("Tab n'atteint pas « Écouter l'étape 2 »")
    page.keyboard.press("Enter")
    assert len(spoken(page)) == 1
    assert "Choisissez « Se connecter »" in spoken(page)[0]["text"]
    assert page.locator("li.guide-step[aria-current=step]").get_attribute("id") == "etape-2"
    # Focus went to the pause button: Enter pauses, Enter again resumes.
    page.keyboard.press("Enter")
    assert page.evaluate("window.speechSynthesis.paused") is True
    page.keyboard.press("Enter")
    assert page.evaluate("window.speechSynthesis.paused") is False
    page.evaluate("window.__finish()")  # the end of the step: the reading stops there
    assert len(spoken(page)) == 1
    assert page.locator("li.guide-step[aria-current]").count() == 0
    assert page.evaluate("document.activeElement.textContent") == "Écouter l'étape 2"


@pytest.mark.browser
@pytest.mark.parametrize("stub", [NO_SPEECH, FAKE_SPEECH + "window.__voices(['en-US', 'ar-SA']);"])
def test_buttons_stay_hidden_without_speech_or_without_a_french_voice(live_demo, page, stub):
    page.add_init_script(stub)
    page.goto(live_demo + GUIDE)
    page.wait_for_load_state("load")
    assert page.locator("button[data-read-aloud]").count() > 3
    assert page.locator("button[data-read-aloud]:visible").count() == 0


@pytest.mark.browser
def test_the_reading_bar_never_hides_the_focus_nor_takes_it_away(live_demo, chromium):
    """On a 360 x 740 phone the fixed bar leaves room for what Tab reaches; Escape in a field
    stops the reading but leaves the person in their field; on a 200 px high screen the
    buttons stay in the page instead of covering it."""
    context = chromium.new_context(locale="fr-FR", viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.add_init_script(FAKE_SPEECH)
    page.goto(live_demo + GUIDE)
    page.evaluate("window.__voices(['fr-FR'])")
    page.get_by_role("button", name="Écouter le guide").click()
    bar = page.locator("[data-read-aloud-controls]")
    page.get_by_role("button", name="Écouter l'étape 1").focus()
    for _ in range(40):  # every stop of Tab through the steps, while the bar is shown
        page.keyboard.press("Tab")
        covered = page.evaluate(
            """() => {
              const bar = document.querySelector('[data-read-aloud-controls]');
              const here = document.activeElement;
              if (bar.contains(here)) return 0;
              return Math.max(0, here.getBoundingClientRect().bottom - bar.getBoundingClientRect().top);
            }"""
        )
        assert covered == 0, page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
        if page.evaluate("document.activeElement.textContent") == "Écouter l'étape 3":
            break
    else:
        pytest.fail("Tab n'atteint pas « Écouter l'étape 3 »")
    assert bar.evaluate("e => getComputedStyle(e).position") == "fixed"

    page.locator("#recherche-q").focus()
    page.keyboard.press("Escape")  # stops the reading…
    assert page.get_by_role("button", name="Pause").is_hidden()
    assert page.evaluate("document.activeElement.id") == "recherche-q"  # …and leaves the field focused

    page.set_viewport_size({"width": 320, "height": 200})
    page.get_by_role("button", name="Écouter le guide").click()
    assert bar.evaluate("e => getComputedStyle(e).position") == "static"
    context.close()
