// Progressive enhancement only: shows a "print" button on the orientation slip.
// Without JavaScript the page says how to print with Ctrl + P.
(function () {
  "use strict";
  var button = document.getElementById("imprimer-fiche");
  if (!button || typeof window.print !== "function") return;
  var tip = document.getElementById("imprimer-astuce");
  button.hidden = false;
  if (tip) tip.hidden = true;
  button.addEventListener("click", function () {
    window.print();
  });
})();
