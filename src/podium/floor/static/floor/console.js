// Moderator console: segment controls, lines per category, call next, timer, notes, shortcuts.
import { Announcer, FloorClient, clock, el, minutes, phaseText, readJSON, venueTime, who } from "./client.js";

const t = readJSON("floor-i18n");
const $ = (id) => document.getElementById(id);
let client;
const announcer = new Announcer(document.getElementById("c-announce"), t);
const named = (template, name) => template.replace("%(name)s", name);

// Commands that act on what the moderator sees carry the version shown: if another operator
// changed the floor meanwhile, the server answers 409 and the console refreshes instead.
const GUARDED = new Set(["call", "call_next", "move", "withdraw", "switch_round", "close_discussion", "close_segment"]);

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

// `place`: 1-based in its line; `wait`: the estimated wait in minutes (the view's `waits`)
function requestItem(r, place, wait, line, size, suggestedId) {
  const name = r.entity_name || r.entity || r.speaker;
  return el("li", { class: r.request_id === suggestedId ? "suggested" : "", dataset: { request: r.request_id, entity: r.entity } },
    el("span", { class: "grow" }, `${place}. `, who(r), r.on_behalf_of ? ` (${t.on_behalf_of} ${groupName(r.on_behalf_of)})` : "",
      wait != null ? el("small", { class: "muted" }, ` · ${t.min.replace("%(minutes)s", wait)}`) : ""),
    el("span", { class: "floor-actions" },
      el("button", { type: "button", "aria-label": named(t.call_who, name), onclick: () => act("call", { request_id: r.request_id }) }, t.call),
      el("button", { type: "button", class: "secondary", disabled: place === 1, title: t.up, "aria-label": named(t.up_who, name),
        onclick: () => act("move", { request_id: r.request_id, position: place - 2 }) }, el("span", { "aria-hidden": "true" }, "↑")),
      el("button", { type: "button", class: "secondary", disabled: place === size, title: t.down, "aria-label": named(t.down_who, name),
        onclick: () => act("move", { request_id: r.request_id, position: place }) }, el("span", { "aria-hidden": "true" }, "↓")),
      el("button", { type: "button", class: "secondary", "aria-label": named(t.withdraw_who, name),
        onclick: () => act("withdraw", { request_id: r.request_id }) }, t.withdraw)),
  );
}

function groupName(code) {
  return (t.groups && t.groups[code]) || code;
}

// With no segment open, the picker moves on from a segment that has just been closed.
function pickSegment(snap) {
  const select = $("c-segment-choice");
  const closed = new Set(snap.closed_segments || []);
  for (const o of select.options) if (closed.has(o.value)) o.dataset.closed = "1";
  if (snap.segment) { select.value = snap.segment.id; return; }
  if (!closed.has(select.value)) return;
  const options = [...select.options];
  const after = options.slice(select.selectedIndex + 1).find((o) => !closed.has(o.value));
  const any = after || options.find((o) => !closed.has(o.value));
  if (any) select.value = any.value;
}

