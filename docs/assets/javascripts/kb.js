/*
 * Small enhancements; every page works without them.
 * - The print button (shown only when scripts run) opens the browser's print dialog.
 * - For print, each link in the text carries its full address, which the print stylesheet shows after it.
 * - Search: the header button, "/" and "s" open the search dialog; only then is the search script fetched
 *   (search.js, which fetches Pagefind and the index). Nothing of search loads with the page.
 * - The menu button opens the navigation drawer on narrow screens from the keyboard too (Material's menu is a label,
 *   which takes no focus); focus moves into the drawer, and Esc, or leaving it with Tab, closes it.
 * - The colours button (light, dark, or as the device) chooses the next of Material's palette options.
 */
(function () {
  "use strict";

  // The site's root, from this script's own address (assets/javascripts/kb.js): pages sit at any depth.
  var root = new URL("../../", document.currentScript.src).href;
  var searchModule = null;

  function loadSearch() {
    if (!searchModule) {
      searchModule = import(root + "assets/javascripts/search.js").then(function (module) {
        module.attach(document.querySelector("[data-kb-search-dialog]"), root);
        return module;
      });
    }
    return searchModule;
  }

  function openSearch() {
    var dialog = document.querySelector("[data-kb-search-dialog]");
    if (!dialog || dialog.open) {
      return;
    }
    dialog.showModal();
    dialog.querySelector("[data-kb-search-input]").focus();
    loadSearch();
  }

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function setUpSearch() {
    var dialog = document.querySelector("[data-kb-search-dialog]");
    var opener = document.querySelector("[data-kb-search-open]");
    if (!dialog || !opener || typeof dialog.showModal !== "function") {
      return;
    }
    opener.hidden = false;
    opener.addEventListener("click", openSearch);
    // Closed, search keeps no focus: when search was opened with "/" or "s" from nowhere in particular, the browser
    // left focus on the hidden search box for a moment, and keys went to a box no one can see. Focus goes to the button.
    function closeSearch() {
      dialog.close();
      if (dialog.contains(document.activeElement)) {
        opener.focus();
      }
    }
    dialog.querySelector("[data-kb-search-close]").addEventListener("click", closeSearch);
    // Esc closes search at once (in a search box, the browser would first only clear the text).
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        closeSearch();
      }
    });
    // A click on the backdrop (outside the dialog's box) closes it, as Esc does.
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) {
        closeSearch();
      }
    });
    document.addEventListener("keydown", function (event) {
      if ((event.key === "/" || event.key === "s") && !event.ctrlKey && !event.metaKey && !event.altKey && !typing(event.target) && !dialog.open) {
        event.preventDefault();
        openSearch();
      }
    });
  }

  // --- Menu and colours (kept apart from the rest: see the comment at the top) -----------------------------
  function setUpMenu() {
    var toggle = document.getElementById("__drawer");
    var button = document.querySelector("[data-kb-menu]");
    var label = document.querySelector("[data-kb-menu-label]");
    var drawer = document.querySelector(".md-sidebar--primary");
    if (!toggle || !button || !label || !drawer) {
      return;
    }
    function shown(element) {
      return element.getClientRects().length > 0 && getComputedStyle(element).visibility === "visible";
    }
    function sync() {
      button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    }
    function close() {
      if (toggle.checked) {
        toggle.click();
      }
    }
    button.hidden = false;
    label.hidden = true;
    toggle.addEventListener("change", sync);
    button.addEventListener("click", function (event) {
      toggle.click();
      // From the keyboard (a click with no pointer), focus moves into the drawer; a tap or a click leaves it be.
      if (toggle.checked && event.detail === 0) {
        var first = Array.prototype.find.call(drawer.querySelectorAll("a[href], [tabindex='0']"), shown);
        if (first) {
          first.focus();
        }
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked && !event.defaultPrevented) {
        close();
        button.focus();
      }
    });
    drawer.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (next && next !== button && !drawer.contains(next)) {
        close();
      }
    });
    sync();
  }

  function setUpPalette() {
    var form = document.querySelector("[data-md-component=palette]");
    if (!form) {
      return;
    }
    var options = Array.prototype.slice.call(form.querySelectorAll("input"));
    form.querySelectorAll("[data-kb-palette]").forEach(function (button) {
      // Material's own handler picks the next option on Enter anywhere in its form; the button's click does here.
      button.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          event.stopPropagation();
        }
      });
      button.addEventListener("click", function () {
        var next = options[(options.indexOf(button.previousElementSibling) + 1) % options.length];
        var focused = document.activeElement === button;
        next.click();
        // The theme shows the button after the chosen option; focus follows it.
        setTimeout(function () {
          var shownButton = next.nextElementSibling;
          if (focused && shownButton && !shownButton.hidden) {
            shownButton.focus();
          }
        }, 0);
      });
    });
  }

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
  setUpSearch();
  setUpMenu();
  setUpPalette();
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhance);
  } else {
    document.addEventListener("DOMContentLoaded", enhance);
  }
})();
