// Moderator console: segment bar, the speaker and the timer, the lines per category (drag or
// Alt+arrows to reorder), who has spoken, planned speakers, notes, shortcuts, undo.
// What may be pressed now comes with the view (`allowed`: the core's rules, podium.core.commands
// .available); a button that may not is aria-disabled (it keeps the focus) with the reason.
import { Announcer, FloorClient, clock, el, flagImg, minutes, phaseText, readJSON, venueTime, who } from "./client.js";

const t = readJSON("floor-i18n");
const $ = (id) => document.getElementById(id);
let client;
const announcer = new Announcer(document.getElementById("c-announce"), t);
const named = (template, name) => template.replace("%(name)s", name);

// Commands that act on what the moderator sees carry the version shown: if another operator
// changed the floor meanwhile, the server answers 409 and the console refreshes instead.
const GUARDED = new Set(["call", "call_next", "move", "withdraw", "switch_round", "close_discussion", "close_segment", "undo"]);

async function act(command, fields = {}) {
  $("c-error").textContent = "";
  if (GUARDED.has(command) && client.version >= 0) fields = { ...fields, expected_version: client.version };
  const res = await client.send(command, fields);
  if (!res.ok) {
    $("c-error").textContent = res.error;
    if (res.status === 409) client.fetch();
  }
  return res;
}

// A press on a button the floor would refuse now says why instead of sending it.
function blocked(button) {
  if (button.getAttribute("aria-disabled") !== "true") return false;
  $("c-error").textContent = button.dataset.reason || "";
  return true;
}

function allow(button, code) {
  const reason = code ? (t.refusals && t.refusals[code]) || code : "";
  button.setAttribute("aria-disabled", code ? "true" : "false");
  if (code) { button.dataset.reason = reason; button.title = reason; }
  else { delete button.dataset.reason; button.removeAttribute("title"); }
}

// `place`: 1-based in its line; `wait`: the estimated wait in minutes (the view's `waits`)
function requestItem(r, place, wait, line, size, suggestedId) {
  const name = r.entity_name || r.entity || r.speaker;
  const id = r.request_id;
  return el("li", {
    class: id === suggestedId ? "suggested" : "", draggable: "true", tabindex: "-1",
    dataset: { request: id, entity: r.entity, place, focus: `item:${id}` },
    "aria-label": `${place}. ${name}`,
  },
    el("span", { class: "grow" }, `${place}. `, flagImg(r, t.flags), who(r), r.on_behalf_of ? ` (${t.on_behalf_of} ${groupName(r.on_behalf_of)})` : "",
      wait != null ? el("small", { class: "muted" }, ` · ${t.min.replace("%(minutes)s", wait)}`) : ""),
    el("span", { class: "floor-actions" },
      el("button", { type: "button", "aria-label": named(t.call_who, name), dataset: { focus: `call:${id}` }, onclick: () => act("call", { request_id: id }) }, t.call),
      el("button", { type: "button", class: "secondary", "aria-disabled": place === 1 ? "true" : "false", title: t.up, "aria-label": named(t.up_who, name), dataset: { focus: `up:${id}` },
        onclick: () => place > 1 && act("move", { request_id: id, position: place - 2 }) }, el("span", { "aria-hidden": "true" }, "↑")),
      el("button", { type: "button", class: "secondary", "aria-disabled": place === size ? "true" : "false", title: t.down, "aria-label": named(t.down_who, name), dataset: { focus: `down:${id}` },
        onclick: () => place < size && act("move", { request_id: id, position: place }) }, el("span", { "aria-hidden": "true" }, "↓")),
      el("button", { type: "button", class: "secondary", "aria-label": named(t.withdraw_who, name), dataset: { focus: `withdraw:${id}` },
        onclick: () => act("withdraw", { request_id: id }) }, el("span", { "aria-hidden": "true" }, "✕"))),
  );
}

function groupName(code) {
  return (t.groups && t.groups[code]) || code;
}

// With no segment open, the picker moves on from a segment that has just been closed, to one
// this moderator may open.
function pickSegment(snap) {
  const select = $("c-segment-choice");
  const closed = new Set(snap.closed_segments || []);
  for (const o of select.options) if (closed.has(o.value)) o.dataset.closed = "1";
  if (snap.segment) { select.value = snap.segment.id; return; }
  const ok = (o) => !closed.has(o.value) && !o.disabled;
  if (select.selectedOptions[0] && ok(select.selectedOptions[0])) return;
  const options = [...select.options];
  const after = options.slice(select.selectedIndex + 1).find(ok);
  const any = after || options.find(ok);
  if (any) select.value = any.value;
}

