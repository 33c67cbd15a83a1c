// Progressive enhancement only: the site works without this file.
// Remembers the "larger text" choice for this browser session only (sessionStorage, never a
// cookie): on a shared public PC the next visitor starts with the normal size.
(function () {
  "use strict";
  var KEY = "pasapas-texte-grand";
  var box = document.getElementById("texte-grand");
  if (!box) return;
  try {
    if (window.sessionStorage.getItem(KEY) === "1") {
      box.checked = true;
      document.documentElement.classList.add("texte-grand");
    }
    box.addEventListener("change", function () {
      document.documentElement.classList.toggle("texte-grand", box.checked);
      window.sessionStorage.setItem(KEY, box.checked ? "1" : "0");
    });
  } catch (e) {
    // Storage refused (private mode): the checkbox still works for this page.
  }
})();

// A form sent back with errors: focus goes to its error summary (GOV.UK pattern), which the
// page already scrolled to (#resultats), so that the next Tab reaches the field to correct.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
})();

// The phone menu (a <details>) closes with Escape, and focus goes back to « Menu ».
(function () {
  "use strict";
  var menu = document.querySelector(".site-menu");
  if (!menu) return;
  menu.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !menu.open) return;
    var toggle = menu.querySelector("summary");
    if (window.getComputedStyle(toggle).display === "none") return; // wide screen: always shown
    menu.open = false;
    toggle.focus();
  });
})();
