/*
 * Small enhancements; every page works without them.
 * - The print button (shown only when scripts run) opens the browser's print dialog.
 * - For print, each link in the text carries its full address, which the print stylesheet shows after it.
 */
(function () {
  "use strict";

  function enhance() {
    document.querySelectorAll("[data-kb-print]").forEach(function (button) {
      button.hidden = false;
      if (!button.dataset.kbReady) {
        button.dataset.kbReady = "1";
        button.addEventListener("click", function () {
          window.print();
        });
      }
    });
    document.querySelectorAll(".md-content .md-typeset a[href]").forEach(function (link) {
      var href = link.getAttribute("href");
      if (href && href.charAt(0) !== "#" && !/^(mailto|tel):/.test(href)) {
        link.setAttribute("data-print-url", link.href);
      }
    });
  }

  // Material replaces the page content on instant navigation; document$ announces each new page.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhance);
  } else {
    document.addEventListener("DOMContentLoaded", enhance);
  }
})();
