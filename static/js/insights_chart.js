// The insights chart: one bar of twitches per day, one scale, no legend to decode. Data
// comes from the page's json_script block "insights-data" (chart_theme.js reads it). The
// same numbers are in the table under the chart, so nothing depends on this script.
(function () {
  "use strict";

  window.twitchcareChart("insights-data", "insights-chart", function (data, colours) {
    var text = colours.text;
    return {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [
          {
            label: "Twitches",
            data: data.episodes,
            backgroundColor: colours.blue,
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
            grid: { color: colours.grid },
            title: { display: true, text: "Twitches a day", color: text },
          },
        },
      },
    };
  });
})();
