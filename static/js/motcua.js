/* Motcua's only script besides htmx: small enhancements, each optional (every page works without it).
   Served from the portal's own static files, so the Content-Security-Policy allows no inline script. */
(function () {
  "use strict";

  function enhance() {
    // Buttons that only serve browsers without JavaScript (e.g. "Show the components").
    document.querySelectorAll("[data-no-js]").forEach(function (element) {
      element.remove();
    });
    // Filter panels open by default on a wide screen, folded on a phone.
    document.querySelectorAll("details[data-open-when-wide]").forEach(function (details) {
      if (window.matchMedia("(min-width: 48rem)").matches) details.open = true;
    });
  }

  // After a failed submit, the error summary takes the focus, so that it is read first (role=alert).
  function focusErrors() {
    var summary = document.querySelector(".error-summary[role=alert]");
    if (summary) {
      summary.focus();
      return;
    }
    // Arriving from another page's error link (the summary step's "change" links to a field).
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (target && target.matches("input, select, textarea")) focusField(target);
  }

  // An error link lands on its field with its label in view, not under the top edge.
  function focusField(field) {
    var around = field.closest(".field, fieldset") || field;
    field.focus({ preventScroll: true });
    around.scrollIntoView({ block: "start" });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest(".error-summary a[href^='#']");
    if (!link) return;
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field || !field.matches("input, select, textarea")) return;
    event.preventDefault();
    focusField(field);
    history.replaceState(null, "", link.getAttribute("href"));
  });

  // htmx updates: say what changed in the polite live region; after paging the results, put the focus
  // on their heading (the page does not reload, so nothing else would tell where the reader is).
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (target && !target.isConnected && target.id) target = document.getElementById(target.id);
    if (!target) return;
    var message = target.getAttribute("data-announce");
    var status = document.getElementById("live-status");
    if (message && status) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = message; }, 50);
    }
    if (target.id === "results") {
      var heading = document.getElementById("results-title");
      var fromPaging = event.detail.requestConfig && event.detail.requestConfig.elt &&
        event.detail.requestConfig.elt.closest(".pagination");
      if (heading && fromPaging) heading.focus();
    }
  });

  document.addEventListener("DOMContentLoaded", focusErrors);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
