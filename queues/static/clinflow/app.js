/* clinflow staff UI — the parts every signed-in page shares. Plain JS, no build step.
 *
 * - CF.api(): fetch with the CSRF token (cookie csrftoken → X-CSRFToken); never blocks the page.
 * - The live socket /ws/: ping every 30 s, reconnect with backoff; pages listen with CF.on(type, fn)
 *   and re-sync on "hello" (the channel layer is at-most-once).
 * - Interrupts: one dialog with a card per interrupt (complaint, rule, patient, the message's first
 *   line where the user may read it), "Acknowledge", "Open" and "Acknowledge all"
 *   (POST /api/v1/interrupts/<id>/ack, /ack-all); kept in sessionStorage until acknowledged so a
 *   reload or a page change does not lose them. An interrupt whose item closes (an item.resolved
 *   frame: resolved by a colleague or in the EMR) goes away with a notice saying why; on every
 *   (re)connect the server's list of pending interrupts is the truth. Interrupts delivered as tasks
 *   are a quiet notice. Digests show in a panel.
 * - Escalations never open the dialog: they wait in the escalation inbox (/escalations/, its count
 *   in the navigation), and the user hears about each one once (localStorage remembers which were
 *   announced) through one summary panel with one sound, however many arrive.
 * - Keyboard shortcuts (CF.key) with a help overlay (?), and sign-out after idle time.
 */
