// What the app's charts share: the data from a json_script block, colours for the light or
// dark theme, and a redraw when theme.js switches theme. Each chart script hands over its
// own config as a function of the data and the colours. No inline script (strict CSP).
(function () {
  "use strict";

  window.twitchcareChart = function (sourceId, canvasId, config) {
    var source = document.getElementById(sourceId);
    var canvas = document.getElementById(canvasId);
    if (!source || !canvas || typeof window.Chart === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);

    function colours() {
      var dark = document.documentElement.getAttribute("data-bs-theme") === "dark";
      return {
        dark: dark,
        text: dark ? "#e8edee" : "#212b32",
        grid: dark ? "rgba(232, 237, 238, 0.14)" : "rgba(33, 43, 50, 0.12)",
        blue: dark ? "#4c9be8" : "#005eb8",
      };
    }

    var chart = new window.Chart(canvas, config(data, colours()));

    // theme.js follows the device's light or dark setting as it changes; redraw to match.
    new MutationObserver(function () {
      chart.destroy();
      chart = new window.Chart(canvas, config(data, colours()));
    }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-bs-theme"] });
  };
})();
