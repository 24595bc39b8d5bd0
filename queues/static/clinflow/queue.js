/* The queue page and My work: live rows (insert / update / remove without reload), re-sync on every
 * (re)connect, claim / release from the list, keyboard navigation (j/k, Enter, c, a, o, d, e).
 *
 * A row built here reads like templates/queues/_row.html: item frames carry the row's fields (what
 * the work is) in their optional `row` key (queues.representations.item_frame); rows keep them when a
 * frame or re-sync without them arrives (the items API carries only the summary).
 * My work takes items of every queue the user works (every item frame on this socket is one), in the
 * page's order (urgency rank, then due-by, then arrival: queues.selectors.items_my_work), only those
 * its filters let through, and re-syncs from /work/?format=json; the sidebar's open / emergent /
 * overdue counts come from /work/?format=counts on both pages. */
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

  // The row's fields of an item frame's `row` (queues.representations.item_row_fields), also in the
  // server-rendered rows of page-config.
  var ROW_KEYS = ["care_level", "ai_label", "complaint", "rule_text", "snippet", "patient_name", "patient_age",
    "lab", "appointment", "queue_name", "model_url"];
  var filters = config.filters || {};
  var urgencyRank = config.urgency_rank || {};
  var queueNames = config.queue_names || {};

  var items = {};    // id -> summary of the rows shown
  var details = {};  // id -> what the row says of the work (ROW_KEYS)
  var seen = {};     // ids the user has been shown (not held for the digest)
  function pick(source) {
    var out = {};
    ROW_KEYS.forEach(function (key) { if (source && key in source) out[key] = source[key]; });
    return out;
  }
  config.items.forEach(function (item) { items[item.id] = item; details[item.id] = pick(item); seen[item.id] = true; });
  var cursorId = null;

  function sortKey(item) {
    if (myWork) {  // as queues.selectors.items_my_work: urgency rank, due-by (none last), arrival
      var due = CF.toMs(item.due_at);
      return [urgencyRank[item.urgency] === undefined ? 9 : urgencyRank[item.urgency],
        isNaN(due) ? Infinity : due, CF.toMs(item.created_at) || 0];
    }
    return [TIER_RANK[item.tier] === undefined ? 9 : TIER_RANK[item.tier], item.priority,
      CF.toMs(item.due_at) || 0, CF.toMs(item.created_at) || 0];
  }
  /* Whether My work's filters (queue, urgency, overdue only) let this item onto the page. */
  function inView(item) {
    if (!OPEN[item.state]) return false;
    if (!myWork) return item.queue === slug;
    if (filters.queue && item.queue !== filters.queue) return false;
    if (filters.urgency && item.urgency !== filters.urgency) return false;
    if (filters.overdue && !(CF.toMs(item.due_at) < Date.now())) return false;
    return true;
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

  function labTest(test) {  // a coded test ({system, code, display}) reads as its name
    if (test && typeof test === "object") return String(test.display || test.code || "");
    return test === null || test === undefined ? "" : String(test);
  }
  /* What the work is, as _row.html's div.r-what: patient, complaint, rule, lab, appointment, snippet. */
  function whatLine(d) {
    var parts = [];
    if (d.patient_name) {
      parts.push(el("span", { class: "r-patient" },
        d.patient_name + (d.patient_age !== null && d.patient_age !== undefined ? ", " + d.patient_age + " y" : "")));
    }
    if (d.complaint) parts.push(el("span", { class: "r-complaint" }, d.complaint));
    if (d.rule_text) parts.push(el("span", { class: "r-rule" }, "Rule: " + d.rule_text));
    if (d.lab) {
      parts.push(el("span", { class: "r-lab" }, labTest(d.lab.test) + " " + (d.lab.value || ""),
        d.lab.flag ? " " : null, d.lab.flag ? el("strong", { class: "r-flag" }, d.lab.flag) : null));
    }
    if (d.appointment) {
      parts.push(el("span", { class: "r-appt" },
        (d.appointment.at || "") + (d.appointment.risk ? " · no-show risk " + d.appointment.risk : "")));
    }
    if (d.snippet) parts.push(el("span", { class: "r-snippet" }, d.snippet));
    var what = el("div", { class: "r-what" });
    parts.forEach(function (part) { what.appendChild(part); });
    return what;
  }

  function buildRow(item) {
    var d = details[item.id] || {};
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
      class: "row urg-" + item.urgency + " tier-" + item.tier + (mine ? " is-mine" : "") + (held ? " held" : ""), "data-id": item.id,
      "data-tier": item.tier, "data-priority": item.priority, "data-due": item.due_at, "data-created": item.created_at, tabindex: "-1",
    },
      myWork ? el("td", { class: "c-queue", "data-label": "Queue" }, d.queue_name || queueNames[item.queue] || item.queue || "") : null,
      el("td", { class: "c-tier" }, CF.tierBadge(item.tier)),
      el("td", { class: "c-urgency" }, el("span", { class: "urgency urgency-" + item.urgency }, CF.URGENCY_LABELS[item.urgency] || item.urgency),
        d.ai_label ? " " : null, d.ai_label ? CF.aiMark(d.ai_label, d.model_url) : null,
        item.human_review ? el("span", { class: "review-flag" }, "Low AI confidence · review") : null),
      el("td", { class: "c-title" }, el("a", { class: "item-link", href: "/items/" + item.id + "/?from=" + encodeURIComponent(myWork ? "my-work" : config.queue) }, item.title),
        state ? " " : null, state ? el("span", { class: "state state-" + item.state }, state) : null,
        escalation ? " " : null, escalation, whatLine(d)),
      el("td", { class: "c-mrn" }, item.patient_mrn),
      el("td", { class: "c-age" }, el("time", { class: "age", "data-age": item.created_at, datetime: item.created_at }, CF.ageText(item.created_at))),
      el("td", { class: "c-sla" }, el("time", { class: "sla" + (sla.overdue ? " overdue" : ""), "data-due": item.due_at, datetime: item.due_at }, sla.text)),
      el("td", { class: "c-claimed" }, item.claimed_by
        ? el("span", { class: "claimed-by" }, item.claimed_by + (mine ? " (you)" : ""))
        : el("span", { class: "muted" }, "—")),
      el("td", { class: "c-act" }, button, el("span", { class: "row-msg", role: "status" })));
  }

  /* Put the item's row where the sort says, replacing an existing one. */
  function upsert(item, arriving, rowFields) {
    var old = rowFor(item.id);
    if (rowFields) details[item.id] = pick(rowFields);  // else the row keeps what it said
    items[item.id] = item;
    var row = buildRow(item);
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
    delete details[id];
    updateEmpty();
  }
  function trim() {  // a page shows at most page_size rows
    var rows = tbody.querySelectorAll("tr.row");
    for (var i = config.page_size; i < rows.length; i++) {
      delete items[rows[i].dataset.id];
      delete details[rows[i].dataset.id];
      rows[i].remove();
    }
  }
  /* Whether an item that is not shown yet belongs on this page: page 1 takes every arrival; a later
   * page only one that sorts among its rows (it would have been on it). */
  function fitsPage(item) {
    if (config.page === 1) return true;
    var rows = tbody.querySelectorAll("tr.row");
    if (!rows.length) return false;
    var first = items[rows[0].dataset.id], last = items[rows[rows.length - 1].dataset.id];
    if (!first || !last || compare(item, first) < 0) return false;
    return rows.length < config.page_size || compare(item, last) < 0;  // the last page takes the tail
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
    if (!item) return;
    if (inView(item) && (rowFor(item.id) || fitsPage(item))) {
      if (myWork && !rowFor(item.id)) setCount(config.count + 1);
      upsert(item, !rowFor(item.id), frame.row);
    }
    refreshCounts();
  });
  CF.on("item.updated", function (frame) {
    var item = frame.item;
    if (!item) return;
    var shown = !!rowFor(item.id);
    if (!inView(item)) {
      if (shown) { remove(item.id); if (myWork) setCount(config.count - 1); }
      refreshCounts();
      return;
    }
    // a row of this view changed, or an item entered it (reassigned here, reopened by an undo, ...)
    if (shown || fitsPage(item)) {
      if (myWork && !shown) setCount(config.count + 1);
      upsert(item, !shown, frame.row);
    }
    refreshCounts();
  });
  CF.on("item.resolved", function (frame) {
    var item = frame.item;
    if (!item) return;
    var known = items[item.id];
    // reassigned away from a queue: My work keeps it if it now sits in another queue shown here
    // (the new queue's item.updated may come first)
    if (item.moved_to && known && known.queue !== item.queue) return;
    if (known && myWork) setCount(config.count - 1);
    remove(item.id);
    refreshCounts();
  });
  CF.on("digest", function (frame) {  // what the digest delivered joins the list (no longer held back)
    (frame.items || []).forEach(function (item) {
      seen[item.id] = true;
      var row = rowFor(item.id);
      if (row) row.classList.remove("held");
      else if (inView(item) && fitsPage(item)) upsert(item, true);
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

  /* This view's URL with its filters and page, as JSON (`format`: json = rows, counts = counts). */
  function myWorkUrl(format) {
    var params = new URLSearchParams();
    if (filters.queue) params.set("queue", filters.queue);
    if (filters.urgency) params.set("urgency", filters.urgency);
    if (filters.overdue) params.set("overdue", "1");
    if (format === "json") params.set("page", String(config.page));
    params.set("format", format);
    return "/work/?" + params.toString();
  }
  function changed(known, item) {  // compares the keys the fresh copy has (the API's: the summary)
    return Object.keys(item).some(function (key) { return JSON.stringify(known[key]) !== JSON.stringify(item[key]); });
  }

  /* On every (re)connect: the channel layer may have dropped frames, so reload the page of items
   * (My work: its own rows, with what the work is; a queue: the items API's summaries). */
  function resync() {
    var url = myWork ? myWorkUrl("json") : "/api/v1/queues/" + encodeURIComponent(slug) + "/items/?page=" + config.page;
    return CF.api("GET", url).then(function (res) {
      if (!res.ok) {
        if (res.status === 404) { errorBox.textContent = "This queue is no longer available to you (or this page is empty)."; errorBox.hidden = false; }
        return;
      }
      errorBox.hidden = true;
      var results = (myWork ? res.body.items : res.body.results) || [];
      var fresh = {};
      results.forEach(function (item) { fresh[item.id] = item; });
      Object.keys(items).forEach(function (id) { if (!fresh[id]) remove(id); });
      results.forEach(function (item) {
        var known = items[item.id];
        var rowFields = myWork ? item : null;
        if (!known || changed(known, item) || (rowFields && changed(details[item.id] || {}, pick(rowFields)))) {
          upsert(item, !known, rowFields);
        }
      });
      setCount(res.body.count);
      if (myWork) showNavCounts(res.body.queues);
      updateEmpty();
    });
  }
  CF.on("hello", function () { resync(); refreshCounts(); });

  /* The sidebar: each queue's open count, and its emergent / overdue badges (shown only when > 0). */
  function badge(link, kind, n) {
    var node = link.querySelector("[data-" + kind + "-for]");
    if (!n) { if (node) node.remove(); return; }
    if (!node) {
      node = el("span", { class: "q-" + kind });
      node.setAttribute("data-" + kind + "-for", link.dataset.queue);
      var before = kind === "emergent" ? link.querySelector("[data-overdue-for]") : null;
      link.insertBefore(node, before);
    }
    node.textContent = n + " " + kind;
    node.setAttribute("aria-label", n + " " + kind);
  }
  function showNavCounts(queues) {
    (queues || []).forEach(function (q) {
      var count = document.querySelector('[data-count-for="' + q.slug + '"]');
      if (count) { count.textContent = String(q.open_count); count.setAttribute("aria-label", q.open_count + " open"); }
      var link = document.querySelector('a[data-queue="' + q.slug + '"]');
      if (link) { badge(link, "emergent", q.emergent_count); badge(link, "overdue", q.overdue_count); }
      if (!myWork && q.slug === slug) setCount(q.open_count);
    });
  }
  var countsTimer = null;
  function refreshCounts() {
    clearTimeout(countsTimer);
    countsTimer = setTimeout(function () {
      CF.api("GET", myWorkUrl("counts")).then(function (res) {
        if (!res.ok || !Array.isArray(res.body.queues)) return;
        if (myWork) setCount(res.body.count);
        showNavCounts(res.body.queues);
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
    var from = myWork ? "my-work" : config.queue;
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
