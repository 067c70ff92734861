// An injection's effect: one bar of twitches a day per week after it, a solid line for the
// 4 weeks before, and dashed lines at half of that (began working) and 8 in 10 of it (wore
// off). The onset and wear-off weeks are marked by a symbol and their name, not by colour
// alone. Data comes from the json_script block "effect-data"; no inline script, so it runs
// under the strict Content-Security-Policy. The same numbers are in the table below.
(function () {
  "use strict";

  var source = document.getElementById("effect-data");
  var canvas = document.getElementById("effect-chart");
  if (!source || !canvas || typeof window.Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var SYMBOLS = { onset: "\u2605", wears_off: "\u2715" };

  function isDark() {
    return document.documentElement.getAttribute("data-bs-theme") === "dark";
  }

  function flat(value) {
    return data.labels.map(function () {
      return value;
    });
  }

  function config() {
    var dark = isDark();
    var text = dark ? "#e8edee" : "#212b32";
    var grid = dark ? "rgba(232, 237, 238, 0.14)" : "rgba(33, 43, 50, 0.12)";
    var bar = dark ? "#4c9be8" : "#005eb8";
    var marked = dark ? "#7fd1a8" : "#007f3b";
    var line = dark ? "#e8edee" : "#212b32";
    // Week numbers only, every one shown: a phone has room for 16 short labels, and the
    // onset and wear-off marks must never be skipped.
    var labels = data.labels.map(function (label, i) {
      var mark = data.marks[i];
      return mark ? String(i + 1) + SYMBOLS[mark] : String(i + 1);
    });
    return {
      type: "bar",
      data: {
        labels: labels,
        datasets: [
          {
            type: "bar",
            label: "Twitches a day",
            data: data.per_day,
            backgroundColor: data.marks.map(function (mark) {
              return mark ? marked : bar;
            }),
            borderRadius: 2,
            order: 2,
          },
          {
            type: "line",
            label: "Before the injection",
            data: flat(data.baseline),
            borderColor: line,
            borderWidth: 2,
            pointRadius: 0,
            order: 1,
          },
          {
            type: "line",
            label: "Half: began working",
            data: flat(data.half),
            borderColor: line,
            borderWidth: 1.5,
            borderDash: [6, 4],
            pointRadius: 0,
            order: 1,
          },
          {
            type: "line",
            label: "8 in 10: wore off",
            data: flat(data.wear_off),
            borderColor: line,
            borderWidth: 1.5,
            borderDash: [2, 3],
            pointRadius: 0,
            order: 1,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        color: text,
        interaction: { mode: "index", intersect: false },
        plugins: {
          legend: {
            position: "bottom",
            labels: {
              color: text,
              boxHeight: 2,
              boxWidth: 28,
              font: { size: 13 },
              // The bars are named by the y axis; the legend names the three lines.
              filter: function (item) {
                return item.datasetIndex > 0;
              },
            },
          },
          tooltip: {
            callbacks: {
              title: function (items) {
                return data.titles[items[0].dataIndex];
              },
              label: function (item) {
                return item.dataset.label + ": " + item.raw.toFixed(1);
              },
            },
          },
        },
        scales: {
          x: {
            ticks: { color: text, maxRotation: 0, autoSkip: false },
            grid: { display: false },
            title: { display: true, text: "Week after the injection", color: text },
          },
          y: {
            beginAtZero: true,
            ticks: { color: text },
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
