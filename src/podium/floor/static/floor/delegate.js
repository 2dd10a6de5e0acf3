// Delegate view (phone): request the floor for my delegation, see my place and wait, withdraw.
import { Announcer, FloorClient, readJSON, showTimer, who } from "./client.js";

const t = readJSON("floor-i18n");
const $ = (id) => document.getElementById(id);
let client;
const announcer = new Announcer($("d-announce"), t);
const groupName = (code) => (t.groups && t.groups[code]) || code;

function limitText(seconds) {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return s ? t.min_s.replace("%(minutes)s", m).replace("%(seconds)s", s) : t.min.replace("%(minutes)s", m);
}

// This delegation's own request, as the phone's view of the floor says it (`mine`).
function mine(snap) {
  const r = (snap.mine || {})[$("d-entity").value.toUpperCase()];
  return r ? { line: r.line, r } : null;
}

// This delegation's request is the suggested next one: first in the first line of the round
// that has anyone waiting (the core's rule, podium.core.order.suggest).
function isNext(snap, found) {
  if (!found) return false;
  const head = (snap.round_lines || []).find((line) => ((snap.waiting || {})[line] || 0) > 0);
  return head === found.line && Number(found.r.place) === 1;
}

// "You are next" (polite) and "You have the floor" (assertive), each said once when it becomes
// true: a live region is written only when its words change.
function say(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function announceTurn(snap, found, speaking) {
  const option = $("d-entity").selectedOptions[0];
  const name = option ? option.textContent.trim() : "";
  say($("d-floor"), speaking ? t.you_have_floor.replace("%(delegation)s", name) : "");
  say($("d-next"), !speaking && isNext(snap, found) ? t.you_are_next.replace("%(delegation)s", name) : "");
}

function render(snap) {
  const seg = snap.segment;
  $("d-segment").textContent = seg
    ? `${seg.title}${snap.round ? " · " + (t.rounds[snap.round] || snap.round) : ""}`
    : t.no_segment;
  $("d-limit").hidden = !seg;
  $("d-limit").textContent = seg ? t.floor_limit.replace("%(limit)s", limitText(seg.floor_limit_s)) : "";
  const found = mine(snap);
  const cur = snap.current;
  const speaking = cur && cur.entity && cur.entity.toUpperCase() === $("d-entity").value.toUpperCase();
  $("d-withdraw").hidden = !found;
  $("d-request").disabled = Boolean(found);
  if (speaking) {
    $("d-status").textContent = t.speaking;
    $("d-place").textContent = "";
    $("d-wait").textContent = "";
  } else if (found) {
    $("d-status").textContent = `${t.in_line}: ${t.lines[found.line] || found.line}`;
    $("d-place").textContent = `${t.place} ${found.r.place}`;
    $("d-place").dataset.place = found.r.place;
    $("d-wait").textContent = found.r.wait_min != null ? `${t.wait}: ${t.min.replace("%(minutes)s", found.r.wait_min)}` : "";
  } else {
    $("d-status").textContent = seg && !seg.requests_open ? t.discussion_closed : t.not_in_line;
    $("d-place").textContent = "";
    delete $("d-place").dataset.place;
    $("d-wait").textContent = "";
  }
  announceTurn(snap, found, speaking);
  $("d-current").textContent = cur ? `${who(cur)}${cur.on_behalf_of ? ` (${t.on_behalf_of} ${groupName(cur.on_behalf_of)})` : ""}` : t.nobody;
  tick();
}

function tick() {
  showTimer(client, t, $("d-timer"), $("d-phase"), announcer);
}

async function act(command, fields) {
  $("d-error").textContent = "";
  const res = await client.send(command, fields);
  if (!res.ok) $("d-error").textContent = res.error;
}

$("d-form").addEventListener("submit", (e) => {
  e.preventDefault();
  act("request", { entity: $("d-entity").value, on_behalf_of: $("d-behalf").value });
});
$("d-withdraw").addEventListener("click", () => {
  const found = client.snapshot && mine(client.snapshot);
  if (found) act("withdraw", { request_id: found.r.request_id });
});
// Only the groups the chosen delegation is a member of (the server refuses the others).
function offerGroups() {
  const code = $("d-entity").value;
  const select = $("d-behalf");
  for (const o of select.options) {
    if (!o.value) continue;
    o.hidden = o.disabled = !(o.dataset.delegations || "").split(" ").includes(code);
  }
  if (select.selectedOptions[0] && select.selectedOptions[0].disabled) select.value = "";
}
$("d-entity").addEventListener("change", () => { offerGroups(); if (client.snapshot) render(client.snapshot); });
offerGroups();

client = new FloorClient(readJSON("floor-slug"), render, readJSON("floor-snapshot"), readJSON("floor-view"), t);
setInterval(tick, 500);
