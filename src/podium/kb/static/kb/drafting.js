// The summary editor's "Drafting help": a theme's "Insert" button puts the theme's sentence
// into the draft at the cursor (replacing a selection), a space apart from the words around
// it, then gives the focus back to the draft with the cursor after the sentence. The edit goes
// through the browser's own editing (so Ctrl+Z undoes it) where it can.
// A draft the writer has not been in yet gets the sentence at its end.
// <button data-insert-theme="ID of the sentence's element" data-into="ID of the textarea">

const visited = new WeakSet();
document.addEventListener("focusin", (event) => {
  if (event.target instanceof HTMLTextAreaElement) visited.add(event.target);
});

function insert(area, text) {
  const known = visited.has(area);
  const start = known ? area.selectionStart : area.value.length;
  const end = known ? area.selectionEnd : start;
  const before = area.value.slice(0, start);
  const after = area.value.slice(end);
  const piece =
    (before && !/\s$/.test(before) ? " " : "") + text + (after && !/^\s/.test(after) ? " " : "");
  area.focus();
  area.setSelectionRange(start, end);
  let done = false;
  try {
    done = document.execCommand("insertText", false, piece);
  } catch {
    done = false;
  }
  if (!done || area.value !== before + piece + after) {
    area.value = before + piece + after;
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }
  const caret = start + piece.length;
  area.setSelectionRange(caret, caret);
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-insert-theme]");
  if (!button) return;
  const source = document.getElementById(button.dataset.insertTheme);
  const area = document.getElementById(button.dataset.into);
  if (!source || !(area instanceof HTMLTextAreaElement)) return;
  insert(area, source.textContent.trim());
  const status = button.closest("details")?.querySelector("[data-insert-status]");
  if (status) status.textContent = status.dataset.inserted;
});
