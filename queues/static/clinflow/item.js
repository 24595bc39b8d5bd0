/* The item page: claim / release, accept, override (reason required; comment required for "other"),
 * dismiss, escalate, snooze, reassign — all through the REST API, without blocking the page — and
 * live notes when someone else claims or resolves the item. */
(function () {
  "use strict";
  var CF = window.CF;
  if (!CF) return;
  var config = JSON.parse(document.getElementById("page-config").textContent);
  var item = config.item;
  var me = config.me;
  var claimButton = document.getElementById("btn-claim");
  var acceptButton = document.getElementById("btn-accept");
  var claimStatus = document.getElementById("claim-status");
  var errorBox = document.getElementById("action-error");
  var liveNote = document.getElementById("live-note");
  var stateEl = document.getElementById("item-state");
  var escalationEl = document.getElementById("item-escalation");
  var STATE_LABELS = { "new": "New", claimed: "Claimed", resolved: "Resolved", escalated: "Escalated", snoozed: "Snoozed", reassigned: "Reassigned", resolved_in_emr: "Resolved in the EMR" };
  var OPEN = { "new": 1, claimed: 1, escalated: 1, snoozed: 1, reassigned: 1 };
  var closed = !claimButton;

  function showError(text) { errorBox.textContent = text; errorBox.hidden = false; }
  function clearErrors(form) {
    if (errorBox) errorBox.hidden = true;
    if (!form) return;
    form.querySelectorAll(".field-error").forEach(function (p) { p.hidden = true; p.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(function (f) { f.removeAttribute("aria-invalid"); });
  }
  function fieldError(form, field, message) {
    var prefix = form.dataset.errPrefix || "err-";
    var p = document.getElementById(prefix + field);
    var input = form.querySelector('[name="' + field + '"]');
    if (input) input.setAttribute("aria-invalid", "true");
    if (p) { p.textContent = message; p.hidden = false; return true; }
    return false;
  }
  function focusFirstInvalid(form) {
    var first = form.querySelector('[aria-invalid="true"]');
    if (first) first.focus();
  }
  function showLive(text) {
    liveNote.textContent = text;
    liveNote.hidden = false;
  }

  function renderClaim() {
    if (closed) return;
    var mine = item.claimed_by === me;
    var other = item.claimed_by && !mine;
    claimButton.textContent = mine ? "Release " : "Claim ";
    claimButton.appendChild(CF.el("kbd", {}, "c"));
    claimButton.disabled = !!other;
    claimStatus.textContent = "";
    if (mine) claimStatus.appendChild(document.createTextNode("Claimed by you"));
    else if (other) claimStatus.append("Claimed by ", CF.el("strong", {}, item.claimed_by));
    else claimStatus.appendChild(document.createTextNode("Not claimed"));
    if (stateEl) {
      stateEl.textContent = STATE_LABELS[item.state] || item.state;
      stateEl.className = "state state-" + item.state;
    }
    renderEscalation();
  }

  /* "Escalated: queue owner / on-call" stands in for the plain "Escalated" state. */
  function renderEscalation() {
    if (!escalationEl) return;
    var badge = CF.escalationBadge(item.escalation_level);
    escalationEl.textContent = "";
    if (badge) escalationEl.appendChild(badge);
    if (stateEl) stateEl.hidden = !!badge && item.state === "escalated";
  }

  function disableActions(text) {
    closed = true;
    document.querySelectorAll(".actions-card button, .actions-card input, .actions-card select, .actions-card textarea")
      .forEach(function (control) { control.disabled = true; });
    if (text) showLive(text);
  }

  function addHistory(label, line) {
    var list = document.getElementById("history");
    var now = new Date();
    list.appendChild(CF.el("li", {},
      CF.el("time", { datetime: now.toISOString() }, CF.localText(now.getTime())),
      CF.el("span", { class: "h-actor actor-user" }, me),
      CF.el("span", { class: "h-label" }, label),
      line ? CF.el("span", { class: "h-line" }, line) : null));
  }

  /* POST an action; 400 errors go to their fields, 409 (e.g. "Claimed by nurse3 ...") to the banner. */
  function act(path, payload, button, form) {
    clearErrors(form);
    return CF.busy(button, function () {
      return CF.api("POST", "/api/v1/items/" + item.id + "/" + path, payload);
    }).then(function (res) {
      if (res.ok) return res;
      if (res.status === 400 && form && res.body.errors) {
        var unplaced = [];
        res.body.errors.forEach(function (e) { if (!fieldError(form, e.field, e.message)) unplaced.push(e.field + " " + e.message); });
        showError(CF.problemText(res) + (unplaced.length ? " " + unplaced.join("; ") : ""));
        focusFirstInvalid(form);
      } else if (res.status === 409) {
        showError("Not done: " + CF.problemText(res));
      } else {
        showError(CF.problemText(res));
      }
      if (claimButton && !closed) renderClaim();
      return null;
    });
  }

  function finished(text) {
    // move on to the next item of the same view (queue or My work), with an undo offered there
    disableActions(text + " Opening the next item…");
    var next = config.next_url || location.pathname;
    location.assign(next + (next.indexOf("?") >= 0 ? "&" : "?") + "undo=" + encodeURIComponent(item.id));
  }

  // --- undo of the decision just taken on the previous item (a few seconds, audited) ---------------
  if (config.undo) {
    var bar = document.createElement("div");
    bar.className = "banner banner-info undo-bar";
    bar.setAttribute("role", "status");
    bar.id = "undo-bar";
    var note = document.createElement("span");
    note.textContent = "Decision saved. ";
    var undoButton = document.createElement("button");
    undoButton.type = "button";
    undoButton.className = "small";
    undoButton.id = "btn-undo";
    undoButton.textContent = "Undo";
    bar.appendChild(note);
    bar.appendChild(undoButton);
    var main = document.querySelector("main") || document.body;
    main.insertBefore(bar, main.firstChild);
    var undoTimer = setTimeout(function () { bar.remove(); }, (config.undo_seconds || 10) * 1000);
    undoButton.addEventListener("click", function () {
      clearTimeout(undoTimer);
      CF.api("POST", "/items/" + config.undo + "/undo").then(function (res) {
        if (res.ok) { location.assign("/items/" + config.undo + "/" + (config.queue_url === "/work/" ? "?from=my-work" : "")); return; }
        note.textContent = (res.body && res.body.detail) || "Could not undo.";
        undoButton.remove();
      });
    });
  }

  if (!closed) {
    claimButton.addEventListener("click", function () {
      var release = item.claimed_by === me;
      act(release ? "release" : "claim", undefined, claimButton).then(function (res) {
        if (!res) return;
        item = res.body;
        renderClaim();
        addHistory(release ? "Released" : "Claimed", "");
      });
    });

    // a plain item (not scored: the AI was off) has no suggestion and no accept button
    if (acceptButton) acceptButton.addEventListener("click", function () {
      act("resolve", { decision: "accept" }, acceptButton).then(function (res) { if (res) finished("Accepted the AI suggestion."); });
    });

    var override = document.getElementById("form-override");
    override.addEventListener("submit", function (event) {
      event.preventDefault();
      clearErrors(override);
      var data = {
        decision: "override", final_urgency: override.final_urgency.value, disposition: override.disposition.value.trim(),
        reason_code: override.reason_code.value, comment: override.comment.value.trim(),
      };
      var problems = [];
      if (!data.final_urgency) problems.push(["final_urgency", "Choose the final urgency."]);
      if (!data.disposition) problems.push(["disposition", "Say what you will do instead."]);
      if (!data.reason_code) problems.push(["reason_code", "Choose a reason."]);
      else if (data.reason_code === "other" && !data.comment) {
        problems.push(["comment", "A comment is required when the reason is “Other”."]);
      }
      if (problems.length) {
        problems.forEach(function (p) { fieldError(override, p[0], p[1]); });
        focusFirstInvalid(override);
        return;
      }
      act("resolve", data, override.querySelector("button[type=submit]"), override).then(function (res) {
        if (res) finished("Override saved.");
      });
    });

    var dismiss = document.getElementById("form-dismiss");
    dismiss.dataset.errPrefix = "err-dismiss-";
    dismiss.addEventListener("submit", function (event) {
      event.preventDefault();
      clearErrors(dismiss);
      var reason = dismiss.querySelector("input[name=reason_code]:checked");
      if (!reason) { fieldError(dismiss, "reason_code", "Choose why you dismiss it."); dismiss.querySelector("input[name=reason_code]").focus(); return; }
      act("resolve", { decision: "dismiss", reason_code: reason.value, comment: dismiss.comment.value.trim() },
        dismiss.querySelector("button[type=submit]"), dismiss).then(function (res) { if (res) finished("Dismissed."); });
    });

    var escalate = document.getElementById("form-escalate");
    escalate.addEventListener("submit", function (event) {
      event.preventDefault();
      act("escalate", { comment: escalate.comment.value.trim() }, escalate.querySelector("button[type=submit]"), escalate)
        .then(function (res) {
          if (!res) return;
          var level = (res.body && res.body.escalation_level) || 1;
          finished(level >= 2 ? "Escalated to the facility on-call group." : "Escalated to the queue owner group.");
        });
    });

    var snooze = document.getElementById("form-snooze");
    // The field is the facility's wall clock (the page's data-tz), as every time on the page is.
    function two(n) { return (n < 10 ? "0" : "") + n; }
    function wallValue(ms) {
      var p = CF.zoneParts(ms);
      return p.year + "-" + two(p.month) + "-" + two(p.day) + "T" + two(p.hour) + ":" + two(p.minute);
    }
    function offsetAt(ms) {  // the facility zone's offset from UTC at this instant, in ms
      var p = CF.zoneParts(ms);
      return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(ms / 60000) * 60000;
    }
    function wallToMs(value) {  // "2026-12-02T14:20" on the facility's clock -> the instant
      var m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(value || "");
      if (!m) return NaN;
      var wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
      var ms = wall - offsetAt(wall);
      return wall - offsetAt(ms);  // once more, for a wall time on the other side of a DST change
    }
    if (!snooze.until.value) snooze.until.value = wallValue(Date.now() + 3600 * 1000);  // an hour from now
    snooze.addEventListener("submit", function (event) {
      event.preventDefault();
      clearErrors(snooze);
      var until = new Date(wallToMs(snooze.until.value));
      if (!snooze.until.value || isNaN(until.getTime())) { fieldError(snooze, "until", "Choose a date and time."); return; }
      act("snooze", { until: until.toISOString() }, snooze.querySelector("button[type=submit]"), snooze)
        .then(function (res) { if (res) finished("Snoozed."); });
    });

    var reassign = document.getElementById("form-reassign");
    if (reassign) {
      reassign.addEventListener("submit", function (event) {
        event.preventDefault();
        act("reassign", { queue: reassign.queue.value }, reassign.querySelector("button[type=submit]"), reassign)
          .then(function (res) { if (res) finished("Moved to " + reassign.queue.options[reassign.queue.selectedIndex].text + "."); });
      });
    }
  }

  // --- live: someone else claims, releases or resolves it --------------------------------------------
  CF.on("item.updated", function (frame) {
    var fresh = frame.item;
    if (!fresh || fresh.id !== item.id || closed) return;
    var before = item;
    item = Object.assign({}, item, fresh);
    renderClaim();
    if (fresh.claimed_by && fresh.claimed_by !== me && fresh.claimed_by !== before.claimed_by) {
      showLive(fresh.claimed_by + " claimed this item just now.");
    } else if (!fresh.claimed_by && before.claimed_by && before.claimed_by !== me) {
      showLive(before.claimed_by + " released this item.");
    }
    var escalated = (fresh.escalation_level || 0) > (before.escalation_level || 0);
    if (fresh.queue && fresh.queue !== before.queue) disableActions("This item was moved to " + fresh.queue + ".");
    else if (escalated) {
      showLive(fresh.escalation_level >= 2 ? "This item was escalated to the facility on-call group."
        : "This item was escalated to the queue owner group.");
    } else if (fresh.state !== before.state && fresh.state !== "claimed" && fresh.state !== "new") {
      showLive("This item is now " + (STATE_LABELS[fresh.state] || fresh.state).toLowerCase() + ".");
    }
  });
  CF.on("item.resolved", function (frame) {
    var fresh = frame.item;
    if (!fresh || fresh.id !== item.id || closed) return;
    disableActions(fresh.moved_to ? "This item was moved to " + fresh.moved_to + "."
      : fresh.state === "resolved_in_emr" ? "This item was resolved in the EMR: nothing left to do here."
        : "This item was resolved by someone else.");
  });

  // --- keyboard -------------------------------------------------------------------------------------
  var panels = { o: "panel-override", d: "panel-dismiss", e: "panel-escalate", s: "panel-snooze", r: "panel-reassign" };
  function openPanel(id) {
    document.querySelectorAll(".actions-card details").forEach(function (d) { d.open = d.id === id; });
    var panel = document.getElementById(id);
    if (!panel) return;
    panel.scrollIntoView({ block: "nearest" });
    var first = panel.querySelector("select, input, textarea, button");
    if (first) first.focus();
  }
  Object.keys(panels).forEach(function (key) { CF.key(key, function () { if (!closed) openPanel(panels[key]); }); });
  CF.key("c", function () { if (!closed && !claimButton.disabled) claimButton.click(); });
  CF.key("a", function () {
    if (closed || !acceptButton) return;
    acceptButton.focus();
    showLive("Press Enter to accept the AI suggestion, or Esc to go on reading.");
  });
  CF.key("Escape", function () { liveNote.hidden = true; if (document.activeElement) document.activeElement.blur(); });
  CF.key("u", function () { location.href = config.queue_url; });

  var wanted = { accept: "a", override: "o", dismiss: "d", escalate: "e", snooze: "s", reassign: "r" }[config.do];
  if (wanted && !closed) {
    if (wanted === "a") { if (acceptButton) { acceptButton.focus(); showLive("Press Enter to accept the AI suggestion."); } }
    else openPanel(panels[wanted]);
  }
})();
