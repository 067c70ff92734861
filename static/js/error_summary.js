// The error summary at the top of a form (templates/includes/error_summary.html): focus moves
// to it when the page opens, and each link moves the focus to its field.
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (!summary) return;
  summary.querySelectorAll("a[href^='#']").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) return;
      event.preventDefault();
      var group = target.closest("fieldset") || target;
      group.scrollIntoView({ block: "start" });
      target.focus({ preventScroll: true });
    });
  });
  summary.focus();
})();