function render(snap) {
  const seg = snap.segment;
  $("c-segment").textContent = seg ? `${seg.title}${seg.requests_open ? "" : " · " + t.discussion_closed}` : t.no_segment;
  pickSegment(snap);
  $("c-round").textContent = snap.round ? (t.rounds[snap.round] || snap.round) : "—";
  $("c-close-list").hidden = Boolean(seg && seg.list_closed);
  $("c-reopen-list").hidden = !(seg && seg.list_closed);
  // planned speakers of the segment
  $("c-slots").replaceChildren(...(seg ? seg.slots : []).map((s, i) =>
    el("li", {}, el("span", { class: "grow" }, `${(t.roles && t.roles[s.role]) || s.role.replace(/_/g, " ")}: ${s.speaker || ""}${s.entity ? " (" + s.entity + ")" : ""} · ${minutes(s.limit_s)}`),
      el("button", { type: "button", class: "secondary", title: t.slot_call, "aria-label": named(t.call_slot, s.speaker || s.entity || s.role),
        onclick: () => act("call", { slot: i }) }, t.call))));
  const cur = snap.current;
  $("c-current").textContent = cur
    ? `${who(cur)}${cur.speaker && cur.speaker !== cur.entity_name ? " — " + cur.speaker : ""}${cur.on_behalf_of ? ` (${t.on_behalf_of} ${groupName(cur.on_behalf_of)})` : ""}${cur.departed ? " · " + t.departed : ""}`
    : t.nobody;
  $("c-language").value = cur && cur.language ? cur.language : "";
  $("c-language").disabled = !cur;
  $("c-suggested").textContent = snap.suggested ? who(snap.suggested) : t.none;
  const lines = $("c-lines");
  const shown = Object.keys(snap.lines);
  lines.replaceChildren(...shown.map((name) => {
    const items = snap.lines[name];
    const open = snap.round_lines.includes(name);
    return el("section", { class: "floor-box", dataset: { line: name } },
      el("h2", {}, t.lines[name] || name, " ", el("span", { class: "badge" }, items.length), open ? el("span", { class: "badge badge-open" }, el("span", { "aria-hidden": "true" }, "▶ "), lines.dataset.openLabel) : ""),
      items.length
        ? el("ol", { class: "floor-line" }, items.map((r, i) => requestItem(r, i + 1, ((snap.waits || {})[name] || [])[i], name, items.length, snap.suggested && snap.suggested.request_id)))
        : el("p", { class: "muted" }, t.empty));
  }));
  const fc = snap.forecast;
  if (fc && fc.fit != null) {
    const zone = snap.session && snap.session.time_zone;
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
  // the console's view carries the notes (its socket is for those who chair)
  $("c-notes").replaceChildren(...(snap.notes || []).slice().reverse().map((n) =>
    el("li", {}, el("small", { class: "muted" }, venueTime(n.at, snap.session && snap.session.time_zone), " "), n.text)));
  tick();
}

function tick() {
  const snap = client && client.snapshot;
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
  if (!cur) return;
  act(cur.timer.paused_at ? "resume_timer" : "pause_timer");
}

document.querySelectorAll("button[data-cmd]").forEach((b) => b.addEventListener("click", () => {
  const cmd = b.dataset.cmd;
  if (cmd === "open_segment") act(cmd, { segment: $("c-segment-choice").value });
  else if (cmd === "extend_timer") act(cmd, { by_s: Number(b.dataset.by) });
  else act(cmd);
}));
$("c-pause").addEventListener("click", pauseOrResume);
// the speaker's language: the room and the public page say "Floor: Español"
$("c-language").addEventListener("change", (e) => {
  if (e.target.value) act("set_language", { language: e.target.value });
});
$("c-add").addEventListener("submit", async (e) => {
  e.preventDefault();
  const res = await act("request", { entity: $("c-add-entity").value.trim(), on_behalf_of: $("c-add-behalf").value.trim() });
  if (res.ok) e.target.reset();
});
$("c-note").addEventListener("submit", async (e) => {
  e.preventDefault();
  const res = await act("note", { text: $("c-note-text").value });
  if (res.ok) $("c-note-text").value = "";
});
document.addEventListener("keydown", (e) => {
  if (e.target.closest("input, textarea, select") || e.ctrlKey || e.metaKey || e.altKey) return;
  // Space on a focused button or link presses it (keyboard users), it does not pause the timer
  if (e.key === " " && e.target.closest("button, a, summary, [role=button]")) return;
  const key = e.key.toLowerCase();
  if (key === "n") act("call_next");
  else if (key === "f") act("finish");
  else if (key === "e") act("extend_timer", { by_s: 60 });
  else if (key === "r") act("switch_round");
  else if (e.key === " ") { e.preventDefault(); pauseOrResume(); }
  else return;
  e.preventDefault();
});

client = new FloorClient(readJSON("floor-slug"), render, readJSON("floor-snapshot"), readJSON("floor-view"), t);
setInterval(tick, 250);
