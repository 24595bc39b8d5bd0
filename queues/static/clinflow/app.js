/* clinflow staff UI — the parts every signed-in page shares. Plain JS, no build step.
 *
 * - CF.api(): fetch with the CSRF token (cookie csrftoken → X-CSRFToken); never blocks the page.
 * - The live socket /ws/: ping every 30 s, reconnect with backoff; pages listen with CF.on(type, fn)
 *   and re-sync on "hello" (the channel layer is at-most-once).
 * - Interrupts: a dialog the user must acknowledge (POST /api/v1/interrupts/<id>/ack); kept in
 *   sessionStorage until acknowledged so a reload or a page change does not lose them. An interrupt
 *   whose item closes (an item.resolved frame: resolved by a colleague or in the EMR) goes away with a
 *   notice saying why; on every (re)connect the server's list of pending interrupts is the truth.
 *   Interrupts delivered as tasks are a quiet notice. Digests show in a panel.
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
      if (response.status === 401) CF.toLogin();
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
  function localTimes(root) {
    (root || document).querySelectorAll("time[data-local-time]").forEach(function (t) {
      var ms = CF.toMs(t.getAttribute("datetime"));
      if (!isNaN(ms)) {
        t.textContent = new Date(ms).toLocaleString([], { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
        t.title = new Date(ms).toISOString();
      }
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
      res.body.forEach(function (frame) {
        listed[frame.delivery] = true;
        if (!interruptList.querySelector('[data-delivery="' + frame.delivery + '"]')) receiveInterrupt(frame);
      });
      dropInterrupts(function (f) { return known[f.delivery] && !listed[f.delivery]; });
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
    var headingId = "interrupt-" + frame.delivery;
    var ack = el("button", { type: "button", class: "primary", "data-ack": "" }, "Acknowledge");
    var ackOpen = el("button", { type: "button", "data-ack-open": "" }, "Acknowledge and open");
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
        " · patient ", el("strong", {}, item.patient_mrn || "")),
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

  // "Acknowledge all": one POST for every card in the dialog (audited per interrupt by the server).
  var ackAll = el("button", { type: "button", class: "primary", id: "interrupt-ack-all", "data-ack-all": "" }, "Acknowledge all");
  var ackAllError = el("p", { class: "field-error", role: "alert", hidden: true });
  dialog.appendChild(el("div", { class: "btn-row interrupt-all" }, ackAll, ackAllError));
  function updateAckAll() {
    var n = interruptList.children.length;
    ackAll.hidden = n < 2;
    ackAll.textContent = "Acknowledge all (" + n + ")";
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
      (isNaN(at) ? "" : " · " + new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }));
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
  pending().forEach(showInterrupt);
  var digest = storedDigest();
  if (digest && digest.items && digest.items.length) showDigest(digest);
  document.addEventListener("DOMContentLoaded", function () { connect(); });
  if (document.readyState !== "loading") connect();
})();
