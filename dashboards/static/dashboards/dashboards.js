/* Draws every chart of a dashboard page once plotly.js (loaded just before this file, served by
   clinflow itself, never a CDN) is there. Each figure comes from the server as JSON in a
   <script type="application/json" id="figure-<metric>"> block (no inline script: the page works
   under a strict Content-Security-Policy). Plots resize with their card. */
(function () {
  "use strict";
  var boxes = document.querySelectorAll(".dash-chart[data-figure]");
  if (!boxes.length) return;
  if (!window.Plotly) {
    boxes.forEach(function (box) {
      box.textContent = "The chart library did not load; the numbers are in the table below.";
    });
    return;
  }
  var config = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["select2d", "lasso2d"] };
  boxes.forEach(function (box) {
    var source = document.getElementById(box.getAttribute("data-figure"));
    if (!source) return;
    var fig;
    try {
      fig = JSON.parse(source.textContent);
    } catch (e) {
      box.textContent = "This chart could not be read; the numbers are in the table below.";
      return;
    }
    var layout = fig.layout || {};
    // the card's heading already says the title: drop plotly's and the room kept for it
    if (layout.title && layout.title.text) {
      layout.title = { text: "" };
      layout.margin = Object.assign({}, layout.margin || {});
      layout.margin.t = Math.max(16, (layout.margin.t || 60) - 44);
    }
    if (box.clientWidth < 600) {
      // a phone: less margin, the legend under the plot
      layout.margin = Object.assign({}, layout.margin || {}, { l: 50, r: 20 });
    }
    window.Plotly.newPlot(box, fig.data || [], layout, config).then(function () {
      box.setAttribute("data-rendered", "true");
    });
  });
})();
