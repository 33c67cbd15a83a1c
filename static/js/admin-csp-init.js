// Runs, from our own origin, what Wagtail's admin widgets used to run in inline scripts
// (date/time choosers, inline panels): the admin's CSP allows no inline script. Each widget
// leaves a hidden <span data-pas-init="…"> (home/templates/wagtailadmin/); forms added later
// (a new opening slot) are picked up as they enter the page.
(function () {
  "use strict";

  var CHOOSERS = ["initDateChooser", "initTimeChooser", "initDateTimeChooser"];

  function run(element) {
    if (element.dataset.pasInitDone) {
      return;
    }
    element.dataset.pasInitDone = "1";
    var name = element.dataset.pasInit;
    var config = JSON.parse(element.dataset.pasConfig || "{}");
    if (name === "InlinePanel" && window.InlinePanel) {
      new window.InlinePanel(config);
    } else if (CHOOSERS.indexOf(name) !== -1 && typeof window[name] === "function") {
      window[name](element.dataset.pasTarget, config);
    }
  }

  function scan(root) {
    if (root.matches && root.matches("[data-pas-init]")) {
      run(root);
    }
    root.querySelectorAll("[data-pas-init]").forEach(run);
  }

  document.addEventListener("DOMContentLoaded", function () {
    scan(document);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(function (node) {
          if (node.nodeType === Node.ELEMENT_NODE) {
            scan(node);
          }
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
