/*
 * Small enhancements; every page works without them.
 * - The print button (shown only when scripts run) opens the browser's print dialog.
 * - For print, each link in the text carries its full address, which the print stylesheet shows after it.
 * - Search: the header button, "/" and "s" open the search dialog; only then is the search script fetched
 *   (search.js, which fetches Pagefind and the index). Nothing of search loads with the page.
 * - The menu button opens the navigation drawer on narrow screens from the keyboard too (Material's menu is a label,
 *   which takes no focus); focus moves into the drawer, and Esc, or leaving it with Tab, closes it.
 * - The colours button (light, dark, or as the device) chooses the next of Material's palette options.
 * - "Cite this page": the day the reader accessed the page is added to the reference, and a button copies it.
 */
(function () {
  "use strict";

  // The site's root, from this script's own address (assets/javascripts/kb.js): pages sit at any depth.
  var root = new URL("../../", document.currentScript.src).href;
  var searchModule = null;

  function loadSearch() {
    if (!searchModule) {
      searchModule = import(root + "assets/javascripts/search.js").then(function (module) {
        // The search index covers every language, at the site's root; a translated edition sits in a folder under it.
        var dialog = document.querySelector("[data-kb-search-dialog]");
        module.attach(dialog, new URL(dialog.getAttribute("data-kb-root") || "", root).href);
        return module;
      });
    }
    return searchModule;
  }

  var returnFocus = null;

  function openSearch() {
    var dialog = document.querySelector("[data-kb-search-dialog]");
    if (!dialog || dialog.open) {
      return;
    }
    returnFocus = document.activeElement;
    dialog.showModal();
    dialog.querySelector("[data-kb-search-input]").focus();
    loadSearch();
  }

  // Closed, search gives focus back to where it was (the button, or the page), never leaving it in the dialog.
  function closeSearch(dialog) {
    if (dialog.open) {
      dialog.close();
    }
    if (returnFocus && returnFocus !== document.body && document.contains(returnFocus)) {
      returnFocus.focus();
    } else if (dialog.contains(document.activeElement)) {
      // Opened with "/" or "s" from nowhere in particular: focus goes to the search button, never stays in the box.
      document.querySelector("[data-kb-search-open]").focus();
    }
  }

  function typing(target) {
    var dialog = document.querySelector("[data-kb-search-dialog]");
    if (dialog && !dialog.open && dialog.contains(target)) {
      return false; // the box of a search just closed: not a field the reader is typing in
    }
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
    dialog.querySelector("[data-kb-search-close]").addEventListener("click", function () {
      closeSearch(dialog);
    });
    // Esc closes search at once (in a search box, the browser would first only clear the text).
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        closeSearch(dialog);
      }
    });
    // A click on the backdrop (outside the dialog's box) closes it, as Esc does.
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) {
        closeSearch(dialog);
      }
    });
    document.addEventListener("keydown", function (event) {
      if ((event.key === "/" || event.key === "s") && !event.ctrlKey && !event.metaKey && !event.altKey && !typing(event.target) && !dialog.open) {
        event.preventDefault();
        openSearch();
      }
    });
  }

  // "Cite this page" ---------------------------------------------------------------------------------------------
  // The reference says when the reader accessed the page (today, as the site writes dates: 30 November 2026), and a
  // button copies it; the button stays hidden where the browser cannot copy (or scripts do not run). "Copied", or
  // what to do instead, shows beside the button and is announced (role="status"). The words, and the language the date
  // is written in, come from the block's data- attributes, which the page writes in its own language (data/interface.yml).
  function citationDate(locale) {
    try {
      return new Intl.DateTimeFormat(locale || "en-GB", { day: "numeric", month: "long", year: "numeric" });
    } catch (error) {
      return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric" });
    }
  }

  function setUpCitation() {
    var block = document.querySelector(".kb-cite-page");
    if (!block || block.dataset.kbReady) {
      return;
    }
    block.dataset.kbReady = "1";
    var words = block.dataset;
    var accessed = block.querySelector("[data-kb-cite-accessed]");
    if (accessed && words.kbAccessed) {
      accessed.textContent = " " + words.kbAccessed.replace("{date}", citationDate(words.kbDateLocale).format(new Date()));
    }
    var text = block.querySelector("[data-kb-cite-text]");
    var button = block.querySelector("[data-kb-cite-copy]");
    var status = block.querySelector("[data-kb-cite-status]");
    if (!text || !button || !status || !navigator.clipboard || typeof navigator.clipboard.writeText !== "function") {
      return;
    }
    var clear = null;
    button.hidden = false;
    button.addEventListener("click", function () {
      window.clearTimeout(clear);
      status.textContent = "";
      navigator.clipboard.writeText(text.textContent.replace(/\s+/g, " ").trim()).then(
        function () {
          status.textContent = words.kbCopied || "";
        },
        function () {
          status.textContent = words.kbNotCopied || "";
        }
      ).then(function () {
        clear = window.setTimeout(function () {
          status.textContent = "";
        }, 6000);
      });
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
    setUpCitation();
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
