// « Écouter »: reads a guide, or one of its steps, with the browser's own speech synthesis
// (window.speechSynthesis), in the page's language (<html lang>). Progressive enhancement:
// the server renders every button with `hidden`; they appear only when the browser has a
// voice for that language. No audio service, no network request, no cookie, no storage.
// The words of the buttons come from the page (data-label-*), so they are translated there.
(function () {
  "use strict";
  var synth = window.speechSynthesis;
  var controls = document.querySelector("[data-read-aloud-controls]");
  if (!controls || !synth || typeof window.SpeechSynthesisUtterance !== "function") return;

  var lang = (document.documentElement.lang || "fr").toLowerCase();
  var primary = lang.split("-")[0];
  var play = controls.querySelector('[data-read-aloud="guide"]');
  var pause = controls.querySelector('[data-read-aloud="pause"]');
  var stop = controls.querySelector('[data-read-aloud="stop"]');
  var stepButtons = Array.prototype.slice.call(document.querySelectorAll('[data-read-aloud="step"]'));
  var article = controls.closest("article") || document.body;

  // One reading at a time; `session` changes on every start and stop, so the `end` events
  // of a cancelled utterance never move the reading on.
  var session = 0;
  var queue = [];
  var current = null;
  var origin = null;
  var paused = false;

  function voice() {
    var voices = synth.getVoices() || [];
    var exact = null;
    var close = null;
    for (var i = 0; i < voices.length; i++) {
      var voiceLang = (voices[i].lang || "").toLowerCase().replace("_", "-");
      if (voiceLang === lang && !exact) exact = voices[i];
      if (voiceLang.split("-")[0] === primary && !close) close = voices[i];
    }
    return exact || close;
  }

  function reveal() {
    if (!voice()) return false;
    controls.hidden = false;
    play.hidden = false;
    stepButtons.forEach(function (button) { button.hidden = false; });
    return true;
  }

  // Blocks read as sentences of their own: the voice pauses between two list items instead
  // of joining them (« …banque en ligne. Le RIB… », not « …banque en ligneLe RIB… »).
  var BLOCKS = "li, p, h1, h2, h3, h4, h5, h6, dt, dd, div, tr, figcaption, aside";
  var SENTENCE_END = /[.!?:;…؟]$/;

  // The text a step (or section) says: its words without the buttons' own labels.
  function textOf(element) {
    var copy = element.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll("button, script, [data-read-aloud-controls]"), function (node) {
      node.remove();
    });
    Array.prototype.forEach.call(copy.querySelectorAll(BLOCKS), function (node) {
      node.appendChild(document.createTextNode("\n"));
    });
    Array.prototype.forEach.call(copy.querySelectorAll("br"), function (node) {
      node.parentNode.replaceChild(document.createTextNode("\n"), node);
    });
    return copy.textContent.split(/\n+/).map(function (part) {
      return part.replace(/\s+/g, " ").trim();
    }).filter(Boolean).map(function (part, index, parts) {
      return index < parts.length - 1 && !SENTENCE_END.test(part) ? part + "." : part;
    }).join(" ");
  }

  function guideUnits() {
    var units = [];
    var title = article.querySelector("h1");
    var lead = article.querySelector(".lead");
    var intro = [title, lead].filter(Boolean).map(textOf).join(". ");
    if (intro) units.push({ element: null, text: intro });
    var before = article.querySelector(".guide-before");
    if (before) units.push({ element: before, text: textOf(before) });
    Array.prototype.forEach.call(article.querySelectorAll(".guide-step"), function (step) {
      units.push({ element: step, text: textOf(step) });
    });
    return units;
  }

  function highlight(element) {
    if (current) {
      current.classList.remove("is-reading");
      current.removeAttribute("aria-current");
    }
    current = element;
    if (!element) return;
    element.classList.add("is-reading");
    element.setAttribute("aria-current", "step");
    var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    element.scrollIntoView({ block: "nearest", behavior: reduce ? "auto" : "smooth" });
  }

  // The label says what the button will do (« Pause », « Reprendre la lecture »): one change
  // only, no aria-pressed on top (« Reprendre la lecture, pressed » says it twice).
  function setPaused(value) {
    paused = value;
    pause.textContent = value ? pause.dataset.labelResume : pause.dataset.labelPause;
  }

  // The fixed bar must never hide the focus (WCAG 2.4.11): the page keeps room for it at the
  // bottom (--read-aloud-bar, its real height), and a field focused under it is scrolled up.
  function barHeight() {
    var fixed = controls.classList.contains("is-active") && window.getComputedStyle(controls).position === "fixed";
    return fixed ? controls.getBoundingClientRect().height : 0;
  }

  function reserveRoom() {
    document.documentElement.style.setProperty("--read-aloud-bar", barHeight() + "px");
  }

  function uncover(element) {
    var height = barHeight();
    if (!height || controls.contains(element)) return;
    var limit = window.innerHeight - height;
    var box = element.getBoundingClientRect();
    if (box.bottom > limit) window.scrollBy(0, box.bottom - limit + 8);
  }

  function setActive(active) {
    controls.classList.toggle("is-active", active);
    document.documentElement.classList.toggle("is-reading-aloud", active);
    play.hidden = active;
    pause.hidden = !active;
    stop.hidden = !active;
    if (!active) setPaused(false);
    reserveRoom();
  }

  function next(id) {
    if (id !== session) return;
    var unit = queue.shift();
    if (!unit) {
      finish(true);
      return;
    }
    highlight(unit.element);
    var utterance = new window.SpeechSynthesisUtterance(unit.text);
    utterance.lang = lang;
    var chosen = voice();
    if (chosen) utterance.voice = chosen;
    utterance.onend = function () { next(id); };
    utterance.onerror = function () { next(id); };
    synth.speak(utterance);
  }

  // A paused synthesis stays paused after cancel() in some browsers: resume it first.
  function quiet() {
    if (paused) synth.resume();
    synth.cancel();
  }

  function start(units, button) {
    session += 1;
    quiet();
    queue = units;
    origin = button;
    setActive(true);
    // The pause button now holds the keyboard: Enter again pauses.
    pause.focus();
    next(session);
  }

  // Focus goes back to the button that started the reading only when it was on the player
  // (whose buttons disappear): never away from a field the person is typing in.
  function finish(returnFocus) {
    var here = document.activeElement;
    var onPlayer = !here || here === document.body || controls.contains(here);
    session += 1;
    queue = [];
    quiet();
    highlight(null);
    setActive(false);
    if (returnFocus && onPlayer && origin) origin.focus();
  }

  play.addEventListener("click", function () { start(guideUnits(), play); });
  stepButtons.forEach(function (button) {
    button.addEventListener("click", function () {
      var step = button.closest(".guide-step");
      if (step) start([{ element: step, text: textOf(step) }], button);
    });
  });
  pause.addEventListener("click", function () {
    if (paused) synth.resume();
    else synth.pause();
    setPaused(!paused);
  });
  stop.addEventListener("click", function () { finish(true); });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && controls.classList.contains("is-active")) finish(true);
  });
  document.addEventListener("focusin", function (event) { uncover(event.target); });
  window.addEventListener("resize", function () { if (controls.classList.contains("is-active")) reserveRoom(); });
  // Leaving the page stops the voice (some browsers keep speaking otherwise).
  window.addEventListener("pagehide", function () { synth.cancel(); });

  // Voices may load after the page: wait for them, once.
  if (!reveal()) {
    var onVoices = function () {
      if (reveal() && synth.removeEventListener) synth.removeEventListener("voiceschanged", onVoices);
    };
    if (synth.addEventListener) synth.addEventListener("voiceschanged", onVoices);
    else synth.onvoiceschanged = onVoices;
  }
})();
