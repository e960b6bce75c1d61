/* The search page's facets, in place: "Show all N" lists a facet's values without
   reloading (when the page holds them all; otherwise the link asks the server for every
   value), a facet's "Find" box narrows its values as one types, and on a narrow screen
   the facets sit behind a "Filter" button. Without this script the same links and forms
   reload the page with the state in the URL. */
(function () {
  "use strict";

  function showAll(link) {
    var facet = link.closest(".facet");
    facet.querySelectorAll("li[hidden]").forEach(function (item) { item.hidden = false; });
    link.parentNode.hidden = true;
    var first = facet.querySelector("li a");
    if (first) { first.focus(); }
  }

  function narrow(box) {
    var facet = box.closest(".facet");
    var letters = box.value.trim().toLowerCase();
    var shown = 0;
    facet.querySelectorAll("li").forEach(function (item, index) {
      var link = item.querySelector("a");
      var label = item.querySelector(".label").textContent.toLowerCase();
      var chosen = link.classList.contains("active");
      var match = letters ? label.indexOf(letters) >= 0 || chosen
        : chosen || index < Number(facet.dataset.shown) || facet.dataset.all === "1";
      item.hidden = !match;
      if (match && !chosen) { shown += 1; }
    });
    var none = facet.querySelector(".facet-none");
    if (none) {
      none.querySelector(".letters").textContent = box.value.trim();
      none.hidden = !letters || shown > 0;
    }
    facet.querySelectorAll(".facet-more").forEach(function (more) { more.hidden = !!letters; });
  }

  function facetsBehindButton() {
    var button = document.querySelector(".filter-toggle");
    var facets = document.getElementById("facets");
    if (!button || !facets) { return; }
    document.documentElement.classList.add("js-filter");
    button.hidden = false;
    function show(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      facets.classList.toggle("open", open);
    }
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      show(open);
      if (open) {
        var first = facets.querySelector("a, input");
        if (first) { first.focus(); }
      }
    });
    facets.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && facets.classList.contains("open")) {
        show(false);
        button.focus();
      }
    });
  }

  function init() {
    document.querySelectorAll("a[data-show-all]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        link.closest(".facet").dataset.all = "1";
        showAll(link);
      });
    });
    // A facet whose values are not all on the page is narrowed by the server (Find).
    document.querySelectorAll(".facet[data-complete='1'] .facet-find input[type=search]")
      .forEach(function (box) {
        box.addEventListener("input", function () { narrow(box); });
      });
    facetsBehindButton();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