// The focused control, by the key that survives a redraw (its role and request id).
function focusKey() {
  const a = document.activeElement;
  return a && a.dataset && a.dataset.focus ? a.dataset.focus : null;
}

function restoreFocus(key) {
  if (!key) return;
  const again = document.querySelector(`[data-focus="${CSS.escape(key)}"]`);
  if (again) { again.focus({ preventScroll: true }); return; }
  // the request left its line (called, withdrawn): focus the line it was in
  const id = key.split(":")[1];
  const line = lastLineOf.get(id);
  const box = line && document.querySelector(`[data-line="${line}"]`);
  if (box) box.focus({ preventScroll: true });
}
const lastLineOf = new Map();

function render(snap) {
  const keep = focusKey();
  const seg = snap.segment;
  $("c-segment").textContent = seg ? `${seg.title}${seg.requests_open ? "" : " · " + t.discussion_closed_short}${seg.list_closed ? " · " + t.list_closed : ""}` : t.no_segment;
  pickSegment(snap);
  $("c-round").textContent = snap.round ? (t.rounds[snap.round] || snap.round) : "—";
  const allowed = snap.allowed || {};
  document.querySelectorAll("button[data-cmd]").forEach((b) => {
    const cmd = b.dataset.cmd;
    if (cmd === "open_segment") {
      const o = $("c-segment-choice").selectedOptions[0];
      allow(b, seg && seg.id === (o && o.value) ? "segment_already_open" : allowed.open_segment);
    } else if (cmd in allowed) allow(b, allowed[cmd]);
  });
  // a point of order goes to the chair at once: in red above everything, with its time
  const points = snap.points_of_order || [];
  $("c-poo").hidden = !points.length;
  if (points.length) {
    $("c-poo-text").textContent = points.map((p) => t.point_of_order.replace("%(name)s", p.entity_name || p.entity)).join(" · ");
    $("c-poo-since").textContent = venueTime(points[0].raised_at, snap.session && snap.session.time_zone);
  }
  const paused = snap.current && snap.current.timer.paused_at;
  allow($("c-pause"), paused ? allowed.resume_timer : allowed.pause_timer);
  $("c-close-list").hidden = Boolean(seg && seg.list_closed);
  $("c-reopen-list").hidden = !(seg && seg.list_closed);
  // planned speakers of the segment
  $("c-slots").replaceChildren(...(seg ? seg.slots : []).map((s, i) =>
    el("li", {}, el("span", { class: "grow" }, `${(t.roles && t.roles[s.role]) || s.role.replace(/_/g, " ")}: ${s.speaker || ""}${s.entity ? " (" + s.entity + ")" : ""} · ${minutes(s.limit_s)}`),
      el("button", { type: "button", class: "secondary", title: t.slot_call, "aria-label": named(t.call_slot, s.speaker || s.entity || s.role), dataset: { focus: `slot:${i}` },
        onclick: () => act("call", { slot: i }) }, t.call))));
  // rights of reply, taken at the end (call_reply is allowed once the discussion is closed)
  const replies = snap.replies || [];
  $("c-replies-count").textContent = replies.length;
  $("c-replies").replaceChildren(...replies.map((r) => {
    const name = r.entity_name || r.entity;
    const call = el("button", { type: "button", "aria-label": named(t.call_who, name), dataset: { focus: `reply:${r.request_id}` },
      onclick: (e) => !blocked(e.currentTarget) && act("call_reply", { request_id: r.request_id }) }, t.call);
    allow(call, allowed.call_reply === "no_reply_waiting" ? null : allowed.call_reply);
    return el("li", {}, el("span", { class: "grow" }, flagImg(r, t.flags), name), call);
  }));
  // who has spoken in this segment, newest first, with when and how long
  const heard = snap.heard_here || [];
  $("c-heard-count").textContent = heard.length;
  const zone = snap.session && snap.session.time_zone;
  $("c-heard").replaceChildren(...heard.slice().reverse().map((h) =>
    el("li", {}, el("span", { class: "grow" }, `${h.number}. `, h.entity_name || h.entity || h.speaker || (t.roles && t.roles[h.role]) || h.role),
      el("small", { class: "muted" }, `${venueTime(h.start, zone)} · ${clock(h.speaking_s)}`))));
  const cur = snap.current;
  $("c-current").textContent = cur
    ? `${who(cur)}${cur.speaker && cur.speaker !== cur.entity_name ? " — " + cur.speaker : ""}${cur.on_behalf_of ? ` (${t.on_behalf_of} ${groupName(cur.on_behalf_of)})` : ""}${cur.departed ? " · " + t.departed : ""}`
    : t.nobody;
  $("c-language").value = cur && cur.language ? cur.language : "";
  $("c-language").disabled = !cur;
  $("c-suggested").textContent = snap.suggested ? who(snap.suggested) : t.none;
  const lines = $("c-lines");
  lines.replaceChildren(...Object.keys(snap.lines).map((name) => {
    const items = snap.lines[name];
    const open = snap.round_lines.includes(name);
    items.forEach((r) => lastLineOf.set(r.request_id, name));
    return el("section", { class: "floor-box console-line" + (open ? " is-open" : ""), dataset: { line: name, count: items.length }, tabindex: "-1", "aria-label": t.lines[name] || name },
      el("h3", {}, t.lines[name] || name, " ", el("span", { class: "badge" }, items.length), open ? el("span", { class: "badge badge-open" }, el("span", { "aria-hidden": "true" }, "▶ "), lines.dataset.openLabel) : ""),
      items.length
        ? el("ol", { class: "floor-line" }, items.map((r, i) => requestItem(r, i + 1, ((snap.waits || {})[name] || [])[i], name, items.length, snap.suggested && snap.suggested.request_id)))
        : el("p", { class: "muted" }, t.empty));
  }));
  const fc = snap.forecast;
  if (fc && fc.fit != null) {
    const end = fc.projected_end ? `${venueTime(fc.projected_end, zone)} (${t.zone})` : "";
    // a range ("38–45 more fit") around the central value when the pace or the planned speakers vary
    const ranged = fc.fit_min != null && fc.fit_max != null && fc.fit_min !== fc.fit_max;
    const fits = (ranged ? t.fit_range.replace("%(min)s", fc.fit_min).replace("%(max)s", fc.fit_max) : t.fit)
      .replace("%(fit)s", fc.fit).replace("%(queue)s", fc.queue);
    const advice = fc.advice === "shorten_limit" ? t.advice_shorten_limit.replace("%(limit)s", clock(fc.advice_limit_s))
      : fc.advice === "close_list" ? t.advice_close_list : "";
    $("c-forecast").replaceChildren(
      el("span", {}, fits), " ",
      el("span", {}, `${t.pace}: ${clock(fc.pace_s)}. ${t.projected_end} ${end}.`),
      fc.warning ? el("span", { class: "floor-warning", id: "c-forecast-warning" }, " " + t.not_all) : "",
      advice ? el("span", { class: "floor-warning", id: "c-forecast-advice" }, " " + advice) : "");
  } else {
    $("c-forecast").textContent = "—";
  }
  $("c-message-now").textContent = snap.message ? `${t.on_screens}: ${snap.message}` : "";
  // the console's view carries the notes (its socket is for those who chair)
  $("c-notes").replaceChildren(...(snap.notes || []).slice().reverse().map((n) =>
    el("li", {}, el("small", { class: "muted" }, venueTime(n.at, zone), " "), n.text)));
  restoreFocus(keep);
  tick();
}

