// A glossary word's meaning (the title of its <abbr>), shown under the word when the reader points
// at it, taps it or reaches it with Tab (hooks/glossary.py makes each explained word a tab stop),
// in one tooltip made on first use. Nothing runs at load but listeners (the cost of Material's
// content.tooltips, which mounted a tooltip per titled element on every page). Pointing or Tab
// elsewhere, or Escape, hides it; the title is back on the word as soon as it is hidden.
let tip = null;
let word = null;

function hide() {
  if (!word) return;
  word.title = tip.textContent;
  word.removeAttribute("aria-describedby");
  tip.hidden = true;
  word = null;
}

function show(target) {
  hide();
  if (!tip) {
    tip = document.createElement("div");
    tip.id = "rg-tip";
    tip.className = "rg-tip";
    tip.setAttribute("role", "tooltip");
    document.body.append(tip);
  }
  word = target;
  tip.textContent = word.title;
  word.removeAttribute("title");
  word.setAttribute("aria-describedby", tip.id);
  tip.hidden = false;
  const box = word.getBoundingClientRect();
  const room = document.documentElement.clientWidth - tip.offsetWidth - 8;
  tip.style.left = `${scrollX + Math.max(8, Math.min(box.left, room))}px`;
  tip.style.top = `${scrollY + box.bottom + 4}px`;
}

// Pointing at a word, or Tab reaching it, shows its meaning; pointing or Tab elsewhere hides it.
function follow(event) {
  const target = event.target.closest?.("abbr[title]");
  if (target) show(target);
  else if (word && !word.contains(event.target) && !tip.contains(event.target)) hide();
}

document.addEventListener("pointerover", follow);
document.addEventListener("focusin", follow);
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") hide();
});
