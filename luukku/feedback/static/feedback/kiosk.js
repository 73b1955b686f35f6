// Kiosk mode: go back to an empty form after a while without touches (no sign-in, nothing kept).
(function () {
  var kiosk = document.getElementById("kiosk");
  if (!kiosk) return;
  var url = kiosk.getAttribute("data-reset-url");
  var seconds = parseInt(kiosk.getAttribute("data-reset-seconds"), 10) || 90;
  var timer = null;
  function arm() {
    if (timer) window.clearTimeout(timer);
    timer = window.setTimeout(function () { window.location.replace(url); }, seconds * 1000);
  }
  ["pointerdown", "keydown", "input", "touchstart"].forEach(function (name) {
    document.addEventListener(name, arm, { passive: true });
  });
  arm();
})();
