/*
 * The site's search, fetched only when a reader opens the search dialog (kb.js loads this file).
 *
 * - Pages come from Pagefind's index (pagefind/), built with the site; Pagefind and each part of the index
 *   are fetched when needed. Pages for contributors are listed apart, after every other result.
 * - search/<language>.json, built from data/search.yml and data/helplines.yml: the crisis words and phrases,
 *   the urgent-help card, the wording, and the site's vocabulary for "Did you mean …?".
 * - A query with a crisis word, or one that finds nothing, shows the urgent-help card before any result.
 * - Everything shown is made with DOM methods and textContent; excerpts keep only Pagefind's <mark>.
 */

// Each result's excerpt comes in a file of its own (a few KiB): results are fetched five at a time.
var PAGE = 5;
var MAX_CONTRIBUTORS = 2;

/* Text as search compares it; the same as search_normal() in scripts/peerkb/models.py. */
export function normal(text) {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export function isCrisis(query, crisis) {
  var text = " " + normal(query) + " ";
  var words = text.trim().split(" ");
  return (
    crisis.phrases.some(function (phrase) {
      return text.indexOf(" " + phrase + " ") !== -1;
    }) ||
    crisis.stems.some(function (stem) {
      return words.some(function (word) {
        return word.indexOf(stem) === 0;
      });
    })
  );
}

/* The words Pagefind is asked for: the query without its small words, unless nothing else is left. */
export function topicWords(query, stopWords) {
  var words = normal(query).split(" ");
  var kept = words.filter(function (word) {
    return stopWords.indexOf(word) === -1;
  });
  return (kept.length ? kept : words).join(" ");
}

/* Optimal string alignment distance: insertions, deletions, substitutions and swaps of two neighbours. */
export function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) {
    return limit + 1;
  }
  var rows = [];
  for (var i = 0; i <= a.length; i++) {
    rows.push([i]);
  }
  for (var j = 1; j <= b.length; j++) {
    rows[0][j] = j;
  }
  for (i = 1; i <= a.length; i++) {
    var best = limit + 1;
    for (j = 1; j <= b.length; j++) {
      var cost = a[i - 1] === b[j - 1] ? 0 : 1;
      var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, rows[i - 2][j - 2] + 1);
      }
      rows[i][j] = d;
      best = Math.min(best, d);
    }
    if (best > limit) {
      return limit + 1;
    }
  }
  return rows[a.length][b.length];
}

/* The query with each unknown word replaced by the closest word of the site, or null when nothing changes.
   A word is known when it is in the site's vocabulary or is one the results show as a match. */
export function suggestion(query, words, matched) {
  var known = new Set(words.concat(matched || []));
  var changed = false;
  var out = normal(query)
    .split(" ")
    .map(function (word) {
      if (word.length < 4 || known.has(word) || /^\d+$/.test(word)) {
        return word;
      }
      var limit = word.length <= 6 ? 1 : 2;
      var best = null;
      var bestDistance = limit + 1;
      words.forEach(function (candidate) {
        var d = distance(word, candidate, limit);
        if (d < bestDistance) {
          best = candidate;
          bestDistance = d;
        }
      });
      if (best) {
        changed = true;
        return best;
      }
      return word;
    });
  return changed ? out.join(" ") : null;
}

