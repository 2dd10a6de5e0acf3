// Room screen: current speaker, big countdown with warning colours (and words), the next three.
import { Announcer, FloorClient, clock, flagImg, floorLanguage, phaseText, readJSON, venueTime, who } from "./client.js";

const t = readJSON("floor-i18n");
const $ = (id) => document.getElementById(id);
const announcer = new Announcer($("room-announce"), t);
let client;

const groupName = (code) => (t.groups && t.groups[code]) || code;

function render(snap) {
  const seg = snap.segment;
  $("room-segment").textContent = seg ? seg.title : t.no_segment;
  $("room-round").textContent = snap.round ? t.rounds[snap.round] || snap.round : "";
  const cur = snap.current;
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
  $("room-speaker").parentElement.dataset.length = name.length > 40 ? "long" : name.length > 22 ? "medium" : "short";
  $("room-person").textContent = slot
    ? [roleName !== name ? roleName : "", cur.represents_name].filter(Boolean).join(" · ")
    : (cur && cur.speaker && cur.speaker !== cur.entity_name ? cur.speaker : "");
  $("room-language").textContent = floorLanguage(t, cur);
  $("room-behalf").textContent = cur && cur.on_behalf_of ? `${t.on_behalf_of} ${groupName(cur.on_behalf_of)}` : "";
  const next = $("room-next");
  next.replaceChildren(...snap.next.slice(0, 3).map((r) => {
    const li = document.createElement("li");
    li.append(...[flagImg(r, t.flags), who(r) + (r.on_behalf_of ? ` (${t.on_behalf_of} ${groupName(r.on_behalf_of)})` : "")].filter(Boolean));
    return li;
  }));
  $("room-next-h").parentElement.hidden = !snap.next.length;
  tick();
}

function tick() {
  const snap = client && client.snapshot;
  const box = $("room-timer");
  const label = $("room-phase");
  const zone = snap && snap.session ? snap.session.time_zone : null;
  $("room-clock").textContent = venueTime(new Date(client ? client.serverNow() : Date.now()).toISOString(), zone);
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
  label.textContent = phaseText(t, phase, left);
  announcer.update(snap.current, phase);
}

client = new FloorClient(readJSON("floor-slug"), render, readJSON("floor-snapshot"), readJSON("floor-view"), t);
setInterval(tick, 250);
