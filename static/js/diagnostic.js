// Progressive enhancement only: without this file (or on a wide screen) the questionnaire is
// one long form that works the same. On a phone it shows one question per screen, with
// « Question précédente » / « Question suivante » buttons, then the postcode and the submit
// button; every answer stays in the same form, so what is sent is the same.
(function () {
  "use strict";
  var form = document.querySelector("form[data-steps]");
  if (!form || !window.matchMedia) return;
  var phone = window.matchMedia("(max-width: 40rem)");
  var questions = Array.prototype.slice.call(form.querySelectorAll(".diagnostic-question"));
  var blocks = Array.prototype.slice.call(form.querySelectorAll(".diagnostic-area-block"));
  var end = form.querySelector(".diagnostic-form__end");
  var nav = form.querySelector(".diagnostic-steps");
  var progress = form.querySelector(".diagnostic-steps__progress");
  if (!questions.length || !end || !nav || !progress) return;
  var previous = nav.querySelector("[data-step=previous]");
  var next = nav.querySelector("[data-step=next]");
  var total = questions.length;
  var current = 0;
  questions.forEach(function (question) {
    question.tabIndex = -1; // focused when it comes on screen: its legend is read
  });
  end.tabIndex = -1;

  function show(index, focus) {
    current = Math.max(0, Math.min(index, total));
    var question = questions[current];
    questions.forEach(function (item) {
      item.hidden = item !== question;
    });
    blocks.forEach(function (block) {
      block.hidden = !question || !block.contains(question);
    });
    end.hidden = current < total;
    previous.hidden = current === 0;
    next.hidden = current === total;
    progress.textContent = question
      ? progress.getAttribute("data-question").replace("{n}", current + 1).replace("{total}", total)
      : progress.getAttribute("data-end");
    if (focus) {
      // The progress line, the area and the whole question on screen; then focus (read out).
      progress.scrollIntoView({ block: "start" });
      (question || end).focus({ preventScroll: true });
    }
  }

  function steps(on) {
    form.classList.toggle("diagnostic-form--steps", on);
    nav.hidden = !on;
    progress.hidden = !on;
    if (on) {
      show(current, false);
      return;
    }
    questions.concat(blocks, [end]).forEach(function (item) {
      item.hidden = false;
    });
  }

  previous.addEventListener("click", function () {
    show(current - 1, true);
  });
  next.addEventListener("click", function () {
    show(current + 1, true);
  });
  var follow = function (event) {
    steps(event.matches);
  };
  if (phone.addEventListener) phone.addEventListener("change", follow);
  else if (phone.addListener) phone.addListener(follow);
  steps(phone.matches);
})();
