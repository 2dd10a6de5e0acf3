// The desk: the form is checked as you type (podium check's problems, each next to its field,
// and the time budget), without saving. Shape changes (add/remove) and saving are plain posts.
const form = document.getElementById("desk-form");
const status = document.getElementById("desk-status");
let timer = null;
let seq = 0;

// "1 ошибка", "3 ошибки", "5 ошибок": the page gives each counted message's form per plural
// category of its language (`desk.plurals`); the browser's CLDR rules pick the category.
const plurals = JSON.parse(status.dataset.plurals || "{}");
const rules = new Intl.PluralRules(document.documentElement.lang || undefined);
function counted(kind, n) {
  const forms = plurals[kind] || {};
  const form = forms[rules.select(n)] || forms.other || Object.values(forms)[0] || "%(n)s";
  return form.replace("%(n)s", n);
}

function item(p) {
  const li = document.createElement("li");
  li.className = p.severity;
  li.textContent = (p.severity === "warning" ? form.dataset.warning || "Warning: " : "") + p.message;
  return li;
}

async function check() {
  const mine = ++seq;
  const body = new FormData(form);
  body.delete("action");
  let answer;
  try {
    const r = await fetch(form.dataset.check, { method: "POST", body, credentials: "same-origin" });
    if (!r.ok) return;
    answer = await r.json();
  } catch (_e) {
    return; // offline: the last check stays; saving tells the truth
  }
  if (mine !== seq) return; // a newer check is on its way
  const byField = new Map();
  const general = [];
  for (const p of answer.problems) {
    const list = p.field && document.getElementById("p-" + p.field);
    if (list) {
      if (!byField.has(list)) byField.set(list, []);
      byField.get(list).push(p);
    } else general.push(p);
  }
  for (const list of form.querySelectorAll(".field-problems")) {
    const mineProblems = byField.get(list) || [];
    list.replaceChildren(...mineProblems.map(item));
    const input = document.getElementById("f-" + list.id.slice(2));
    if (input) {
      if (mineProblems.some((p) => p.severity === "error")) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }
  }
  document.getElementById("problems-general").replaceChildren(...general.map(item));
  const warnings = answer.problems.length - answer.errors;
  status.textContent = `${counted("errors", answer.errors)}, ${counted("warnings", warnings)}`;
  document.getElementById("budget").innerHTML = answer.budget_html; // rendered (escaped) by the server
}

form.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(check, 300);
});
