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

// Why this delegation may not ask for the floor now (the core's rule for its line, sent with
// the view: podium.core.commands.requests_by_line), or "".
function whyNot(snap) {
  const option = $("d-entity").selectedOptions[0];
  const line = option ? option.dataset.line : "";
  const code = (snap.requests || {})[line];
  return code ? (t.refusals && t.refusals[code]) || code : "";
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
  $("d-withdraw").hidden = !found || !$("d-withdraw-confirm").hidden;
  if (!found) $("d-withdraw-confirm").hidden = true;
  const why = found || speaking ? "" : whyNot(snap);
  // the delegation that has the floor, or is in line, or may not ask now, is offered no request
  $("d-request").disabled = Boolean(found || speaking || why);
  $("d-request").hidden = Boolean(speaking);
  $("d-why").textContent = why;
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
    $("d-status").textContent = why || t.not_in_line;
    $("d-place").textContent = "";
    delete $("d-place").dataset.place;
    $("d-wait").textContent = "";
  }
  announceTurn(snap, found, speaking);
  const option = $("d-entity").selectedOptions[0];
  $("d-poo-box").hidden = !(seg && option && option.dataset.state);
  const raised = (snap.points_of_order || []).some((p) => p.entity === $("d-entity").value.toUpperCase());
  $("d-poo").disabled = raised;
  $("d-poo-status").textContent = raised ? t.point_of_order_waiting : "";
  const replying = (snap.replies || []).some((r) => r.entity === $("d-entity").value.toUpperCase());
  $("d-reply").disabled = replying;
  $("d-reply-status").textContent = replying ? t.reply_waiting : "";
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
// Withdrawing loses the place in line: the phone asks first, and keeps the focus in the question.
$("d-withdraw").addEventListener("click", () => {
  $("d-withdraw-confirm").hidden = false;
  $("d-withdraw").hidden = true;
  $("d-withdraw-no").focus();
});
$("d-withdraw-no").addEventListener("click", () => {
  $("d-withdraw-confirm").hidden = true;
  $("d-withdraw").hidden = false;
  $("d-withdraw").focus();
});
$("d-withdraw-yes").addEventListener("click", async () => {
  const found = client.snapshot && mine(client.snapshot);
  $("d-withdraw-confirm").hidden = true;
  if (found) await act("withdraw", { request_id: found.r.request_id });
  $("d-request").disabled ? $("d-status").focus() : $("d-request").focus();
});
$("d-poo").addEventListener("click", () => act("point_of_order", { entity: $("d-entity").value }));
$("d-reply").addEventListener("click", () => act("request_reply", { entity: $("d-entity").value }));
// after a request the focus stays with what the phone now shows: the place, or the error
$("d-form").addEventListener("submit", () => setTimeout(() => {
  if (!$("d-withdraw").hidden) $("d-withdraw").focus();
}, 300));
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
