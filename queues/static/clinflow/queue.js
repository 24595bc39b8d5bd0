/* The queue page: live rows (insert / update / remove without reload), re-sync on every (re)connect,
 * claim / release from the list, keyboard navigation (j/k, Enter, c, a, o, d, e). */
(function () {
  "use strict";
  var CF = window.CF;
  if (!CF) return;
  var el = CF.el;
  var config = JSON.parse(document.getElementById("page-config").textContent);
  var slug = config.queue;
  var myWork = config.view === "my-work";  // My work: rows of every queue; the queue-only live parts are off
  var tbody = document.getElementById("item-rows");
  var empty = document.getElementById("empty");
  var countEl = document.getElementById("queue-count");
  var errorBox = document.getElementById("queue-error");
  var holdNote = document.getElementById("digest-hold-note");
  var TIER_RANK = { interrupt: 0, task: 1, suggestion: 2 };
  var OPEN = { "new": 1, claimed: 1, escalated: 1, snoozed: 1, reassigned: 1 };
  var STATE_LABELS = { claimed: "Claimed", escalated: "Escalated", snoozed: "Snoozed", reassigned: "Reassigned", resolved: "Resolved", resolved_in_emr: "Resolved in the EMR" };

  var items = {};  // id -> summary of the rows shown
  var seen = {};   // ids the user has been shown (not held for the digest)
  config.items.forEach(function (item) { items[item.id] = item; seen[item.id] = true; });
  var cursorId = null;

  function sortKey(item) {
    return [TIER_RANK[item.tier] === undefined ? 9 : TIER_RANK[item.tier], item.priority,
      CF.toMs(item.due_at) || 0, CF.toMs(item.created_at) || 0];
  }
  function compare(a, b) {
    var ka = sortKey(a), kb = sortKey(b);
    for (var i = 0; i < ka.length; i++) {
      if (ka[i] < kb[i]) return -1;
      if (ka[i] > kb[i]) return 1;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  }
  function rowFor(id) { return tbody.querySelector('tr[data-id="' + id + '"]'); }
  function digestMode() { return CF.prefs.suggestion_mode === "digest"; }

  function buildRow(item) {
    var mine = item.claimed_by === CF.me;
    var sla = CF.slaText(item.due_at);
    var button;
    if (mine) button = el("button", { type: "button", class: "small", "data-act": "release" }, "Release");
    else if (item.claimed_by) button = el("button", { type: "button", class: "small", "data-act": "claim", disabled: true, title: "Claimed by " + item.claimed_by }, "Claim");
    else button = el("button", { type: "button", class: "small", "data-act": "claim" }, "Claim");
    var escalation = CF.escalationBadge(item.escalation_level);
    // "Escalated: on-call" says more than "Escalated": the state is shown only when it adds something
    var state = escalation && item.state === "escalated" ? null : STATE_LABELS[item.state];
    var held = item.tier === "suggestion" && digestMode() && !seen[item.id];
    return el("tr", {
      class: "row tier-" + item.tier + (mine ? " is-mine" : "") + (held ? " held" : ""), "data-id": item.id,
      "data-tier": item.tier, "data-priority": item.priority, "data-due": item.due_at, "data-created": item.created_at, tabindex: "-1",
    },
      el("td", { class: "c-tier" }, CF.tierBadge(item.tier)),
      el("td", { class: "c-urgency" }, el("span", { class: "urgency urgency-" + item.urgency }, CF.URGENCY_LABELS[item.urgency] || item.urgency),
        item.human_review ? el("span", { class: "review-flag" }, "Low AI confidence · review") : null),
      el("td", { class: "c-title" }, el("a", { class: "item-link", href: "/items/" + item.id + "/?from=" + encodeURIComponent(config.view === "my-work" ? "my-work" : config.queue) }, item.title),
        state ? " " : null, state ? el("span", { class: "state state-" + item.state }, state) : null,
        escalation ? " " : null, escalation),
      el("td", { class: "c-mrn" }, item.patient_mrn),
      el("td", { class: "c-age" }, el("time", { class: "age", "data-age": item.created_at, datetime: item.created_at }, CF.ageText(item.created_at))),
      el("td", { class: "c-sla" }, el("time", { class: "sla" + (sla.overdue ? " overdue" : ""), "data-due": item.due_at, datetime: item.due_at }, sla.text)),
      el("td", { class: "c-claimed" }, item.claimed_by
        ? el("span", { class: "claimed-by" }, item.claimed_by + (mine ? " (you)" : ""))
        : el("span", { class: "muted" }, "—")),
      el("td", { class: "c-act" }, button, el("span", { class: "row-msg", role: "status" })));
  }

  /* Put the item's row where the sort says, replacing an existing one. */
  function upsert(item, arriving) {
    var old = rowFor(item.id);
    var row = buildRow(item);
    items[item.id] = item;
    if (old) {
      if (old.classList.contains("is-cursor")) row.classList.add("is-cursor");
      old.remove();
    }
    var next = null;
    var rows = tbody.querySelectorAll("tr.row");
    for (var i = 0; i < rows.length; i++) {
      var other = items[rows[i].dataset.id];
      if (other && compare(item, other) < 0) { next = rows[i]; break; }
    }
    tbody.insertBefore(row, next);
    if (arriving) row.classList.add("is-new");
    if (old && document.activeElement === old) row.focus({ preventScroll: true });
    trim();
    updateEmpty();
    return row;
  }
  function remove(id) {
    var row = rowFor(id);
    if (!row) return;
    if (row.classList.contains("is-cursor")) {
      var neighbour = row.nextElementSibling || row.previousElementSibling;
      if (neighbour) setCursor(neighbour, document.activeElement === row);
    }
    row.remove();
    delete items[id];
    updateEmpty();
  }
  function trim() {  // a page shows at most page_size rows
    var rows = tbody.querySelectorAll("tr.row");
    for (var i = config.page_size; i < rows.length; i++) { delete items[rows[i].dataset.id]; rows[i].remove(); }
  }
  function updateEmpty() {
    empty.hidden = tbody.querySelector("tr.row") !== null;
    var held = tbody.querySelectorAll("tr.row.held").length;
    holdNote.hidden = !(held && digestMode());
  }
  function setCount(n) {
    config.count = Math.max(0, n);
    countEl.textContent = String(config.count);
  }

  // --- live frames --------------------------------------------------------------------------------
  CF.on("item.created", function (frame) {
    var item = frame.item;
    if (!item || myWork || item.queue !== slug) return;
    if (config.page === 1) upsert(item, true);
    refreshCounts();
  });
  CF.on("item.updated", function (frame) {
    var item = frame.item;
    if (!item) return;
    if ((!myWork && item.queue !== slug) || !OPEN[item.state]) { remove(item.id); refreshCounts(); return; }
    if (myWork) return;
    if (rowFor(item.id) || config.page === 1) upsert(item, !rowFor(item.id));
    refreshCounts();
  });
  CF.on("item.resolved", function (frame) {
    if (!frame.item) return;
    remove(frame.item.id);
    refreshCounts();
  });
  CF.on("digest", function (frame) {  // what the digest delivered joins the list (no longer held back)
    (frame.items || []).forEach(function (item) {
      seen[item.id] = true;
      var row = rowFor(item.id);
      if (row) row.classList.remove("held");
      else if (item.queue === slug && OPEN[item.state] && config.page === 1) upsert(item, true);
    });
    updateEmpty();
    refreshCounts();
  });
  CF.on("prefs", function () {
    tbody.querySelectorAll("tr.row.held").forEach(function (row) { if (!digestMode()) row.classList.remove("held"); });
    updateEmpty();
  });
  var showHeld = document.getElementById("show-held");
  if (showHeld) showHeld.addEventListener("click", function () {
    tbody.querySelectorAll("tr.row.held").forEach(function (row) { seen[row.dataset.id] = true; row.classList.remove("held"); });
    updateEmpty();
  });

  /* On every (re)connect: the channel layer may have dropped frames, so reload the page of items. */
  function resync() {
    if (myWork) return Promise.resolve();
    return CF.api("GET", "/api/v1/queues/" + encodeURIComponent(slug) + "/items/?page=" + config.page).then(function (res) {
      if (!res.ok) {
        if (res.status === 404) { errorBox.textContent = "This queue is no longer available to you (or this page is empty)."; errorBox.hidden = false; }
        return;
      }
      errorBox.hidden = true;
      var fresh = {};
      (res.body.results || []).forEach(function (item) { fresh[item.id] = item; });
      Object.keys(items).forEach(function (id) { if (!fresh[id]) remove(id); });
      (res.body.results || []).forEach(function (item) {
        var known = items[item.id];
        if (!known || JSON.stringify(known) !== JSON.stringify(item)) upsert(item, !known);
      });
      setCount(res.body.count);
      updateEmpty();
    });
  }
  CF.on("hello", function () { resync(); refreshCounts(); });

  var countsTimer = null;
  function refreshCounts() {
    clearTimeout(countsTimer);
    countsTimer = setTimeout(function () {
      CF.api("GET", "/api/v1/queues/").then(function (res) {
        if (!res.ok || !Array.isArray(res.body)) return;
        res.body.forEach(function (q) {
          var badge = document.querySelector('[data-count-for="' + q.slug + '"]');
          if (badge) { badge.textContent = String(q.open_count); badge.setAttribute("aria-label", q.open_count + " open"); }
          if (q.slug === slug) setCount(q.open_count);
        });
      });
    }, 400);
  }

  // --- claim / release from the list ----------------------------------------------------------------
  function claimToggle(row, button) {
    var item = items[row.dataset.id];
    if (!item) return;
    var action = item.claimed_by === CF.me ? "release" : "claim";
    button = button || row.querySelector("button[data-act]");
    var msg = row.querySelector(".row-msg");
    msg.textContent = "";
    CF.busy(button, function () {
      return CF.api("POST", "/api/v1/items/" + item.id + "/" + action);
    }).then(function (res) {
      var current = rowFor(item.id);
      if (res.ok) {
        var fresh = upsert(res.body, false);
        if (current && current.classList.contains("is-cursor")) setCursor(fresh, true);
        return;
      }
      var target = current ? current.querySelector(".row-msg") : msg;
      target.textContent = CF.problemText(res);  // a 409 names who holds the claim
    });
  }
  tbody.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-act]");
    var row = event.target.closest("tr.row");
    if (!row) return;
    if (button) { claimToggle(row, button); return; }
    if (!event.target.closest("a")) setCursor(row, true);
  });

  // --- keyboard -----------------------------------------------------------------------------------
  function visibleRows() {
    return Array.prototype.filter.call(tbody.querySelectorAll("tr.row"), function (row) { return row.offsetParent !== null; });
  }
  function setCursor(row, focus) {
    tbody.querySelectorAll("tr.row.is-cursor").forEach(function (r) { r.classList.remove("is-cursor"); r.removeAttribute("aria-selected"); });
    if (!row) { cursorId = null; return; }
    row.classList.add("is-cursor");
    row.setAttribute("aria-selected", "true");
    cursorId = row.dataset.id;
    if (focus) { row.focus({ preventScroll: true }); row.scrollIntoView({ block: "nearest" }); }
  }
  function current() { return cursorId ? rowFor(cursorId) : null; }
  function move(delta) {
    var rows = visibleRows();
    if (!rows.length) return;
    var index = rows.indexOf(current());
    index = index < 0 ? (delta > 0 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, index + delta));
    setCursor(rows[index], true);
  }
  function openCurrent(action) {
    var row = current();
    if (!row) { move(1); return; }
    var from = config.view === "my-work" ? "my-work" : config.queue;
    location.href = "/items/" + row.dataset.id + "/?from=" + encodeURIComponent(from) + (action ? "&do=" + action : "");
  }
  CF.key("j", function () { move(1); });
  CF.key("k", function () { move(-1); });
  CF.key("ArrowDown", function () { move(1); });
  CF.key("ArrowUp", function () { move(-1); });
  CF.key("Enter", function () { openCurrent(""); });
  CF.key("c", function () { var row = current(); if (row) claimToggle(row); else move(1); });
  CF.key("a", function () { openCurrent("accept"); });
  CF.key("o", function () { openCurrent("override"); });
  CF.key("d", function () { openCurrent("dismiss"); });
  CF.key("e", function () { openCurrent("escalate"); });

  updateEmpty();
})();
