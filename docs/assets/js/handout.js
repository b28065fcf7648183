// A client handout (#22): its Print button, and the day it is printed on the paper. Without this
// script the handout shows the day the guide was built, said as such, and no button. Its one job;
// it stays within 0.5 KB (tests/test_budget.py).
const start = () => {
  const button = document.querySelector("[data-rg-print]");
  const date = document.querySelector("[data-rg-print-date]");
  // Once per page: document$ may call this more than once for the same page.
  if (!button || !date || button.dataset.bound) return;
  button.dataset.bound = 1;
  // On paper, the day of printing, in the page's language: with the button, Ctrl+P or the menu.
  addEventListener("beforeprint", () => {
    const day = new Intl.DateTimeFormat(date.dataset.locale, { day: "numeric", month: "long", year: "numeric" }).format(new Date());
    date.textContent = date.dataset.rgPrintDate.replace("{date}", () => day);
  });
  button.addEventListener("click", () => print());
  button.hidden = false;
};

if (typeof document$ === "undefined") start();
else document$.subscribe(start);
