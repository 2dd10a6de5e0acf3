// The floor client shared by every screen: its audience's view of the floor (room, public,
// delegate, console: see podium.core.views), newest version wins.
// - connects to /ws/sessions/<slug>/floor?view=<audience>; on close, reconnects with back-off
//   and polls GET /api/sessions/<slug>/floor?view=<audience> every few seconds meanwhile;
// - ignores views older than the one shown;
// - says on the page when it is not live (socket lost: polling, reconnecting);
// - counts timers down locally, corrected by the server's clock (`server_time`).

export function csrfToken() {
  const m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return m ? decodeURIComponent(m[1]) : "";
}

export function readJSON(id) {
  const el = document.getElementById(id);
  return el ? JSON.parse(el.textContent) : null;
}

// "Not live: reconnecting…" at the top of the page while the socket is down (the page then
// polls, and says so until the socket is back).
function liveStatus(text) {
  let node = document.getElementById("floor-live-status");
  if (!node) {
    node = document.createElement("p");
    node.id = "floor-live-status";
    node.className = "floor-live-status";
    node.setAttribute("role", "status");
    node.hidden = true;
    document.body.prepend(node);
  }
  return (live) => {
    node.hidden = live;
    node.textContent = live ? "" : text;
  };
}

// A console's patch (podium.core.views.console_patch) applied to the view it was made from.
function applyPatch(view, patch) {
  const out = { ...view, ...(patch.set || {}), version: patch.version, server_time: patch.server_time };
  if (patch.lines) {
    out.lines = { ...view.lines };
    for (const [name, change] of Object.entries(patch.lines)) {
      const known = new Map((view.lines[name] || []).map((r) => [r.request_id, r]));
      out.lines[name] = change.order.map((id) => (change.items && change.items[id]) || known.get(id));
    }
  }
  if (patch.waits) out.waits = { ...view.waits, ...patch.waits };
  return out;
}

