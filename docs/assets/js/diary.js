// The case file's part of the store (#12), as the checklist and the letters touch it: a tick's day,
// and a one-tap "Add to the diary in my case file" after an action. The case page (case.js) repairs the whole
// part when it reads it; here only what is written is made sound. Words come from the page.
import * as store from "./store.js";
import { newId, today } from "./util.js";
const plain = (value) => (value && typeof value === "object" && !Array.isArray(value) ? value : {});

// Change the case part and count the change (the case page asks for a backup when the count is
// past the last backup's). False when it could not be saved.
export const change = (how) =>
  store.edit("case", (file) => {
    file.ticks = plain(file.ticks);
    if (!Array.isArray(file.diary)) file.diary = [];
    file.edits = (Number.isSafeInteger(file.edits) ? file.edits : 0) + 1;
    how(file);
  });

// A checklist tick remembers its day; an untick forgets it.
export const tickDay = (id, ticked) =>
  change((file) => {
    if (ticked) file.ticks[id] = today();
    else delete file.ticks[id];
  });

// A button right after `after` that adds `text`, dated today, to the diary; `key` names what it
// is for. After the list or the toolbar, not inside it: the keyboard order of the tasks stays as it
// was. Strings: diary_add, diary_added, diary_not_saved.
export function offer(after, strings, text, key) {
  const next = after.nextElementSibling;
  const box = next?.classList.contains("rg-diary-offer") ? next : after.insertAdjacentElement("afterend", document.createElement("p"));
  const button = document.createElement("button");
  const said = document.createElement("span");
  box.className = "rg-diary-offer";
  box.dataset.for = key;
  button.type = "button";
  button.className = "md-button";
  button.textContent = strings.diary_add;
  said.setAttribute("role", "status");
  button.addEventListener("click", () => {
    // Not saved (storage full or blocked): the button stays, to try again.
    const saved = change((file) => file.diary.push({ id: newId(), day: today(), text }));
    if (saved) button.remove();
    said.textContent = saved ? strings.diary_added : strings.diary_not_saved;
  });
  box.replaceChildren(button, " ", said);
}
