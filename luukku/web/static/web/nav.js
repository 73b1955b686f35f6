// Luukku: on a narrow screen the main navigation folds behind a "Menu" button (the CSS decides when);
// without this script the links simply stay visible.
(function () {
  "use strict";
  var nav = document.querySelector(".main-nav");
  if (!nav) { return; }
  var toggle = nav.querySelector(".main-nav__toggle");
  var list = document.getElementById(toggle.getAttribute("aria-controls"));
  toggle.hidden = false;
  nav.classList.add("main-nav--folding");
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    list.classList.toggle("is-open", open);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
      toggle.setAttribute("aria-expanded", "false");
      list.classList.remove("is-open");
      toggle.focus();
    }
  });
}());