(function () {
  "use strict";
  var body = document.body;
  if (!body.dataset.user) return;

  var CF = (window.CF = {});
  CF.me = body.dataset.user;
  CF.prefs = {};
  var loginUrl = body.dataset.loginUrl || "/accounts/login/";

  CF.TIER_LABELS = { interrupt: "Interrupt", task: "Task", suggestion: "Suggestion" };
  CF.URGENCY_LABELS = { emergent: "Emergent", urgent: "Urgent", routine: "Routine", non_clinical: "Non-clinical" };

  // --- small DOM helper -------------------------------------------------------------------------
  CF.el = function (tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name === "class") node.className = value;
      else node.setAttribute(name, value === true ? "" : value);
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  };
  var el = CF.el;

  CF.OPEN_STATES = { "new": 1, claimed: 1, escalated: 1, snoozed: 1, reassigned: 1 };
  CF.ESCALATION_LABELS = { 1: "Escalated: queue owner", 2: "Escalated: on-call" };
  CF.ESCALATION_TITLES = {
    1: "Escalation step 1: the queue owner group was interrupted",
    2: "Escalation step 2: the facility on-call group was interrupted",
  };
  /* The escalation step an item has reached, in words (not colour alone); null when not escalated. */
  CF.escalationBadge = function (level) {
    level = parseInt(level, 10) || 0;
    if (level < 1) return null;
    return el("span", { class: "escalation escalation-" + level, title: CF.ESCALATION_TITLES[level] || null },
      el("span", { class: "escalation-icon", "aria-hidden": "true" }), CF.ESCALATION_LABELS[level] || "Escalated");
  };

  CF.tierBadge = function (tier) {
    return el("span", { class: "tier tier-" + tier }, el("span", { class: "tier-icon", "aria-hidden": "true" }),
      CF.TIER_LABELS[tier] || tier);
  };

  // --- HTTP -------------------------------------------------------------------------------------
  CF.csrfToken = function () {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  };

  var leaving = false;
  CF.toLogin = function () {
    if (leaving) return;
    leaving = true;
    location.href = loginUrl + "?next=" + encodeURIComponent(location.pathname + location.search);
  };

  CF.api = function (method, url, data) {
    var options = { method: method, credentials: "same-origin", headers: { Accept: "application/json" } };
    if (method !== "GET") options.headers["X-CSRFToken"] = CF.csrfToken();
    if (data !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(data);
    }
    return fetch(url, options).then(function (response) {
      CF.serverTouched();
      // signed out (401), or a page endpoint that redirected to the sign-in page: go there
      if (response.status === 401 || (response.redirected && response.url.indexOf(loginUrl) >= 0)) CF.toLogin();
      return response.text().then(function (text) {
        var payload = {};
        try {
          payload = text ? JSON.parse(text) : {};
        } catch (e) {  // an HTML error page (e.g. a 500 or a proxy's 502): say it plainly
          payload = { detail: response.status >= 500
            ? "The server had a problem (" + response.status + "). Nothing was changed; try again in a moment."
            : "Unexpected answer from the server (" + response.status + ")." };
        }
        return { ok: response.ok, status: response.status, body: payload || {} };
      });
    }, function () {
      return { ok: false, status: 0, body: { detail: "The server could not be reached. Check the connection and try again." } };
    });
  };

  CF.problemText = function (res) {
    var b = res.body || {};
    return b.detail || b.title || ("Something went wrong (" + res.status + "). Try again.");
  };

  /* Disable the button and show a spinner while `work` (a function returning a promise) runs. */
  CF.busy = function (button, work) {
    if (button) { button.disabled = true; button.classList.add("busy"); button.setAttribute("aria-busy", "true"); }
    return Promise.resolve().then(work).finally(function () {
      if (button) { button.disabled = false; button.classList.remove("busy"); button.removeAttribute("aria-busy"); }
    });
  };

  // --- time -------------------------------------------------------------------------------------
  CF.toMs = function (iso) {
    if (!iso) return NaN;
    return Date.parse(String(iso).replace(/(\.\d{3})\d+/, "$1"));
  };
  CF.duration = function (seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    if (seconds < 60) return seconds + " s";
    if (seconds < 3600) return Math.floor(seconds / 60) + " min";
    if (seconds < 86400) {
      var m = Math.floor((seconds % 3600) / 60);
      return Math.floor(seconds / 3600) + " h " + (m < 10 ? "0" : "") + m + " min";
    }
    return Math.floor(seconds / 86400) + " d " + Math.floor((seconds % 86400) / 3600) + " h";
  };
  CF.ageText = function (iso, now) {
    var s = ((now || Date.now()) - CF.toMs(iso)) / 1000;
    if (isNaN(s)) return "";
    if (s < 60) return "just now";
    if (s < 3600) return Math.floor(s / 60) + " min ago";
    if (s < 86400) return Math.floor(s / 3600) + " h ago";
    return Math.floor(s / 86400) + " d ago";
  };
  CF.slaText = function (iso, now) {
    var s = (CF.toMs(iso) - (now || Date.now())) / 1000;
    if (isNaN(s)) return { text: "", overdue: false };
    return s >= 0 ? { text: "due in " + CF.duration(s), overdue: false } : { text: "overdue " + CF.duration(-s), overdue: true };
  };
  CF.tick = function () {
    var now = Date.now();
    document.querySelectorAll("time[data-age]").forEach(function (t) { t.textContent = CF.ageText(t.dataset.age, now); });
    document.querySelectorAll("time[data-due]").forEach(function (t) {
      var sla = CF.slaText(t.dataset.due, now);
      t.textContent = sla.text;
      t.classList.toggle("overdue", sla.overdue);
    });
  };
  // The one time format of the staff pages, as the server writes it (queues.times.local_text):
  // "Wed 02 Dec 14:20", 24 h, in the facility's zone (the page's body data-tz, or the element's
  // own data-tz); "" for what is not a time. Names are spelled here, not by the browser's locale.
  var DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var zoneFormats = {};
  function zoneFormat(tz) {
    if (!zoneFormats[tz]) {
      var options = { year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", hourCycle: "h23" };
      try { zoneFormats[tz] = new Intl.DateTimeFormat("en-US", Object.assign({ timeZone: tz }, options)); }
      catch (e) { zoneFormats[tz] = new Intl.DateTimeFormat("en-US", Object.assign({ timeZone: "UTC" }, options)); }
    }
    return zoneFormats[tz];
  }
  CF.tz = body.dataset.tz || "UTC";
  CF.zoneParts = function (ms, tz) {  // the wall clock in a zone: {year, month (1-12), day, hour, minute}
    var parts = {};
    zoneFormat(tz || CF.tz).formatToParts(new Date(ms)).forEach(function (p) { parts[p.type] = Number(p.value); });
    parts.hour = parts.hour % 24;
    return parts;
  };
  CF.localText = function (value, tz) {
    var ms = typeof value === "number" ? value : CF.toMs(value);
    if (isNaN(ms)) return "";
    var parts = CF.zoneParts(ms, tz);
    var weekday = new Date(Date.UTC(parts.year, parts.month - 1, parts.day)).getUTCDay();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return DAYS[weekday] + " " + two(parts.day) + " " + MONTHS[parts.month - 1] + " " + two(parts.hour) + ":" + two(parts.minute);
  };
  function localTimes(root) {
    (root || document).querySelectorAll("time[data-local-time]").forEach(function (t) {
      var holder = t.closest("[data-tz]");
      var text = CF.localText(t.getAttribute("datetime"), (holder && holder.dataset.tz) || CF.tz);
      if (text) t.textContent = text;
    });
  }
  CF.localTimes = localTimes;

  // --- events from the socket -------------------------------------------------------------------
  var handlers = {};
  CF.on = function (type, fn) { (handlers[type] = handlers[type] || []).push(fn); };
  function emit(type, payload) {
    (handlers[type] || []).forEach(function (fn) {
      try { fn(payload); } catch (e) { if (window.console) console.error(e); }
    });
  }

  var statusEl = document.getElementById("live-status");
  function setStatus(state, text) {
    if (!statusEl) return;
    statusEl.dataset.state = state;
    statusEl.querySelector(".live-text").textContent = text;
  }

  var socket = null, attempts = 0, pingTimer = null, reconnectTimer = null;
  function connect() {
    clearTimeout(reconnectTimer);
    if (leaving) return;
    var ws;
    try {
      ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws/");
    } catch (e) { scheduleReconnect(); return; }
    socket = ws;
    setStatus("connecting", attempts ? "Reconnecting…" : "Connecting…");
    ws.onopen = function () {
      clearInterval(pingTimer);
      pingTimer = setInterval(function () { send({ type: "ping" }); }, 30000);
    };
    ws.onmessage = function (message) {
      var frame;
      try { frame = JSON.parse(message.data); } catch (e) { return; }
      handleFrame(frame);
    };
    ws.onclose = function (event) {
      if (socket !== ws) return;
      socket = null;
      clearInterval(pingTimer);
      if (event.code === 4401) { setStatus("offline", "Signed out"); CF.toLogin(); return; }
      setStatus("offline", "Offline · reconnecting");
      scheduleReconnect();
    };
  }
  function send(frame) {
    if (socket && socket.readyState === 1) socket.send(JSON.stringify(frame));
  }
  function scheduleReconnect() {
    attempts += 1;
    // A socket that was live comes back at once (frames sent meanwhile are lost); then back off.
    var delay = attempts === 1 ? 100 + Math.random() * 150
      : Math.min(30000, 500 * Math.pow(2, Math.min(attempts - 2, 6))) * (0.75 + Math.random() * 0.5);
    clearTimeout(reconnectTimer);
    reconnectTimer = setTimeout(connect, delay);
  }
  function reconnectNow() { if (!socket && !leaving) { attempts = Math.max(attempts, 1); connect(); } }
  window.addEventListener("online", reconnectNow);
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "visible") reconnectNow(); });
  window.addEventListener("pagehide", function () { leaving = true; if (socket) socket.close(1000); });

  function handleFrame(frame) {
    switch (frame.type) {
      case "hello":
        attempts = 0;
        CF.prefs = frame.prefs || {};
        setStatus("live", "Live");
        emit("prefs", CF.prefs);
        emit("hello", frame);
        resyncInterrupts();
        break;
      case "prefs.changed":
        CF.prefs = frame.prefs || {};
        emit("prefs", CF.prefs);
        break;
      case "interrupt":
        receiveInterrupt(frame);
        break;
      case "digest":
        receiveDigest(frame);
        break;
      case "pong":
        break;
      default:
        emit(frame.type, frame);
    }
  }
  CF.on("prefs", function (prefs) { body.classList.toggle("digest-mode", prefs.suggestion_mode === "digest"); });

  // --- sound ------------------------------------------------------------------------------------
  var audio = null;
  function audioContext() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return null;
    if (!audio) audio = new Ctx();
    if (audio.state === "suspended") audio.resume();
    return audio;
  }
  ["pointerdown", "keydown"].forEach(function (type) {  // browsers unlock audio on a user gesture
    document.addEventListener(type, function () { try { audioContext(); } catch (e) { /* no audio */ } }, { once: true });
  });
  CF.beep = function () {
    body.dataset.beeps = String((parseInt(body.dataset.beeps || "0", 10) || 0) + 1);
    try {
      var ctx = audioContext();
      if (!ctx) return;
      [0, 0.25].forEach(function (offset) {
        var t = ctx.currentTime + offset, osc = ctx.createOscillator(), gain = ctx.createGain();
        osc.type = "sine";
        osc.frequency.value = 880;
        gain.gain.setValueAtTime(0.0001, t);
        gain.gain.exponentialRampToValueAtTime(0.2, t + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.18);
        osc.connect(gain).connect(ctx.destination);
        osc.start(t);
        osc.stop(t + 0.2);
      });
    } catch (e) { /* sound is a nicety */ }
  };

  // --- interrupts -------------------------------------------------------------------------------
  var dialog = document.getElementById("interrupt-dialog");
  var interruptList = document.getElementById("interrupt-list");
  var PENDING_KEY = "cf.interrupts." + CF.me;
  function pending() {
    try { return JSON.parse(sessionStorage.getItem(PENDING_KEY) || "[]"); } catch (e) { return []; }
  }
  function setPending(frames) {
    try { sessionStorage.setItem(PENDING_KEY, JSON.stringify(frames)); } catch (e) { /* private mode */ }
  }

  // The server is the truth for unacknowledged interrupts: on every (re)connect, show them again,
  // and drop the ones it no longer lists (acknowledged in another tab, or their item closed while
  // this page was offline). Only interrupts known before the request are dropped: one arriving on
  // the socket while it runs is not in its answer yet.
  function resyncInterrupts() {
    var known = {};
    pending().forEach(function (f) { known[f.delivery] = true; });
    CF.api("GET", "/api/v1/interrupts/").then(function (res) {
      if (!res.ok || !Array.isArray(res.body)) return;
      var listed = {};
      var escalations = [];
      res.body.forEach(function (frame) {
        listed[frame.delivery] = true;
        if (frame.escalation) { escalations.push(frame); return; }
        if (!interruptList.querySelector('[data-delivery="' + frame.delivery + '"]')) receiveInterrupt(frame);
      });
      dropInterrupts(function (f) { return known[f.delivery] && !listed[f.delivery]; });
      syncEscalations(escalations);
    }).catch(function () { /* offline: the socket will retry */ });
  }

  /* Forget the pending interrupts `match` picks (sessionStorage and dialog); returns them. */
  function dropInterrupts(match) {
    var dropped = pending().filter(match);
    if (!dropped.length) return dropped;
    setPending(pending().filter(function (f) { return !match(f); }));
    dropped.forEach(function (f) {
      var card = interruptList.querySelector('[data-delivery="' + f.delivery + '"]');
      if (card) card.remove();
    });
    if (!interruptList.children.length && dialog.open) dialog.close();
    return dropped;
  }

  // An item that closed needs no interrupt any more: take its cards away, and say so.
  function itemClosed(frame) {
    var item = frame.item;
    if (!item || !item.id || CF.OPEN_STATES[item.state]) return;  // a reassigned item is still open
    var dropped = dropInterrupts(function (f) { return f.item && String(f.item.id) === String(item.id); });
    if (!dropped.length) return;
    var why = item.state === "resolved_in_emr" ? "it was resolved in the EMR" : "it was resolved by someone else";
    var close = el("button", { type: "button", class: "small ghost" }, "Close");
    var notice = el("div", { class: "notice notice-cleared", role: "status", "data-item": item.id },
      el("span", { class: "notice-tag" }, "Interrupt withdrawn"),
      el("p", {}, el("a", { href: "/items/" + item.id + "/" }, item.title || "Work item"), " · patient ",
        el("strong", {}, item.patient_mrn || ""), " · nothing to acknowledge: " + why + "."),
      close);
    close.addEventListener("click", function () { notice.remove(); });
    notices.appendChild(notice);
    emit("interrupt.withdrawn", { item: item, deliveries: dropped });
  }
  CF.on("item.resolved", itemClosed);
  CF.on("item.updated", itemClosed);

  function receiveInterrupt(frame) {
    if (frame.delivered_as === "task") { showTaskNotice(frame); return; }
    if (frame.escalation) { receiveEscalation(frame); return; }
    var frames = pending();
    if (!frames.some(function (f) { return f.delivery === frame.delivery; })) {
      frames.push(frame);
      setPending(frames);
    }
    showInterrupt(frame);
    if (frame.sound) CF.beep();
    emit("interrupt", frame);
  }

  function showInterrupt(frame) {
    if (interruptList.querySelector('[data-delivery="' + frame.delivery + '"]')) return;
    var item = frame.item || {};
    var what = frame.what || {};
    var headingId = "interrupt-" + frame.delivery;
    var ack = el("button", { type: "button", class: "primary", "data-ack": "" }, "Acknowledge");
    var ackOpen = el("button", { type: "button", "data-ack-open": "", title: "Acknowledge and open the item" }, "Open");
    var error = el("p", { class: "field-error", role: "alert", hidden: true });
    var heading = frame.escalation
      ? "Escalated to you · " + (CF.URGENCY_LABELS[item.urgency] || item.urgency || "")
      : "Interrupt · " + (CF.URGENCY_LABELS[item.urgency] || item.urgency || "");
    var card = el("section", {
      class: "interrupt" + (frame.escalation ? " escalation" : ""), role: "alertdialog",
      "aria-labelledby": headingId, "data-delivery": frame.delivery, "data-item": item.id,
    },
      el("h3", { id: headingId }, heading),
      el("p", { class: "int-title" }, el("a", { href: "/items/" + item.id + "/" }, item.title || "Work item"),
        " · ", what.patient_name ? what.patient_name + (what.patient_age != null ? ", " + what.patient_age + " y" : "") + " · " : "",
        "MRN ", el("strong", {}, item.patient_mrn || "")),
      whatLine(what),
      what.first_line ? el("p", { class: "int-first-line" }, "\u201c" + what.first_line + "\u201d") : null,
      el("p", { class: "int-note" }, frame.note || (frame.escalation
        ? (frame.level >= 2 ? "Escalated to the facility on-call group." : "Escalated to the queue owner group.")
        : "Needs attention now."),
        item.queue ? " · " + item.queue : ""),
      el("div", { class: "btn-row" }, ack, ackOpen),
      error);
    ack.addEventListener("click", function () { acknowledge(frame, card, ack, false); });
    ackOpen.addEventListener("click", function () { acknowledge(frame, card, ackOpen, true); });
    interruptList.appendChild(card);
    updateAckAll();
    if (!dialog.open) {
      // Settings stay usable: there the dialog is non-modal (the page behind it still works).
      var modal = !/^\/settings\//.test(location.pathname);
      try { if (modal) dialog.showModal(); else dialog.show(); } catch (e) { dialog.setAttribute("open", ""); }
    }
    ack.focus();
  }

  /* The AI's marking of an item; with the model's transparency page when a registered model made
     it (what it does, what it was trained on, how well it does here), said plainly to be a suggestion. */
  function aiMark(text, url) {
    if (!url) return el("span", { class: "ai-mark", title: "The AI's suggestion" }, text);
    return el("a", { class: "ai-mark", href: url, "data-model-link": "",
      title: "A suggestion, not a decision. About this model: what it does, what it was trained on, how well it does here" },
      text, el("span", { class: "sr-only" }, " (a suggestion, not a decision: about this model)"));
  }
  CF.aiMark = aiMark;

  /* The card's "what": complaint or protocol, the rule that fired, lab value, the AI's marking. */
  function whatLine(what) {
    var parts = [];
    if (what.complaint) parts.push(el("span", { class: "r-complaint" }, what.complaint));
    if (what.rule) parts.push(el("span", { class: "r-rule" }, "Rule: " + what.rule));
    if (what.lab) parts.push(el("span", { class: "r-lab" }, [what.lab.test, what.lab.value, what.lab.flag].filter(Boolean).join(" ")));
    if (what.appointment && what.appointment.at) parts.push(el("span", { class: "r-appt" }, what.appointment.at));
    if (what.ai_label) parts.push(aiMark(what.ai_label, what.model_url));
    if (!parts.length) return null;
    var line = el("p", { class: "int-what" });
    parts.forEach(function (part, n) { if (n) line.appendChild(document.createTextNode(" · ")); line.appendChild(part); });
    return line;
  }
  CF.whatLine = whatLine;

  // --- escalations: the inbox and one summary ----------------------------------------------------
  var ESC_PENDING_KEY = "cf.escalations." + CF.me;    // this tab: escalations waiting (sessionStorage)
  var ESC_ANNOUNCED_KEY = "cf.escalations.announced." + CF.me;  // every tab: already announced (localStorage)
  var escSummary = document.getElementById("escalation-summary");
  var escSummaryTitle = document.getElementById("esc-summary-title");
  var escSummaryItems = document.getElementById("esc-summary-items");
  var navCount = document.getElementById("nav-escalations-count");
  var onInbox = /^\/escalations\//.test(location.pathname);
  function escPending() {
    try { return JSON.parse(sessionStorage.getItem(ESC_PENDING_KEY) || "[]"); } catch (e) { return []; }
  }
  function setEscPending(frames) {
    try { sessionStorage.setItem(ESC_PENDING_KEY, JSON.stringify(frames)); } catch (e) { /* private mode */ }
  }
  function announced() {
    try { return JSON.parse(localStorage.getItem(ESC_ANNOUNCED_KEY) || "{}"); } catch (e) { return {}; }
  }
  function markAnnounced(frames) {
    var seen = announced();
    frames.forEach(function (f) { seen[f.delivery] = Date.now(); });
    var ids = Object.keys(seen);
    if (ids.length > 500) {  // keep the newest 500
      ids.sort(function (a, b) { return seen[a] - seen[b]; }).slice(0, ids.length - 500).forEach(function (id) { delete seen[id]; });
    }
    try { localStorage.setItem(ESC_ANNOUNCED_KEY, JSON.stringify(seen)); } catch (e) { /* ignore */ }
  }
  var lastEscalationSound = 0;
  function escalationSound() {  // one sound for a burst (an escalation sweep sends several at once)
    if (onInbox || Date.now() - lastEscalationSound < 10000) return;
    lastEscalationSound = Date.now();
    CF.beep();
  }
  function waitingItems(frames) {  // one per item: several steps may reach the same person
    var byItem = {};
    frames.forEach(function (f) { if (f.item) byItem[f.item.id] = f; });
    return Object.keys(byItem).map(function (id) { return byItem[id]; });
  }
  function updateNavCount() {
    var n = waitingItems(escPending()).length;
    if (!navCount) return;
    navCount.hidden = n < 1;
    navCount.lastChild.textContent = String(n);
  }
  function renderSummary() {
    var frames = waitingItems(escPending());
    if (!escSummary || onInbox || !frames.length) { if (escSummary) escSummary.hidden = true; return; }
    var emergent = frames.filter(function (f) { return f.item.urgency === "emergent"; }).length;
    escSummaryTitle.textContent = (frames.length === 1 ? "1 escalation waits" : frames.length + " escalations wait") +
      " for you" + (emergent ? " · " + emergent + " emergent" : "");
    escSummaryItems.textContent = "";
    frames.slice().sort(function (a, b) {
      return (a.item.urgency === "emergent" ? 0 : 1) - (b.item.urgency === "emergent" ? 0 : 1) || (a.delivered_at < b.delivered_at ? 1 : -1);
    }).slice(0, 3).forEach(function (f) {
      var what = f.what || {};
      escSummaryItems.appendChild(el("li", {}, el("strong", {}, CF.URGENCY_LABELS[f.item.urgency] || f.item.urgency || ""), " · ",
        f.item.title || "Work item", what.complaint ? " · " + what.complaint : "", f.item.queue ? " · " + f.item.queue : ""));
    });
    if (frames.length > 3) escSummaryItems.appendChild(el("li", { class: "muted" }, "and " + (frames.length - 3) + " more in the inbox"));
    escSummary.hidden = false;
  }
  /* Escalations the server lists as waiting (on every (re)connect): the truth for this tab. Those
     never announced before are announced now, together, with one sound. */
  function syncEscalations(frames) {
    setEscPending(frames);
    var seen = announced();
    var fresh = frames.filter(function (f) { return !seen[f.delivery]; });
    updateNavCount();
    if (fresh.length) {
      markAnnounced(fresh);
      renderSummary();
      escalationSound();
    } else if (escSummary && !escSummary.hidden) {
      renderSummary();
    }
    if (frames.length) emit("escalations.synced", { escalations: frames });
  }
  function receiveEscalation(frame) {
    var frames = escPending();
    if (!frames.some(function (f) { return f.delivery === frame.delivery; })) frames.push(frame);
    setEscPending(frames);
    updateNavCount();
    if (!announced()[frame.delivery]) {
      markAnnounced([frame]);
      renderSummary();
      escalationSound();
    } else if (escSummary && !escSummary.hidden) {
      renderSummary();
    }
    emit("escalation", frame);
  }
  /* Escalations acknowledged (the inbox) or whose item closed: forget them here. */
  CF.escalationsDone = function (deliveryIds) {
    var done = {};
    deliveryIds.forEach(function (id) { done[id] = true; });
    setEscPending(escPending().filter(function (f) { return !done[f.delivery]; }));
    updateNavCount();
    renderSummary();
  };
  function escalationItemClosed(frame) {
    var item = frame.item;
    if (!item || !item.id || CF.OPEN_STATES[item.state]) return;
    var ids = escPending().filter(function (f) { return f.item && String(f.item.id) === String(item.id); })
      .map(function (f) { return f.delivery; });
    if (ids.length) CF.escalationsDone(ids);
  }
  CF.on("item.resolved", escalationItemClosed);
  CF.on("item.updated", escalationItemClosed);
  if (escSummary) {
    document.getElementById("esc-summary-later").addEventListener("click", function () { escSummary.hidden = true; });
  }

  // "Acknowledge all": one POST for every card in the dialog (audited per interrupt by the server).
  var ackAll = el("button", { type: "button", class: "primary", id: "interrupt-ack-all", "data-ack-all": "" }, "Acknowledge all");
  var ackAllError = el("p", { class: "field-error", role: "alert", hidden: true });
  dialog.querySelector(".int-head").appendChild(el("div", { class: "btn-row interrupt-all" }, ackAll, ackAllError));
  var interruptCount = document.getElementById("interrupt-count");
  function updateAckAll() {
    var n = interruptList.children.length;
    ackAll.hidden = n < 2;
    ackAll.textContent = "Acknowledge all (" + n + ")";
    interruptCount.textContent = n > 1 ? "(" + n + ")" : "";
  }
  ackAll.addEventListener("click", function () {
    var ids = Array.prototype.map.call(interruptList.children, function (c) { return parseInt(c.dataset.delivery, 10); });
    ackAllError.hidden = true;
    CF.busy(ackAll, function () {
      return CF.api("POST", "/api/v1/interrupts/ack-all", { deliveries: ids });
    }).then(function (res) {
      if (!res.ok) { ackAllError.textContent = CF.problemText(res); ackAllError.hidden = false; return; }
      var done = {};
      ids.forEach(function (id) { done[id] = true; });
      var frames = pending().filter(function (f) { return done[f.delivery]; });
      dropInterrupts(function (f) { return done[f.delivery]; });
      interruptList.textContent = "";
      if (dialog.open) dialog.close();
      frames.forEach(function (f) { emit("interrupt.acknowledged", f); });
    });
  });

  function acknowledge(frame, card, button, thenOpen) {
    var error = card.querySelector(".field-error");
    error.hidden = true;
    return CF.busy(button, function () {
      return CF.api("POST", "/api/v1/interrupts/" + frame.delivery + "/ack");
    }).then(function (res) {
      if (!res.ok && res.status !== 404) {
        error.textContent = CF.problemText(res);
        error.hidden = false;
        return;
      }
      setPending(pending().filter(function (f) { return f.delivery !== frame.delivery; }));
      card.remove();
      updateAckAll();
      if (!interruptList.children.length && dialog.open) dialog.close();
      emit("interrupt.acknowledged", frame);
      if (thenOpen && frame.item) location.href = "/items/" + frame.item.id + "/";
    });
  }
  dialog.addEventListener("cancel", function (event) { event.preventDefault(); });  // Esc must not dismiss it

  var notices = document.getElementById("notices");
  function showTaskNotice(frame) {
    var item = frame.item || {};
    var note = frame.note || "";
    var why = /cap/.test(note) ? "cap reached" : "your settings";
    var close = el("button", { type: "button", class: "small ghost" }, "Close");
    var notice = el("div", { class: "notice", role: "status", "data-delivery": frame.delivery },
      el("span", { class: "notice-tag" }, "Delivered as a task (" + why + ")"),
      el("p", {}, el("a", { href: "/items/" + item.id + "/" }, item.title || "Work item"), " · patient ",
        el("strong", {}, item.patient_mrn || ""), " · " + (CF.URGENCY_LABELS[item.urgency] || item.urgency || "")),
      note ? el("p", { class: "muted small" }, note) : null,
      close);
    close.addEventListener("click", function () { notice.remove(); });
    notices.appendChild(notice);
  }

  // --- digest -----------------------------------------------------------------------------------
  var digestPanel = document.getElementById("digest-panel");
  var digestItems = document.getElementById("digest-items");
  var digestWhen = document.getElementById("digest-when");
  var DIGEST_KEY = "cf.digest." + CF.me;
  function storedDigest() {
    try { return JSON.parse(sessionStorage.getItem(DIGEST_KEY) || "null"); } catch (e) { return null; }
  }
  function receiveDigest(frame) {
    var before = storedDigest();
    var items = (frame.items || []).slice();
    if (before && before.items) {  // keep what the user has not closed yet
      var ids = {};
      items.forEach(function (i) { ids[i.id] = true; });
      before.items.forEach(function (i) { if (!ids[i.id]) items.push(i); });
    }
    var digest = { at: frame.at, items: items };
    try { sessionStorage.setItem(DIGEST_KEY, JSON.stringify(digest)); } catch (e) { /* ignore */ }
    showDigest(digest);
    emit("digest", frame);
  }
  function showDigest(digest) {
    digestItems.textContent = "";
    digest.items.forEach(function (item) {
      digestItems.appendChild(el("li", { "data-id": item.id },
        CF.tierBadge(item.tier), " ",
        el("a", { href: "/items/" + item.id + "/" }, item.title), " · ", el("strong", {}, item.patient_mrn),
        el("div", { class: "muted small" }, (CF.URGENCY_LABELS[item.urgency] || item.urgency) + " · " + item.queue +
          " · " + CF.ageText(item.created_at))));
    });
    var at = CF.toMs(digest.at);
    digestWhen.textContent = digest.items.length + (digest.items.length === 1 ? " suggestion" : " suggestions") +
      (isNaN(at) ? "" : " · " + CF.localText(at));
    digestPanel.hidden = false;
  }
  document.getElementById("digest-close").addEventListener("click", function () {
    digestPanel.hidden = true;
    try { sessionStorage.removeItem(DIGEST_KEY); } catch (e) { /* ignore */ }
  });

  // --- keyboard shortcuts and help ----------------------------------------------------------------
  var keys = {};
  CF.key = function (key, fn) { keys[key] = fn; };
  var help = document.getElementById("help");
  var helpReturn = null;
  function toggleHelp(show) {
    var open = show === undefined ? help.hidden : show;
    if (open) {
      helpReturn = document.activeElement;
      help.hidden = false;
      document.getElementById("help-close").focus();
    } else {
      help.hidden = true;
      if (helpReturn && helpReturn.focus) helpReturn.focus();
    }
  }
  CF.toggleHelp = toggleHelp;
  document.getElementById("help-button").addEventListener("click", function () { toggleHelp(true); });
  document.getElementById("help-close").addEventListener("click", function () { toggleHelp(false); });
  help.addEventListener("click", function (event) { if (event.target === help) toggleHelp(false); });
  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (dialog.open) return;  // an interrupt waits: keys belong to it
    if (!help.hidden) {
      if (event.key === "Escape" || event.key === "?") { event.preventDefault(); toggleHelp(false); }
      return;
    }
    var target = event.target;
    if (target && target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
    if (event.key === "Enter" && target && target.closest && target.closest("a, button, summary")) return;
    if (event.key === "?") { event.preventDefault(); toggleHelp(true); return; }
    var fn = keys[event.key];
    if (fn) { event.preventDefault(); fn(event); }
  });

  // --- sign out after idle time -------------------------------------------------------------------
  var idleMs = (parseInt(body.dataset.idleSeconds, 10) || 900) * 1000;
  var ACTIVITY_KEY = "cf.activity";
  var warning = document.getElementById("idle-warning");
  var countdown = document.getElementById("idle-countdown");
  var lastActivity = Date.now(), lastStored = 0, lastServerTouch = Date.now(), signingOut = false;
  CF.serverTouched = function () { lastServerTouch = Date.now(); };
  function activity() {
    var now = Date.now();
    lastActivity = now;
    if (now - lastStored > 2000) {  // shared with the user's other tabs
      lastStored = now;
      try { localStorage.setItem(ACTIVITY_KEY, String(now)); } catch (e) { /* ignore */ }
    }
    if (now - lastServerTouch > 60000) {  // the server's session times out on requests, not clicks
      lastServerTouch = now;
      fetch("/session/keepalive", { method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": CF.csrfToken() } })
        .then(function (r) { if (r.status === 401) CF.toLogin(); }, function () { /* offline: try later */ });
    }
    if (!warning.hidden) warning.hidden = true;
  }
  ["pointerdown", "keydown", "wheel", "touchstart", "mousemove", "scroll"].forEach(function (type) {
    window.addEventListener(type, activity, { passive: true, capture: true });
  });
  document.getElementById("idle-stay").addEventListener("click", activity);
  function signOut() {
    if (signingOut) return;
    signingOut = leaving = true;
    var form = document.getElementById("logout-form");
    form.querySelector("[name=next]").value = loginUrl + "?idle=1";
    form.submit();
  }
  function checkIdle() {
    var shared = 0;
    try { shared = parseInt(localStorage.getItem(ACTIVITY_KEY) || "0", 10) || 0; } catch (e) { /* ignore */ }
    var left = idleMs - (Date.now() - Math.max(lastActivity, shared));
    if (left <= 0) { signOut(); return; }
    if (left <= 60000) {
      countdown.textContent = Math.ceil(left / 1000) + " s";
      warning.hidden = false;
    } else if (!warning.hidden) {
      warning.hidden = true;
    }
  }

  // --- forms that show a part only for one choice (settings) ---------------------------------------
  document.querySelectorAll("[data-show-when]").forEach(function (block) {
    var parts = block.dataset.showWhen.split("=");
    var form = block.closest("form");
    function update() {
      var checked = form.querySelector('input[name="' + parts[0] + '"]:checked');
      block.hidden = !(checked && checked.value === parts[1]);
    }
    form.addEventListener("change", update);
    update();
  });

  // --- start ------------------------------------------------------------------------------------
  localTimes();
  setInterval(function () { CF.tick(); checkIdle(); }, 1000);
  pending().forEach(function (f) { if (f.escalation) receiveEscalation(f); else showInterrupt(f); });
  setPending(pending().filter(function (f) { return !f.escalation; }));  // from before escalations had an inbox
  var digest = storedDigest();
  if (digest && digest.items && digest.items.length) showDigest(digest);
  document.addEventListener("DOMContentLoaded", function () { connect(); });
  if (document.readyState !== "loading") connect();
})();
