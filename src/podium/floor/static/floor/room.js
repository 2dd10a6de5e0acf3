// Room screen: current speaker, big countdown with warning colours, the next three.
import { FloorClient, clock, readJSON, who } from "./client.js";

const t = readJSON("floor-i18n");
const $ = (id) => document.getElementById(id);
let client;

function render(snap) {
  const seg = snap.segment;
  $("room-segment").textContent = seg ? seg.title : t.no_segment;
  $("room-round").textContent = snap.round ? t.rounds[snap.round] || snap.round : "";
  const cur = snap.current;
  $("room-flag").textContent = cur && cur.flag ? cur.flag : "";
  $("room-speaker").textContent = cur ? (cur.entity_name || cur.speaker) : t.nobody;
  $("room-person").textContent = cur && cur.speaker && cur.speaker !== cur.entity_name ? cur.speaker : "";
  $("room-behalf").textContent = cur && cur.on_behalf_of ? `${t.on_behalf_of} ${cur.on_behalf_of}` : "";
  const next = $("room-next");
  next.replaceChildren(...snap.next.map((r) => {
    const li = document.createElement("li");
    li.textContent = who(r) + (r.on_behalf_of ? ` (${t.on_behalf_of} ${r.on_behalf_of})` : "");
    return li;
  }));
  tick();
}

function tick() {
  const snap = client && client.snapshot;
  const box = $("room-timer");
  if (!snap || !snap.current) { box.textContent = ""; box.dataset.phase = "none"; return; }
  const timer = snap.current.timer;
  const phase = client.phase(timer);
  box.dataset.phase = phase;
  document.body.dataset.phase = phase;
  box.textContent = timer.started_at ? clock(client.remaining(timer)) : clock(timer.limit_s);
}

client = new FloorClient(readJSON("floor-slug"), render, readJSON("floor-snapshot"));
setInterval(tick, 250);