// "Discussion closed: 3 requests marked not heard. Undo (8 s)" while the floor may undo it.
function showUndo(snap) {
  const u = snap && snap.undo;
  const bar = $("c-undo-bar");
  const left = u ? (Date.parse(u.until) - client.serverNow()) / 1000 : 0;
  if (!u || left <= 0) {
    if (!bar.hidden && bar.contains(document.activeElement)) $("c-segment-choice").focus();
    bar.hidden = true;
    return;
  }
  const text = (t.undo_what && t.undo_what[u.what]) || u.what;
  $("c-undo-text").textContent = text.replace("%(count)s", u.not_heard);
  $("c-undo-left").textContent = `(${Math.ceil(left)} s)`;
  bar.hidden = false;
}

function undo() {
  const u = client.snapshot && client.snapshot.undo;
  if (u && Date.parse(u.until) > client.serverNow()) act("undo");
}

function tick() {
  const snap = client && client.snapshot;
  if (client) showUndo(snap);
  const box = $("c-timer");
  if (!snap || !snap.current) { box.textContent = ""; box.dataset.phase = "none"; $("c-phase").textContent = ""; return; }
  const timer = snap.current.timer;
  const phase = client.phase(timer);
  const left = client.remaining(timer);
  box.dataset.phase = phase;
  $("c-phase").dataset.phase = phase;
  box.textContent = timer.started_at ? clock(left) : clock(timer.limit_s);
  $("c-phase").textContent = phaseText(t, phase, left) || t.phases[phase] || phase;
  announcer.update(snap.current, phase);
}

function pauseOrResume() {
  const cur = client.snapshot && client.snapshot.current;
  if (!cur || blocked($("c-pause"))) return;
  act(cur.timer.paused_at ? "resume_timer" : "pause_timer");
}

