// The insights chart: one bar of twitches per day, one scale, no legend to decode. Data
// comes from the page's json_script block "insights-data"; no inline script, so it runs
// under the strict Content-Security-Policy. The same numbers are in the table under the
// chart, so nothing depends on this script.
(function () {
  "use strict";

  var source = document.getElementById("insights-data");
  var canvas = document.getElementById("insights-chart");
  if (!source || !canvas || typeof window.Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);

  function isDark() {
    return document.documentElement.getAttribute("data-bs-theme") === "dark";
  }

  function config() {
    var dark = isDark();
    var text = dark ? "#e8edee" : "#212b32";
    var grid = dark ? "rgba(232, 237, 238, 0.14)" : "rgba(33, 43, 50, 0.12)";
    return {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [
          {
            label: "Twitches",
            data: data.episodes,
            backgroundColor: dark ? "#4c9be8" : "#005eb8",
            borderRadius: 2,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        color: text,
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: function (item) {
                return item.raw === 1 ? "1 twitch" : item.raw + " twitches";
              },
            },
          },
        },
        scales: {
          x: {
            // A phone shows about six dates; the rest are in the tooltip and the table.
            ticks: { color: text, maxRotation: 0, autoSkipPadding: 16 },
            grid: { display: false },
          },
          y: {
            beginAtZero: true,
            ticks: { color: text, precision: 0 },
            grid: { color: grid },
            title: { display: true, text: "Twitches a day", color: text },
          },
        },
      },
    };
  }

  var chart = new window.Chart(canvas, config());

  // theme.js follows the device's light or dark setting as it changes; redraw to match.
  new MutationObserver(function () {
    chart.destroy();
    chart = new window.Chart(canvas, config());
  }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-bs-theme"] });
})();
