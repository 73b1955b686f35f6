// A booking made without identification is opened with the code in its link's fragment
// (/ajanvaraus/hallinnoi/#code). Browsers never send the fragment, so the code reaches the server
// only in this form's POST body, never in a URL that an access log or a proxy would record.
(function () {
  "use strict";
  var form = document.getElementById("manage-form");
  var code = window.location.hash.replace(/^#/, "");
  if (!form || !code || form.querySelector(".field__error, [aria-invalid=true]")) { return; }
  form.querySelector("[name=token]").value = decodeURIComponent(code);
  window.history.replaceState(null, "", window.location.pathname);  // the code leaves the address bar
  form.submit();
}());
