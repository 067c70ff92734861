// The weekly self-ratings: how strong (solid) and how often (dashed), 0 to 4, and a shaded
// bar in each week a treatment was given or started. Data from the json_script block
// "ratings-data" (chart_theme.js reads it). The ratings are in the table below too.
(function () {
  "use strict";

  window.twitchcareChart("ratings-data", "ratings-chart", function (data, colours) {
    var dark = colours.dark;
    var text = colours.text;
    var blue = colours.blue;
    var other = dark ? "#f0c36d" : "#8a4b00";
    return {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [
          {
            type: "bar",
            label: "Treatment given or started",
            data: data.treatments.map(function (names) {
              return names ? 4 : null;
            }),
            backgroundColor: dark ? "rgba(127, 209, 168, 0.35)" : "rgba(0, 127, 59, 0.2)",
            barPercentage: 1,
            categoryPercentage: 1,
            order: 3,
          },
          {
            label: "How strong",
            data: data.severity,
            borderColor: blue,
            backgroundColor: blue,
            borderWidth: 2,
            spanGaps: true,
            order: 1,
          },
          {
            label: "How often",
            data: data.frequency,
            borderColor: other,
            backgroundColor: other,
            borderWidth: 2,
            borderDash: [6, 4],
            pointStyle: "rect",
            spanGaps: true,
            order: 2,
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
          legend: { position: "bottom", labels: { color: text } },
          tooltip: {
            callbacks: {
              label: function (item) {
                if (item.datasetIndex === 0) {
                  return "Treatment: " + data.treatments[item.dataIndex];
                }
                return item.dataset.label + ": " + item.raw + " of 4";
              },
            },
          },
        },
        scales: {
          x: { ticks: { color: text, maxRotation: 0, autoSkipPadding: 12 }, grid: { display: false } },
          y: {
            min: 0,
            max: 4,
            ticks: { color: text, stepSize: 1 },
            grid: { color: colours.grid },
            title: { display: true, text: "0 none to 4 severe", color: text },
          },
        },
      },
    };
  });
})();
