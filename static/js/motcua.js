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
    document.querySelectorAll("[data-capture]").forEach(enhanceCapture);
  }

  // "Photograph page by page" (portal/_capture_pages.html): the camera input collects pages across
  // several uses (a file input alone keeps only the last choice), previews them in order with a
  // "remove page" button each, and announces the count. The collected files are put back into the
  // input, so the form sends them as it would without JavaScript. Browsers that cannot set an input's
  // files (no DataTransfer) keep the plain input.
  function enhanceCapture(box) {
    var input = box.querySelector("input[type=file]");
    var list = box.querySelector(".capture__pages");
    var status = box.querySelector(".capture__status");
    if (!input || !list || !status || typeof DataTransfer !== "function") return;
    try { new DataTransfer(); } catch (error) { return; }
    var pages = [];  // {file, url}, in the order they were taken
    input.setAttribute("capture", "environment");  // straight to the back camera on a phone

    function text(name, number) {
      return box.getAttribute("data-" + name + "-text").replace("{n}", String(number));
    }
    function announce(message) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = message; }, 50);
    }
    function sync() {
      var transfer = new DataTransfer();
      pages.forEach(function (page) { transfer.items.add(page.file); });
      input.files = transfer.files;
    }
    function render() {
      list.textContent = "";
      pages.forEach(function (page, index) {
        var item = document.createElement("li");
        item.className = "capture__page";
        if (page.url) {
          var thumbnail = document.createElement("img");
          thumbnail.src = page.url;
          thumbnail.alt = "";  // the caption says which page it is
          thumbnail.className = "capture__thumbnail";
          item.appendChild(thumbnail);
        }
        var caption = document.createElement("span");
        caption.className = "capture__caption";
        caption.textContent = text("page", index + 1);
        item.appendChild(caption);
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "link-button capture__remove";
        remove.textContent = text("remove", index + 1);
        remove.addEventListener("click", function () { removePage(index); });
        item.appendChild(remove);
        list.appendChild(item);
      });
      list.hidden = pages.length === 0;
    }
    function removePage(index) {
      var removed = pages.splice(index, 1)[0];
      if (removed.url) URL.revokeObjectURL(removed.url);
      sync();
      render();
      announce(text("removed", index + 1) + " " + text("count", pages.length));
      // The focus stays in the list (on the page now in that place), or goes back to the input.
      var buttons = list.querySelectorAll(".capture__remove");
      (buttons[Math.min(index, buttons.length - 1)] || input).focus();
    }

    input.addEventListener("change", function () {
      Array.prototype.forEach.call(input.files, function (file) {
        var isImage = /^image\//.test(file.type);
        pages.push({ file: file, url: isImage ? URL.createObjectURL(file) : null });
      });
      sync();  // the input now holds every page taken so far, not only the last choice
      render();
      announce(text("count", pages.length));
    });
    // After a sent form, the pages are gone: a page restored from the back/forward cache starts anew.
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) { pages = []; sync(); render(); status.textContent = ""; }
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
