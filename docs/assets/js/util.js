// Small helpers shared by the page scripts (checklist, letters, deadlines, case file).

// "{done} of {total}" + { done: 2, total: 5 } -> "2 of 5". Unknown names stay as they are.
export const fill = (template, values) =>
  template.replace(/\{(\w+)\}/g, (match, name) => (name in values ? String(values[name]) : match));

// Offer a file for download without any server.
export function offerFile(blob, name) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

// The reader's calendar day ("2026-03-04"), from the local clock.
export const today = (now = new Date()) => new Date(now - now.getTimezoneOffset() * 6e4).toISOString().slice(0, 10);

// A short id for a diary entry, unique enough within one reader's case file.
export const newId = () => `e${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const longDate = (locale) =>
  new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric" }).format(new Date());

// Every printout says the day it was printed, beside the notice and address in the print footer.
let printTemplate = null;
export function datePrintouts(template, locale) {
  if (printTemplate === null) {
    addEventListener("beforeprint", () => {
      const footer = document.querySelector("[data-rg-printed]");
      if (!footer) return;
      const line = footer.querySelector(".rg-print-date") || footer.appendChild(document.createElement("p"));
      line.className = "rg-print-date";
      line.textContent = fill(printTemplate.text, { date: longDate(printTemplate.locale) });
    });
  }
  printTemplate = { text: template, locale };
}

export { longDate };

// Start a page's script on its config holder: once per page, now and on every page that instant
// navigation brings in. If it fails, the page keeps what it shows without the script.
export function boot(selector, start) {
  const init = () => {
    const root = document.querySelector(".md-content") || document.body;
    const holder = root.querySelector(selector);
    if (!holder || holder.dataset.bound) return;
    holder.dataset.bound = "1";
    try {
      start(root, JSON.parse(holder.dataset.config));
    } catch (error) {
      // the page keeps its no-script content
    }
  };
  init();
  if (typeof document$ !== "undefined") document$.subscribe(init);
}

// No control moves under the reader's finger (#22): run `change` (which may redraw what is above),
// then scroll by as much as the control in use moved, so it stays where it was on screen.
export function steady(change) {
  const control = document.activeElement;
  const top = () => control?.getBoundingClientRect().top || 0;
  const before = top();
  change();
  if (control && control !== document.body) scrollBy(0, top() - before);
}

// A copy confirmation beside the button pressed, in view on a phone (#22). The polite status
// region already exists on the page (a region made at that moment is often not announced); it
// moves next to the button, then takes the words a moment later so they are read out.
export function sayBeside(button, region, text) {
  if (button.nextElementSibling !== region) {
    region.textContent = "";
    button.after(region);
  }
  setTimeout(() => {
    region.textContent = text;
    region.scrollIntoView({ block: "nearest" });
  }, 60);
}
