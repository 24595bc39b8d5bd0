/* Draws the capacity chart once plotly.js (loaded just before this file) is there. The figure comes
   from the server as JSON (#capacity-figure); the plot resizes with its box, so it fits a phone. */
(function () {
  "use strict";
  var box = document.getElementById("capacity-chart");
  var source = document.getElementById("capacity-figure");
  if (!box || !source) return;
  if (!window.Plotly) {
    box.textContent = "The chart library did not load; the table below has the same numbers.";
    return;
  }
  var fig = JSON.parse(source.textContent);
  var data = fig.data || [];
  var layout = fig.layout || {};
  if (box.clientWidth < 600 && data.length) {
    // a phone: the provider-days down the page (horizontal bars), so every label stays readable
    var days = (data[0].x || []).length;
    data.forEach(function (t) {
      var x = t.x; t.x = t.y; t.y = x;
      if (t.type === "bar") t.orientation = "h";
      else if (t.marker) t.marker.symbol = "line-ns-open";
    });
    layout.height = Math.max(360, 90 + days * 56);
    layout.margin = { l: 90, r: 8, t: 70, b: 40 };
    layout.xaxis = { title: { text: "appointments" } };
    layout.yaxis = { autorange: "reversed", automargin: true, tickfont: { size: 10 } };
    layout.legend = { orientation: "h", x: 0, y: 1, yanchor: "bottom" };
  }
  window.Plotly.newPlot(box, data, layout, { displaylogo: false, responsive: true });
})();
