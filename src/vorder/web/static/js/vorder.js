/* Vorder workspace behaviour, kept small: CSRF header for htmx, a real confirmation
   dialog instead of window.confirm, and auto-submit for the client switcher.
   No inline scripts anywhere (the Content-Security-Policy forbids them). */
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  // Every htmx request carries the CSRF token (double submit with the vorder_csrf cookie).
  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRF-Token"] = csrfToken();
  });

  // hx-confirm opens our dialog, which names the consequence; Escape or Cancel stops.
  document.addEventListener("htmx:confirm", function (event) {
    var question = event.detail.question;
    var dialog = document.getElementById("confirm-dialog");
    if (!question || !dialog || typeof dialog.showModal !== "function") {
      return; // htmx falls back to window.confirm
    }
    event.preventDefault();
    dialog.querySelector("[data-confirm-text]").textContent = question;
    var opener = document.activeElement;
    dialog.returnValue = "";
    dialog.addEventListener("close", function onClose() {
      dialog.removeEventListener("close", onClose);
      if (dialog.returnValue === "ok") {
        event.detail.issueRequest(true);
      } else if (opener && typeof opener.focus === "function") {
        opener.focus();
      }
    });
    dialog.showModal();
    var ok = dialog.querySelector("[data-confirm-ok]");
    if (ok) { ok.focus(); }
  });

  // After a swap, move focus to the swapped element's button so keyboard users stay put.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.elt;
    if (target && target.id && target.id.indexOf("module-") === 0) {
      var fresh = document.getElementById(target.id);
      var button = fresh && fresh.querySelector("button");
      if (button) { button.focus(); }
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
      var go = select.form.querySelector(".switcher__go");
      if (go) { go.classList.add("visually-hidden"); }
    });
  });
})();