function element(tag, className, text) {
  var node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

function decode(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, function (whole, name) {
    if (name[0] === "#") {
      var code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return Object.prototype.hasOwnProperty.call(ENTITIES, name.toLowerCase()) ? ENTITIES[name.toLowerCase()] : whole;
  });
}

/* Pagefind's excerpt (entities escaped, matches in <mark>) as DOM nodes, with no other markup. */
function excerptNode(excerpt) {
  var node = element("span", "kb-search__excerpt");
  excerpt.split(/(<mark>|<\/mark>)/).reduce(function (marked, part) {
    if (part === "<mark>") {
      return true;
    }
    if (part === "</mark>") {
      return false;
    }
    if (part) {
      node.appendChild(marked ? element("mark", "", decode(part)) : document.createTextNode(decode(part)));
    }
    return marked;
  }, false);
  return node;
}

/* The words the results mark as matches (normalised). */
function matchedWords(results) {
  var words = [];
  results.forEach(function (result) {
    (result.excerpt || "").replace(/<mark>(.*?)<\/mark>/g, function (whole, text) {
      words.push.apply(words, normal(decode(text)).split(" "));
      return whole;
    });
  });
  return words;
}

function telLink(number, tel) {
  var link = element("a", "kb-search__number", number);
  link.href = "tel:" + tel;
  return link;
}

function list(items, separator) {
  var fragment = document.createDocumentFragment();
  items.forEach(function (item, index) {
    if (index) {
      fragment.appendChild(document.createTextNode(separator));
    }
    fragment.appendChild(typeof item === "string" ? document.createTextNode(item) : item);
  });
  return fragment;
}

function crisisCard(card, root) {
  var box = element("section", "kb-search__crisis");
  box.setAttribute("aria-labelledby", "kb-search-crisis-heading");
  box.setAttribute("data-kb-search-crisis", "");
  var heading = element("h3", "kb-search__crisis-heading", card.heading);
  heading.id = "kb-search-crisis-heading";
  box.appendChild(heading);
  var emergency = element("p", "", card.emergency_label + " ");
  emergency.appendChild(
    list(
      card.emergency.map(function (entry) {
        var part = document.createDocumentFragment();
        part.appendChild(telLink(entry.number, entry.tel));
        part.appendChild(document.createTextNode(" (" + entry.places.join(", ") + ")"));
        return part;
      }),
      " · "
    )
  );
  box.appendChild(emergency);
  if (card.support.length) {
    var support = element("p", "", card.support_label + " ");
    support.appendChild(telLink(card.support_number, card.support_number.replace(/ /g, "")));
    support.appendChild(document.createTextNode(" (" + card.support.join(", ") + ")"));
    box.appendChild(support);
  }
  var more = element("a", "kb-search__help-link", card.help_link);
  more.href = root + card.help_url;
  var last = element("p");
  last.appendChild(more);
  box.appendChild(last);
  return box;
}

function resultList(results, extraClass) {
  var ol = element("ol", "kb-search__list" + (extraClass ? " " + extraClass : ""));
  results.forEach(function (result) {
    var li = element("li", "kb-search__item");
    var link = element("a", "kb-search__link");
    link.href = result.url;
    if (result.meta.section) {
      link.appendChild(element("span", "kb-search__section", result.meta.section));
    }
    link.appendChild(element("span", "kb-search__page", result.meta.title || result.url));
    link.appendChild(excerptNode(result.excerpt || ""));
    li.appendChild(link);
    ol.appendChild(li);
  });
  return ol;
}

export function attach(dialog, root) {
  var input = dialog.querySelector("[data-kb-search-input]");
  var form = dialog.querySelector("[data-kb-search-form]");
  var status = dialog.querySelector("[data-kb-search-status]");
  var output = dialog.querySelector("[data-kb-search-results]");
  var language = document.documentElement.lang || "en";
  var basePath = new URL(root).pathname;
  var pagefind = import(root + "pagefind/pagefind.js").then(function (module) {
    return module.options({ baseUrl: basePath, excerptLength: 24 }).then(function () {
      module.init();
      return module;
    });
  });
  var data = fetch(root + "search/" + language + ".json").then(function (response) {
    return response.json();
  });
  var latest = 0;

  function count(text, n) {
    return n === 0 ? text.no_results : n === 1 ? text.one_result : text.many_results.replace("{n}", String(n));
  }

  function run(query) {
    var ticket = ++latest;
    if (!query.trim()) {
      output.replaceChildren();
      output.removeAttribute("data-kb-search-done");
      status.textContent = "";
      return Promise.resolve();
    }
    return Promise.all([pagefind, data]).then(function (loaded) {
      var pf = loaded[0];
      var info = loaded[1];
      var crisis = isCrisis(query, info.crisis);
      var words = topicWords(query, info.stop_words);
      return Promise.all([
        pf.search(words, { filters: { group: "public" } }),
        crisis ? Promise.resolve({ results: [] }) : pf.search(words, { filters: { group: "contributors" } }),
      ]).then(function (found) {
        var publicHits = found[0] ? found[0].results : [];
        var contributorHits = found[1] ? found[1].results : [];
        return Promise.all(
          publicHits.slice(0, PAGE).map(function (r) {
            return r.data();
          })
        ).then(function (shown) {
          var fix = crisis ? null : suggestion(words, info.words, matchedWords(shown));
          return (fix ? pf.search(fix, { filters: { group: "public" } }) : Promise.resolve(null)).then(function (fixed) {
            if (ticket !== latest) {
              return; // a newer query is on its way
            }
            return show(info, crisis, publicHits, helpFirst(shown, crisis, info.card.help_url), contributorHits, fixed && fixed.results.length ? fix : null).then(
              function () {
                if (ticket === latest) {
                  output.setAttribute("data-kb-search-done", query); // the query these results answer
                }
              }
            );
          });
        });
      });
    });
  }

  /* For a crisis query, the urgent-help page leads the results when search found it. */
  function helpFirst(results, crisis, helpUrl) {
    var help = basePath + helpUrl;
    var at = results.findIndex(function (r) {
      return r.url === help;
    });
    return crisis && at > 0 ? [results[at]].concat(results.slice(0, at), results.slice(at + 1)) : results;
  }

  function show(info, crisis, hits, publicResults, contributorHits, fix) {
    var nodes = [];
    if (crisis || hits.length === 0) {
      nodes.push(crisisCard(info.card, root));
    }
    if (fix) {
      var offer = element("p", "kb-search__suggest", info.text.did_you_mean + " ");
      var button = element("button", "kb-search__suggestion", fix);
      button.type = "button";
      button.setAttribute("data-kb-search-suggestion", "");
      button.addEventListener("click", function () {
        input.value = fix;
        run(fix).then(function () {
          input.focus();
        });
      });
      offer.appendChild(button);
      offer.appendChild(document.createTextNode("?"));
      nodes.push(offer);
    }
    var list = resultList(publicResults);
    if (publicResults.length) {
      nodes.push(list);
    }
    var more = hits.length > publicResults.length ? moreButton(info, hits, list, contributorHits) : null;
    if (more) {
      nodes.push(more);
    }
    output.replaceChildren.apply(output, nodes);
    status.textContent = count(info.text, hits.length);
    return more ? Promise.resolve() : showContributors(info, contributorHits);
  }

  /* Pages for contributors, under their own heading, once every public result is listed. */
  function showContributors(info, contributorHits) {
    var ticket = latest;
    if (!contributorHits.length) {
      return Promise.resolve();
    }
    return Promise.all(
      contributorHits.slice(0, MAX_CONTRIBUTORS).map(function (r) {
        return r.data();
      })
    ).then(function (results) {
      if (ticket !== latest) {
        return;
      }
      output.appendChild(element("h3", "kb-search__group", info.text.for_contributors));
      output.appendChild(resultList(results, "kb-search__list--contributors"));
    });
  }

  /* "Show more results": the next five, added to the list; focus moves to the first of them. */
  function moreButton(info, hits, list, contributorHits) {
    var button = element("button", "kb-search__more", info.text.more_results);
    button.type = "button";
    button.setAttribute("data-kb-search-more", "");
    button.addEventListener("click", function () {
      var shown = list.children.length;
      Promise.all(
        hits.slice(shown, shown + PAGE).map(function (r) {
          return r.data();
        })
      ).then(function (more) {
        var added = resultList(more);
        var first = added.querySelector("a");
        while (added.firstChild) {
          list.appendChild(added.firstChild);
        }
        if (first) {
          first.focus();
        }
        if (list.children.length >= hits.length) {
          button.remove();
          showContributors(info, contributorHits);
        }
      });
    });
    return button;
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      run(input.value);
    }, 120);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run(input.value).then(function () {
      var first = output.querySelector("a, button");
      if (first) {
        first.focus();
      }
    });
  });

  // Arrow keys move through the results, and back up to the box.
  dialog.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") {
      return;
    }
    var stops = [input].concat(Array.prototype.slice.call(output.querySelectorAll("a, button")));
    var at = stops.indexOf(document.activeElement);
    if (at === -1) {
      return;
    }
    event.preventDefault();
    var next = event.key === "ArrowDown" ? Math.min(at + 1, stops.length - 1) : Math.max(at - 1, 0);
    stops[next].focus();
  });

  if (input.value) {
    run(input.value);
  }
}
