// The public sociale kaart, a little better with JavaScript. Every page works without it.
(function () {
  "use strict";

  // After a search is sent (Enter in the search box, or the Search button) and HTMX has put
  // the new results in place, move focus to the results heading: the page visibly moves to
  // them, and a screen reader says where the visitor is. The live status says how many.
  // Changing a filter does not move focus: the visitor may want to change another one.
  document.addEventListener("htmx:afterSwap", function (event) {
    var config = event.detail && event.detail.requestConfig;
    var trigger = config && config.triggeringEvent;
    if (!trigger || trigger.type !== "submit") return;
    var heading = document.getElementById("results-heading");
    if (!heading) return;
    heading.setAttribute("tabindex", "-1");
    heading.focus();
    heading.scrollIntoView({ block: "start" });
  });

  document.addEventListener("DOMContentLoaded", function () {
    // "Copy link" on a service page: the link stays selectable in its box without JavaScript.
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      if (!navigator.clipboard) return;
      var field = document.getElementById(button.getAttribute("data-copy"));
      var status = document.getElementById(button.id + "-status");
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(field.value).then(function () {
          if (status) status.textContent = button.getAttribute("data-copied");
        });
      });
    });
    var print = document.getElementById("print-handout");
    if (print) {
      print.hidden = false;
      print.addEventListener("click", function () {
        window.print();
      });
    }
  });
})();
