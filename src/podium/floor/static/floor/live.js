// Public live page: the programme with a "now" marker, the current speaker, whether the list is
// open, and what the chair projects in the room (a message, a countdown; a point of order).
import { Announcer, FloorClient, clock, floorLanguage, listState, pointsOfOrder, readJSON, showTimer, venueTime, who } from "./client.js";

const t = readJSON("floor-i18n");
const $ = (id) => document.getElementById(id);
let client;
const announcer = new Announcer($("l-announce"), t);

function mark(snap) {
  // the open segment is "now"; with none open, the one whose planned time contains now
  const open = snap && snap.segment ? snap.segment.id : null;
  const now = client ? client.serverNow() : Date.now();
  document.querySelectorAll("#l-programme li").forEach((li) => {
    const planned = Date.parse(li.dataset.start) <= now && now < Date.parse(li.dataset.end);
    const isNow = open ? li.dataset.segment === open : planned;
    li.classList.toggle("now", isNow);
    li.querySelector(".now-marker").hidden = !isNow;
  });
  const zone = snap && snap.session ? snap.session.time_zone : null;
  $("l-clock").textContent = t.now_is.replace("%(time)s", venueTime(new Date(now).toISOString(), zone));
}

function render(snap) {
  const cur = snap.current;
  $("l-current").textContent = cur ? `${who(cur)}${cur.speaker && cur.speaker !== cur.entity_name ? " — " + cur.speaker : ""}` : t.nobody;
  $("l-language").textContent = floorLanguage(t, cur);
  $("l-state").textContent = listState(t, snap);
  // as on the room's screens: a point of order in red, the chair's message and countdown
  $("l-poo").replaceChildren(...pointsOfOrder(t, snap).map((text) => {
    const p = document.createElement("p");
    p.textContent = text;
    return p;
  }));
  $("l-message").textContent = snap.message || "";
  $("l-countdown-label").textContent = snap.countdown ? snap.countdown.label || t.countdown : "";
  mark(snap);
  tick();
}

function tick() {
  showTimer(client, t, $("l-timer"), $("l-phase"), announcer);
  const c = client && client.snapshot && client.snapshot.countdown;
  const text = c ? clock(client.remaining(c)) : "";
  if ($("l-countdown-time").textContent !== text) $("l-countdown-time").textContent = text;
  $("l-countdown").dataset.phase = c ? client.phase(c) : "none";
}

client = new FloorClient(readJSON("floor-slug"), render, readJSON("floor-snapshot"), readJSON("floor-view"), t);
setInterval(tick, 1000);
setInterval(() => mark(client.snapshot), 30000);
