// Public live page: the programme with a "now" marker and the current speaker.
import { FloorClient, clock, readJSON, who } from "./client.js";

const t = readJSON("floor-i18n");
const $ = (id) => document.getElementById(id);
let client;

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
}

function render(snap) {
  const cur = snap.current;
  $("l-current").textContent = cur ? `${who(cur)}${cur.speaker && cur.speaker !== cur.entity_name ? " — " + cur.speaker : ""}` : t.nobody;
  mark(snap);
  tick();
}

function tick() {
  const snap = client && client.snapshot;
  const box = $("l-timer");
  if (!snap || !snap.current || !snap.current.timer.started_at) { box.textContent = ""; return; }
  box.dataset.phase = client.phase(snap.current.timer);
  box.textContent = clock(client.remaining(snap.current.timer));
}

client = new FloorClient(readJSON("floor-slug"), render, readJSON("floor-snapshot"));
setInterval(tick, 1000);
setInterval(() => mark(client.snapshot), 30000);