export class FloorClient {
  constructor(slug, onSnapshot, initial, view = "", labels = {}) {
    this.slug = slug;
    this.view = view;
    this.socketView = null;
    this.onSnapshot = onSnapshot;
    this.names = labels.entities || {};
    this.showLive = liveStatus(labels.not_live || "Not live: reconnecting…");
    this.version = -1;
    this.snapshot = null;
    this.offsets = [];
    this.ws = null;
    this.pollTimer = null;
    this.retry = 0;
    this.closed = false;
    this.api = `/api/sessions/${encodeURIComponent(slug)}/floor`;
    this.query = view ? `?view=${encodeURIComponent(view)}` : "";
    if (initial) this.accept(initial);
    this.connect();
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") this.fetch();
    });
  }

  // Server time now (ms), from the best (least delayed) recent offset.
  serverNow() {
    const best = this.offsets.length ? Math.max(...this.offsets) : 0;
    return Date.now() + best;
  }

  // A view from the socket: whole, or (a console's) a patch of the one the socket sent last.
  fromSocket(msg) {
    let view = msg;
    if (msg.base !== undefined) {
      if (!this.socketView || this.socketView.version !== msg.base) {
        // a patch of a view this page does not hold: ask for the whole view
        if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send('{"type":"resync"}');
        return;
      }
      view = applyPatch(this.socketView, msg);
    }
    this.socketView = view;
    this.accept(view);
  }

  accept(snap, force = false) {
    if (!snap || typeof snap.version !== "number") return;
    if (snap.server_time) {
      this.offsets.push(Date.parse(snap.server_time) - Date.now());
      if (this.offsets.length > 10) this.offsets.shift();
    }
    if (snap.version < this.version) return;
    if (snap.version === this.version && !force) return;
    this.version = snap.version;
    this.snapshot = snap;
    localizeNames(snap, this.names);
    this.onSnapshot(snap);
  }

  connect() {
    if (this.closed || !("WebSocket" in window)) { this.startPolling(); return; }
    const proto = location.protocol === "https:" ? "wss" : "ws";
    let ws;
    try {
      ws = new WebSocket(`${proto}://${location.host}/ws/sessions/${encodeURIComponent(this.slug)}/floor${this.query}`);
    } catch (e) { this.startPolling(); return; }
    this.ws = ws;
    ws.onopen = () => { this.retry = 0; this.stopPolling(); document.body.dataset.live = "socket"; this.showLive(true); };
    ws.onmessage = (e) => {
      let msg;
      try { msg = JSON.parse(e.data); } catch (err) { return; }
      if (msg.type) return; // pong / error replies
      this.fromSocket(msg);
    };
    ws.onclose = (e) => {
      this.ws = null;
      document.body.dataset.live = "polling";
      this.showLive(false);
      if (this.closed || e.code === 4404 || e.code === 4403) { this.startPolling(); return; }
      this.startPolling();
      const delay = Math.min(30000, 500 * 2 ** this.retry++) * (0.5 + Math.random() / 2);
      setTimeout(() => this.connect(), delay);
    };
  }

  startPolling() {
    if (this.pollTimer) return;
    this.fetch();
    this.pollTimer = setInterval(() => this.fetch(), 3000);
  }

  stopPolling() {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
  }

  async fetch() {
    try {
      const r = await fetch(this.api + this.query, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (r.ok) this.accept(await r.json());
    } catch (e) { /* offline: the next poll or the socket brings it */ }
  }

  // POST a command; resolves to {ok, error?}.
  async send(command, fields = {}) {
    const body = JSON.stringify({ command, ...fields });
    let r;
    try {
      // the answer is this screen's view of the floor after the command
      r = await fetch(this.api + this.query, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfToken() },
        body,
      });
    } catch (e) {
      return { ok: false, error: "network" };
    }
    let data = {};
    try { data = await r.json(); } catch (e) { /* empty */ }
    if (!r.ok) return { ok: false, error: data.error || String(r.status), status: r.status };
    this.accept(data, true);
    return { ok: true, data };
  }

  // Timer arithmetic, as the server does it.
  elapsed(timer) {
    if (!timer || !timer.started_at) return 0;
    const end = timer.paused_at ? Date.parse(timer.paused_at)
      : timer.stopped_at ? Date.parse(timer.stopped_at) : this.serverNow();
    return Math.max(0, (end - Date.parse(timer.started_at)) / 1000 - (timer.paused_total_s || 0));
  }

  remaining(timer) {
    return timer ? timer.limit_s - this.elapsed(timer) : 0;
  }

  phase(timer) {
    if (!timer || !timer.started_at) return "ready";
    if (timer.stopped_at) return "stopped";
    if (timer.paused_at) return "paused";
    const left = this.remaining(timer);
    if (timer.limit_s > 0 && left <= 0) return "overtime";
    if (timer.limit_s > 0 && left <= timer.warning_s) return "warning"; // the core's WARNING_S, sent with every timer
    return "running";
  }
}

export function clock(seconds) {
  const neg = seconds < 0;
  const s = Math.abs(Math.trunc(neg ? Math.floor(seconds) : Math.ceil(seconds)));
  const text = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  return neg ? `+${text}` : text;
}

