// Room screens, in the layout of the page's `?layout=` (room-layout): full (segment, round,
// speaker, big countdown, the next three), speaker (speaker and countdown only), line (the next
// ten), lower-third (a strip at the bottom for the webcast's mixer, on a transparent page).
// Every layout also says what the chair projects (a message, a countdown of its own) and a point
// of order under way; full and line say whether delegations may ask for the floor now.
import { Announcer, FloorClient, clock, flagImg, floorLanguage, listState, phaseText, pointsOfOrder, readJSON, venueTime, who } from "./client.js";

const t = readJSON("floor-i18n");
const layout = readJSON("room-layout") || "full";
const $ = (id) => document.getElementById(id);
const announcer = new Announcer($("room-announce"), t);
let client;

const groupName = (code) => (t.groups && t.groups[code]) || code;
// how many of the next the layout names: the line all ten it is sent, the full screen three
const NEXT_SHOWN = { full: 3, line: 10 };

const sizeOf = (text, medium, long) => (text.length > long ? "long" : text.length > medium ? "medium" : "short");

function render(snap) {
  const seg = snap.segment;
  $("room-segment").textContent = seg ? seg.title : t.no_segment;
  $("room-round").textContent = snap.round ? t.rounds[snap.round] || snap.round : "";
  const cur = snap.current;
  document.body.dataset.speaker = cur ? "yes" : "none";
  // a State's flag as an image; another entity's code in a box (IOM); never emoji flags
  const flag = flagImg(cur, t.flags);
  $("room-flag").dataset.kind = flag ? "image" : "code";
  $("room-flag").replaceChildren(...(flag ? [flag] : cur && cur.entity ? [cur.entity] : []));
  // a planned speaker (moderator, expert…) speaks in their role: their name, then the role and
  // the State they come from; a delegation: its name, then the person
  const slot = cur && cur.role && cur.role !== "floor";
  const roleName = slot ? (t.roles[cur.role] || cur.role) : "";
  const name = cur ? (cur.entity_name || cur.speaker || roleName) : t.nobody;
  $("room-speaker").textContent = name;
  // long names (e.g. "United Kingdom of Great Britain and Northern Ireland") get a smaller size
  $("room-speaker").parentElement.dataset.length = sizeOf(name, 22, 40);
  $("room-person").textContent = slot
    ? [roleName !== name ? roleName : "", cur.represents_name].filter(Boolean).join(" · ")
    : (cur && cur.speaker && cur.speaker !== cur.entity_name ? cur.speaker : "");
  $("room-language").textContent = floorLanguage(t, cur);
  $("room-behalf").textContent = cur && cur.on_behalf_of ? `${t.on_behalf_of} ${groupName(cur.on_behalf_of)}` : "";
  renderNotices(snap);
  renderNext(snap);
  tick();
  fit();
}

// A point of order (red, in words), the list's state, the chair's message.
function renderNotices(snap) {
  $("room-poo").replaceChildren(...pointsOfOrder(t, snap).map((text) => {
    const p = document.createElement("p");
    p.textContent = text;
    return p;
  }));
  $("room-state").textContent = listState(t, snap);
  const message = snap.message || "";
  $("room-message").textContent = message;
  $("room-message").dataset.length = sizeOf(message, 40, 100);
  if (message) document.body.dataset.message = "yes"; else delete document.body.dataset.message;
  const countdown = snap.countdown;
  $("room-countdown-label").textContent = countdown ? countdown.label || t.countdown : "";
  if (countdown) document.body.dataset.countdown = "yes"; else delete document.body.dataset.countdown;
}

function renderNext(snap) {
  const shown = (snap.next || []).slice(0, NEXT_SHOWN[layout] || 0);
  $("room-next").replaceChildren(...shown.map((r) => {
    const li = document.createElement("li");
    li.append(...[flagImg(r, t.flags), who(r) + (r.on_behalf_of ? ` (${t.on_behalf_of} ${groupName(r.on_behalf_of)})` : "")].filter(Boolean));
    return li;
  }));
  // the line layout says so when nobody waits; the full screen just leaves the column out
  $("room-next-empty").textContent = shown.length ? "" : t.empty;
  $("room-next-h").parentElement.hidden = !shown.length && layout !== "line";
}

// Nothing cut off, whatever the screen's shape and the names' lengths: the sizes (in vh and vw)
// are scaled down together (--fit) until the page fits the screen.
function fit() {
  const root = document.documentElement;
  const over = () => root.scrollHeight > innerHeight + 1 || root.scrollWidth > innerWidth + 1;
  let scale = 1;
  root.style.setProperty("--fit", "1");
  while (over() && scale > 0.4) {
    scale = Math.round((scale - 0.05) * 100) / 100;
    root.style.setProperty("--fit", String(scale));
  }
}

function tick() {
  const snap = client && client.snapshot;
  const box = $("room-timer");
  const label = $("room-phase");
  const zone = snap && snap.session ? snap.session.time_zone : null;
  $("room-clock").textContent = venueTime(new Date(client ? client.serverNow() : Date.now()).toISOString(), zone);
  tickCountdown(snap);
  if (!snap || !snap.current) {
    box.textContent = ""; box.dataset.phase = "none"; label.textContent = ""; label.dataset.phase = "none";
    document.body.dataset.phase = "none";
    return;
  }
  const timer = snap.current.timer;
  const phase = client.phase(timer);
  const left = client.remaining(timer);
  box.dataset.phase = phase;
  label.dataset.phase = phase;
  document.body.dataset.phase = phase;
  box.textContent = timer.started_at ? clock(left) : clock(timer.limit_s);
  box.dataset.chars = box.textContent.length;
  const words = phaseText(t, phase, left);
  const refit = Boolean(words) !== Boolean(label.textContent);
  label.textContent = words;
  if (refit) fit(); // "Overtime +0:01" appears (or goes): the page must still fit
  announcer.update(snap.current, phase);
}

// The chair's own countdown, counted down here from the server's clock as a speaker's timer is.
function tickCountdown(snap) {
  const c = snap && snap.countdown;
  const node = $("room-countdown");
  const time = $("room-countdown-time");
  if (!c) {
    if (time.textContent) time.textContent = "";
    node.dataset.phase = "none";
    return;
  }
  const text = clock(client.remaining(c));
  const refit = text.length !== time.textContent.length;
  if (time.textContent !== text) time.textContent = text;
  if (refit) fit(); // "10:00" to "9:59", or the countdown's first second
  node.dataset.phase = client.phase(c);
}

client = new FloorClient(readJSON("floor-slug"), render, readJSON("floor-snapshot"), readJSON("floor-view"), t);
if (client.snapshot) { tick(); fit(); } // the first render came before the client had a clock
setInterval(tick, 250);
addEventListener("resize", fit);