document.querySelectorAll("button[data-cmd]").forEach((b) => b.addEventListener("click", () => {
  if (blocked(b)) return;
  const cmd = b.dataset.cmd;
  if (cmd === "open_segment") act(cmd, { segment: $("c-segment-choice").value });
  else if (cmd === "extend_timer") act(cmd, { by_s: Number(b.dataset.by) });
  else act(cmd);
}));
$("c-segment-choice").addEventListener("change", () => client.snapshot && render(client.snapshot));
$("c-pause").addEventListener("click", pauseOrResume);
$("c-undo").addEventListener("click", undo);
// the speaker's language: the room and the public page say "Floor: Español"
$("c-language").addEventListener("change", (e) => {
  if (e.target.value) act("set_language", { language: e.target.value });
});
$("c-add").addEventListener("submit", async (e) => {
  e.preventDefault();
  const res = await act("request", { entity: $("c-add-entity").value.trim(), on_behalf_of: $("c-add-behalf").value.trim() });
  if (res.ok) e.target.reset();
});
$("c-message").addEventListener("submit", async (e) => {
  e.preventDefault();
  const res = await act("project_message", { text: $("c-message-text").value.trim() });
  if (res.ok) $("c-message-text").value = "";
});
$("c-message-clear").addEventListener("click", () => act("project_message", { text: "" }));
$("c-countdown").addEventListener("submit", (e) => {
  e.preventDefault();
  act("start_countdown", { seconds: Math.round(Number($("c-countdown-min").value) * 60), label: $("c-countdown-label").value.trim() });
});
$("c-note").addEventListener("submit", async (e) => {
  e.preventDefault();
  const res = await act("note", { text: $("c-note-text").value });
  if (res.ok) $("c-note-text").value = "";
});

// Reordering: drag a request within its line, or Alt+↑/↓ on a request or its buttons.
let dragged = null;
$("c-lines").addEventListener("dragstart", (e) => {
  const li = e.target.closest && e.target.closest("li[data-request]");
  if (!li) return;
  dragged = li.dataset.request;
  e.dataTransfer.effectAllowed = "move";
  e.dataTransfer.setData("text/plain", dragged);
});
$("c-lines").addEventListener("dragover", (e) => {
  const li = e.target.closest && e.target.closest("li[data-request]");
  if (dragged && li && li.parentElement.querySelector(`[data-request="${CSS.escape(dragged)}"]`)) e.preventDefault();
});
$("c-lines").addEventListener("drop", (e) => {
  const li = e.target.closest && e.target.closest("li[data-request]");
  if (!dragged || !li) return;
  e.preventDefault();
  const id = dragged;
  dragged = null;
  if (li.dataset.request !== id) act("move", { request_id: id, position: Number(li.dataset.place) - 1 });
});
$("c-lines").addEventListener("dragend", () => { dragged = null; });

document.addEventListener("keydown", (e) => {
  if (e.target.closest("input, textarea, select")) return;
  if (e.altKey && (e.key === "ArrowUp" || e.key === "ArrowDown")) {
    const li = e.target.closest("li[data-request]");
    if (!li) return;
    e.preventDefault();
    const place = Number(li.dataset.place);
    const position = e.key === "ArrowUp" ? place - 2 : place;
    if (position >= 0) act("move", { request_id: li.dataset.request, position });
    return;
  }
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  // Space is the timer's, wherever the focus is (but in a field): after a click on "+30 s" it
  // pauses instead of pressing "+30 s" again. Buttons are pressed with Enter.
  if (e.key === " ") { e.preventDefault(); if (!e.repeat) pauseOrResume(); return; }
  if (e.target.closest("button, a, summary, [role=button]") && e.key === "Enter") return;
  const key = e.key.toLowerCase();
  if (key === "n") { if (!blocked($("c-call-next"))) act("call_next"); }
  else if (key === "f") { if (!blocked($("c-finish"))) act("finish"); }
  else if (key === "e") act("extend_timer", { by_s: 60 });
  else if (key === "r") { if (!blocked($("c-switch-round"))) act("switch_round"); }
  else if (key === "u") undo();
  else return;
  e.preventDefault();
});
// a Space released on a button must not press it either (buttons fire on keyup)
document.addEventListener("keyup", (e) => {
  if (e.key === " " && e.target.closest("button") && !e.target.closest("input, textarea, select")) e.preventDefault();
});

client = new FloorClient(readJSON("floor-slug"), render, readJSON("floor-snapshot"), readJSON("floor-view"), t);
setInterval(tick, 250);
