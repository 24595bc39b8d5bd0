/* The escalation inbox (/escalations/): acknowledge one, acknowledge and open, acknowledge all;
 * escalations arriving while the page is open join the list (app.js hands them over as
 * "escalation" events and never opens the interrupt dialog for them). */
(function () {
  "use strict";
  var CF = window.CF;
  if (!CF) return;
  var el = CF.el;
  var list = document.getElementById("esc-waiting-list");
  var empty = document.getElementById("esc-empty");
  var errorBox = document.getElementById("esc-error");
  var waitingCount = document.getElementById("esc-waiting");

  function cards() { return Array.prototype.slice.call(list.querySelectorAll(".esc-card")); }
  function idsOf(card) {
    return (card.dataset.deliveries || "").split(",").filter(Boolean).map(function (id) { return parseInt(id, 10); });
  }
  function refreshCounts() {
    var all = cards();
    waitingCount.textContent = String(all.length);
    var emergent = document.getElementById("esc-emergent");
    var n = all.filter(function (c) { return c.classList.contains("urg-emergent"); }).length;
    if (emergent) emergent.textContent = n + " emergent";
    empty.hidden = all.length > 0;
    var ackAll = document.getElementById("esc-ack-all");
    if (ackAll) {
      ackAll.hidden = all.length < 2;
      ackAll.textContent = "Acknowledge all (" + all.length + ")";
    }
  }
  function showError(res) {
    errorBox.textContent = CF.problemText(res);
    errorBox.hidden = false;
  }

  /* POST the acknowledgement of these deliveries; resolves true when the server recorded them. */
  function acknowledge(ids, button) {
    errorBox.hidden = true;
    return CF.busy(button, function () {
      return CF.api("POST", "/api/v1/interrupts/ack-all", { deliveries: ids });
    }).then(function (res) {
      if (!res.ok) { showError(res); return false; }
      CF.escalationsDone(ids);
      return true;
    });
  }

  function done(card) {
    card.remove();
    refreshCounts();
    var next = list.querySelector("[data-esc-ack]");
    if (next) next.focus();
  }

  list.addEventListener("click", function (event) {
    var card = event.target.closest(".esc-card");
    if (!card) return;
    if (event.target.closest("[data-esc-ack]")) {
      acknowledge(idsOf(card), event.target.closest("button")).then(function (ok) { if (ok) done(card); });
    } else if (event.target.closest("[data-esc-open]")) {
      event.preventDefault();
      var href = event.target.closest("a").href;
      acknowledge(idsOf(card), null).then(function (ok) { if (ok) location.href = href; });
    }
  });

  var ackAll = document.getElementById("esc-ack-all");
  if (ackAll) {
    ackAll.addEventListener("click", function () {
      var all = cards();
      var ids = [];
      all.forEach(function (c) { ids = ids.concat(idsOf(c)); });
      acknowledge(ids, ackAll).then(function (ok) { if (ok) { all.forEach(function (c) { c.remove(); }); refreshCounts(); } });
    });
  }

  /* An escalation that arrives while the inbox is open: a card like the server's. */
  function cardFor(frame) {
    var item = frame.item || {};
    var what = frame.what || {};
    var existing = list.querySelector('.esc-card[data-item="' + item.id + '"]');
    if (existing) {
      var ids = idsOf(existing);
      if (ids.indexOf(frame.delivery) < 0) existing.dataset.deliveries = ids.concat([frame.delivery]).join(",");
      return;
    }
    var patient = what.patient_name ? what.patient_name + (what.patient_age != null ? ", " + what.patient_age + " y" : "") + " · " : "";
    var card = el("li", { class: "esc-card urg-" + item.urgency, "data-item": item.id, "data-deliveries": String(frame.delivery) },
      el("div", { class: "esc-head" },
        el("span", { class: "urgency urgency-" + item.urgency }, CF.URGENCY_LABELS[item.urgency] || item.urgency || ""),
        " ", el("a", { class: "esc-title", href: "/items/" + item.id + "/" }, item.title || "Work item"),
        " ", el("span", { class: "esc-queue" }, item.queue || "")),
      el("p", { class: "esc-what" }, patient, "MRN ", el("strong", {}, item.patient_mrn || "")),
      CF.whatLine(what),
      what.first_line ? el("p", { class: "esc-first-line" }, "\u201c" + what.first_line + "\u201d") : null,
      el("p", { class: "muted small" }, "Escalated just now" + (frame.note ? " · " + frame.note.replace(/^escalated: /, "") : "")),
      el("div", { class: "btn-row" },
        el("button", { type: "button", class: "primary small", "data-esc-ack": "" }, "Acknowledge"),
        el("a", { class: "button small", href: "/items/" + item.id + "/", "data-esc-open": "" }, "Acknowledge and open")));
    list.insertBefore(card, list.firstChild);
    refreshCounts();
  }
  CF.on("escalation", cardFor);
  CF.on("escalations.synced", function (payload) { payload.escalations.forEach(cardFor); });

  function itemClosed(frame) {
    var item = frame.item;
    if (!item || !item.id || CF.OPEN_STATES[item.state]) return;
    var card = list.querySelector('.esc-card[data-item="' + item.id + '"]');
    if (card) { card.remove(); refreshCounts(); }
  }
  CF.on("item.resolved", itemClosed);
  CF.on("item.updated", itemClosed);
  refreshCounts();
})();
