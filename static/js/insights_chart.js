// The insights chart: twitches per day as bars (left scale) and the daily log as lines
// (right scale). Data comes from the page's json_script block "insights-data"; no inline
// script, so it runs under the strict Content-Security-Policy. The same numbers are in the
// table under the chart, so nothing depends on this script.
(function () {
  "use strict";

  var source = document.getElementById("insights-data");
  var canvas = document.getElementById("insights-chart");
  if (!source || !canvas || typeof window.Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);

  // Each line has its own colour, dash and point shape: colour is never the only signal.
  var LINE_STYLES = {
    sleep_hours: { light: "#6a3d9a", dark: "#c7a6f2", dash: [], point: "circle" },
    stress_level: { light: "#b35900", dark: "#ffb35c", dash: [6, 4], point: "triangle" },
    caffeine_servings: { light: "#7a4a21", dark: "#e0b48a", dash: [2, 3], point: "rectRot" },
    alcohol_drinks: { light: "#a3195b", dark: "#f58cbc", dash: [10, 3, 2, 3], point: "star" },
    screen_hours: { light: "#00666b", dark: "#5fd3d9", dash: [12, 4], point: "rect" },
    water_glasses: { light: "#1f5f99", dark: "#8ec5ff", dash: [1, 4], point: "crossRot" },
  };

  function isDark() {
    return document.documentElement.getAttribute("data-bs-theme") === "dark";
  }

  function config() {
    var dark = isDark();
    var text = dark ? "#e8edee" : "#212b32";
    var grid = dark ? "rgba(232, 237, 238, 0.14)" : "rgba(33, 43, 50, 0.12)";
    var datasets = [
      {
        type: "bar",
        label: "Twitches",
        data: data.episodes,
        yAxisID: "y",
        backgroundColor: dark ? "#4c9be8" : "#005eb8",
        borderRadius: 2,
        order: 2,
      },
    ];
    data.factors.forEach(function (factor) {
      var style = LINE_STYLES[factor.key] || { light: "#444", dark: "#ccc", dash: [], point: "circle" };
      var colour = dark ? style.dark : style.light;
      datasets.push({
        type: "line",
        label: factor.label,
        data: factor.values,
        yAxisID: "y1",
        borderColor: colour,
        backgroundColor: colour,
        borderDash: style.dash,
        borderWidth: 2,
        pointStyle: style.point,
        pointRadius: 3,
        spanGaps: false,
        hidden: !factor.shown,
        order: 1,
      });
    });
    return {
      data: { labels: data.labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: "index", intersect: false },
        color: text,
        plugins: {
          legend: {
            position: "bottom",
            labels: { color: text, usePointStyle: true, boxHeight: 8, padding: 14 },
          },
          tooltip: {
            callbacks: {
              label: function (item) {
                if (item.raw === null || item.raw === undefined) {
                  return item.dataset.label + ": not logged";
                }
                return item.dataset.label + ": " + item.formattedValue;
              },
            },
          },
        },
        scales: {
          x: {
            ticks: { color: text, maxRotation: 0, autoSkipPadding: 12 },
            grid: { display: false },
          },
          y: {
            position: "left",
            beginAtZero: true,
            ticks: { color: text, precision: 0 },
            grid: { color: grid },
            title: { display: true, text: "Twitches", color: text },
          },
          y1: {
            position: "right",
            beginAtZero: true,
            suggestedMax: 10,
            ticks: { color: text },
            grid: { drawOnChartArea: false },
            title: { display: true, text: "Daily log", color: text },
          },
        },
      },
    };
  }

  var chart = new window.Chart(canvas, config());

  // theme.js follows the device's light or dark setting as it changes; redraw to match,
  // keeping the lines the person has switched on or off.
  new MutationObserver(function () {
    var hidden = chart.data.datasets.map(function (_dataset, index) {
      return !chart.isDatasetVisible(index);
    });
    chart.destroy();
    var next = config();
    next.data.datasets.forEach(function (dataset, index) {
      dataset.hidden = hidden[index];
    });
    chart = new window.Chart(canvas, next);
  }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-bs-theme"] });
})();
