/* Batch review of scheduling suggestions: select many, accept or reject with a reason in one call
   (POST /api/v1/items/decide); each decision is audited on the server like any override. */
(function () {
  "use strict";
  var CF = window.CF;
  var form = document.getElementById("review-form");
  if (!form || !CF) return;
  var picks = function () { return Array.prototype.slice.call(document.querySelectorAll("input.pick")); };
  var chosen = function () { return picks().filter(function (p) { return p.checked; }).map(function (p) { return p.value; }); };
  var acceptBtn = document.getElementById("accept-selected");
  var rejectBtn = document.getElementById("reject-selected");
  var reason = document.getElementById("reject-reason");
  var comment = document.getElementById("reject-comment");
  var result = document.getElementById("review-result");

  function refresh() {
    var n = chosen().length;
    document.getElementById("selected-count").textContent = n;
    acceptBtn.disabled = n === 0;
    rejectBtn.disabled = n === 0 || !reason.value || (reason.value === "other" && !comment.value.trim());
  }
  document.addEventListener("change", refresh);
  comment.addEventListener("input", refresh);
  document.getElementById("select-all").addEventListener("change", function (e) {
    picks().forEach(function (p) { p.checked = e.target.checked; });
    refresh();
  });

  function decide(decision, button) {
    var body = { items: chosen(), decision: decision };
    if (decision === "reject") { body.reason_code = reason.value; body.comment = comment.value; }
    CF.busy(button, function () { return CF.api("POST", "/api/v1/items/decide", body); }).then(function (res) {
      result.hidden = false;
      if (!res.ok) {
        result.className = "banner banner-error";
        result.textContent = CF.problemText(res);
        return;
      }
      (res.body.decided || []).forEach(function (id) {
        var row = document.querySelector('tr[data-id="' + id + '"]');
        if (row) row.remove();
      });
      result.className = "banner banner-ok";
      result.textContent = (decision === "accept" ? "Accepted " : "Rejected ") + (res.body.decided || []).length +
        " suggestion(s)." + ((res.body.failed || []).length ? " Not done: " + res.body.failed.map(function (f) { return f.detail; }).join("; ") : "");
      document.getElementById("review-count").textContent = picks().length;
      refresh();
    });
  }
  acceptBtn.addEventListener("click", function () { decide("accept", acceptBtn); });
  rejectBtn.addEventListener("click", function () { decide("reject", rejectBtn); });

  CF.on("item.created", function (frame) {
    if (frame.item && ["reminder_call", "overbook", "slot_offer"].indexOf(frame.item.kind) >= 0) {
      document.getElementById("review-new").hidden = false;
    }
  });
  refresh();
})();
