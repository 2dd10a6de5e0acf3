// Public live page: the programme with a "now" marker and the current speaker.
import { Announcer, FloorClient, floorLanguage, floorState, readJSON, showTimer, venueTime, who } from "./client.js";

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
  $("l-state").textContent = floorState(t, snap);
  mark(snap);
  tick();
}

function tick() {
  showTimer(client, t, $("l-timer"), $("l-phase"), announcer);
}

client = new FloorClient(readJSON("floor-slug"), render, readJSON("floor-snapshot"), readJSON("floor-view"), t);
setInterval(tick, 1000);
setInterval(() => mark(client.snapshot), 30000);
