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

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