export function minutes(seconds) {
  if (seconds == null) return "";
  return `${Math.max(0, Math.round(seconds / 60))} min`;
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(node.dataset, v);
    else if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

// One copy of the floor goes to every screen, with the entities' names as stored (English):
// each screen shows them in its reader's language, from the names its page was given.
export function localizeNames(snap, names) {
  if (!names || !Object.keys(names).length) return;
  const fix = (item) => {
    if (item && item.entity && names[item.entity]) item.entity_name = names[item.entity];
  };
  fix(snap.current);
  fix(snap.suggested);
  for (const items of Object.values(snap.lines || {})) if (Array.isArray(items)) items.forEach(fix);
  (snap.next || []).forEach(fix);
  (snap.points_of_order || []).forEach(fix);
  for (const mine of Object.values(snap.mine || {})) fix(mine);
}

// The points of order under way, in words ("Point of order: France"), as the room and the
// public page show them (in red).
export function pointsOfOrder(t, snap) {
  return (snap.points_of_order || []).map((p) => t.point_of_order.replace("%(name)s", p.entity_name || p.entity));
}

// Whether delegations may ask for the floor now, in the words the phone uses: the list or the
// discussion closed, not open yet (the core's rule for Member States' requests, `requests`);
// "" when they may (or when only another round's delegations may).
export function listState(t, snap) {
  if (!snap.segment) return "";
  const code = (snap.requests || {}).member_states;
  return code && code !== "round_not_open" ? (t.refusals && t.refusals[code]) || "" : "";
}

// "Floor: Español" when the chair has said the speaker's language, else "".
export function floorLanguage(t, cur) {
  if (!cur || !cur.language) return "";
  return t.floor_language.replace("%(language)s", t.languages[cur.language] || cur.language);
}

export function who(item) {
  if (!item) return "";
  // names only: flag emoji need an emoji font, which room PCs and this server often lack
  return item.entity_name || item.entity || item.speaker;
}

// A State's flag as an image (the snapshot's `flag` is its ISO alpha-2 code; `flags`, from the
// page, maps it to the static SVG), or null (a group, an organization: no flag). alt="": the
// flag always stands beside the delegation's name, which says the same (WCAG: decorative).
export function flagImg(item, flags) {
  const url = item && item.flag && flags ? flags[item.flag] : "";
  return url ? el("img", { class: "flag", src: url, alt: "", width: 20, height: 15, decoding: "async" }) : null;
}

// "10:45" in the venue's time zone (the session's `time_zone`), never the browser's.
// The room screen asks several times a second: one formatter per zone, built on first use.
const hourFormats = new Map();
function hourFormat(zone) {
  const key = zone || "UTC";
  let f = hourFormats.get(key);
  if (!f) {
    const lang = document.documentElement.lang || undefined;
    const options = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
    try {
      f = new Intl.DateTimeFormat(lang, { ...options, timeZone: key });
    } catch (e) {
      f = new Intl.DateTimeFormat(lang, { ...options, timeZone: "UTC" });
    }
    hourFormats.set(key, f);
  }
  return f;
}

export function venueTime(iso, zone) {
  if (!iso) return "";
  return hourFormat(zone).format(new Date(iso));
}

// The phase in words, so colour is never the only signal: "30 s left", "Overtime +0:12", "Paused".
export function phaseText(t, phase, remaining) {
  if (phase === "warning") return t.left.replace("%(seconds)s", Math.max(0, Math.ceil(remaining)));
  if (phase === "overtime") return t.overtime_text.replace("%(time)s", clock(remaining));
  if (phase === "paused" || phase === "stopped") return t.phases[phase];
  return "";
}

// The current speaker's countdown in `box` and its phase in words in `label` (blank before the
// timer starts), as the delegate and public live pages show it; announces 30 s left and time up.
export function showTimer(client, t, box, label, announcer) {
  const snap = client && client.snapshot;
  if (!snap || !snap.current || !snap.current.timer.started_at) {
    box.textContent = ""; box.dataset.phase = "none"; label.textContent = ""; label.dataset.phase = "none";
    return;
  }
  const phase = client.phase(snap.current.timer);
  const left = client.remaining(snap.current.timer);
  box.dataset.phase = phase;
  label.dataset.phase = phase;
  box.textContent = clock(left);
  label.textContent = phaseText(t, phase, left);
  announcer.update(snap.current, phase);
}

// A polite live region that speaks only when a speaker reaches 30 s left and when time is up
// (once each per speaker; never every second).
export class Announcer {
  constructor(node, t) { this.node = node; this.t = t; this.key = null; this.said = new Set(); }
  update(current, phase) {
    const key = current ? `${current.called_at}|${current.speaker}` : null;
    if (key !== this.key) { this.key = key; this.said = new Set(); }
    if (!current || (phase !== "warning" && phase !== "overtime") || this.said.has(phase)) return;
    this.said.add(phase);
    if (phase === "overtime") this.said.add("warning");
    const who = current.entity_name || current.speaker || "";
    const text = phase === "warning" ? this.t.announce_warning : this.t.announce_overtime;
    this.node.textContent = who ? `${text}: ${who}` : text;
  }
}
