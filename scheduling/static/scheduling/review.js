/* Batch review of scheduling suggestions: select many, accept or reject with a reason in one call
   (POST /api/v1/items/decide); each decision is audited on the server like any override. The last
   batch can be undone (POST /scheduling/review/undo, audited as work_item.reopened): decided rows
   (and groups left empty) leave the page and are put back where they were on undo. */
(function () {
  "use strict";
  var CF = window.CF;
  var form = document.getElementById("review-form");
  if (!form || !CF) return;
  var picks = function () { return Array.prototype.slice.call(document.querySelectorAll("tr.sched-card input.pick")); };
  var chosen = function () { return picks().filter(function (p) { return p.checked; }).map(function (p) { return p.value; }); };
  var acceptBtn = document.getElementById("accept-selected");
  var rejectBtn = document.getElementById("reject-selected");
  var undoBtn = document.getElementById("undo-batch");
  var reason = document.getElementById("reject-reason");
  var comment = document.getElementById("reject-comment");
  var result = document.getElementById("review-result");
  var resultText = document.getElementById("review-result-text");
  var undoMinutes = parseInt(form.getAttribute("data-undo-minutes"), 10) || 10;
  var lastBatch = [];  // [{id, row, body, next, group, groupParent, groupNext}] of the last decision
  var undoTimer = null;

  function refresh() {
    var n = chosen().length;
    document.getElementById("selected-count").textContent = n;
    acceptBtn.disabled = n === 0;
    rejectBtn.disabled = n === 0 || !reason.value || (reason.value === "other" && !comment.value.trim());
  }
  function tidy() {
    var left = picks().length;
    document.getElementById("review-count").textContent = left;
    var empty = document.getElementById("review-empty-now");
    if (empty) empty.hidden = left > 0 || !!document.getElementById("review-empty");
    refresh();
  }
  function take(id) {
    // remove the decided row, and its group once empty, remembering where both were
    var row = document.querySelector('tr.sched-card[data-id="' + id + '"]');
    if (!row) return null;
    row.querySelector("input.pick").checked = false;
    var spot = { id: id, row: row, body: row.parentNode, next: row.nextSibling, group: null };
    row.remove();
    var group = spot.body.closest(".review-group");
    if (group && !group.querySelector("tr.sched-card")) {
      spot.group = group; spot.groupParent = group.parentNode; spot.groupNext = group.nextSibling;
      group.remove();
    }
    return spot;
  }
  function putBack(spot) {
    if (spot.group && !spot.group.isConnected) {
      spot.groupParent.insertBefore(spot.group, spot.groupNext && spot.groupNext.isConnected ? spot.groupNext : null);
    }
    spot.body.insertBefore(spot.row, spot.next && spot.next.parentNode === spot.body ? spot.next : null);
  }
  function forget() {
    lastBatch = [];
    undoBtn.hidden = true;
  }
  function say(kind, text) {
    result.hidden = false;
    result.className = "banner banner-" + kind;
    resultText.textContent = text;
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
      if (!res.ok) { say("error", CF.problemText(res)); return; }
      forget();
      var decided = res.body.decided || [];
      lastBatch = decided.map(take).filter(Boolean);
      var failed = res.body.failed || [];
      say("ok", (decision === "accept" ? "Accepted " : "Rejected ") + decided.length + " suggestion(s)." +
        (failed.length ? " Not done: " + failed.map(function (f) { return f.detail; }).join("; ") : ""));
      undoBtn.hidden = decided.length === 0;
      if (undoTimer) clearTimeout(undoTimer);
      undoTimer = setTimeout(forget, undoMinutes * 60 * 1000);
      document.getElementById("select-all").checked = false;
      tidy();
    });
  }
  acceptBtn.addEventListener("click", function () { decide("accept", acceptBtn); });
  rejectBtn.addEventListener("click", function () { decide("reject", rejectBtn); });
  undoBtn.addEventListener("click", function () {
    var ids = lastBatch.map(function (spot) { return spot.id; });
    if (!ids.length) return;
    CF.busy(undoBtn, function () { return CF.api("POST", "/scheduling/review/undo", { items: ids }); }).then(function (res) {
      if (!res.ok) { say("error", CF.problemText(res)); return; }
      var back = res.body.reopened || [];
      // put rows back in reverse order of removal so each lands before its old neighbour
      lastBatch.slice().reverse().forEach(function (spot) { if (back.indexOf(spot.id) >= 0) putBack(spot); });
      lastBatch = lastBatch.filter(function (spot) { return back.indexOf(spot.id) < 0; });
      var failed = res.body.failed || [];
      say(failed.length ? "warn" : "ok", "Undone: " + back.length + " suggestion(s) back in the list." +
        (failed.length ? " Not undone: " + failed.map(function (f) { return f.detail; }).join("; ") : ""));
      undoBtn.hidden = true;
      tidy();
    });
  });

  CF.on("item.created", function (frame) {
    if (frame.item && ["reminder_call", "overbook", "slot_offer"].indexOf(frame.item.kind) >= 0) {
      document.getElementById("review-new").hidden = false;
    }
  });
  refresh();
})();
