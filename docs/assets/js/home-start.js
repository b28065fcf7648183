// The home page's way in (#22): tap 1, what happened; tap 2, how you paid; then the plan. Every
// choice is a real link: without this script the first tap opens the plan for that problem. With
// it, the first tap puts the second question in the same place (no scrolling) and points each way
// of paying at /checklist/?type=<id>&method=<id>.
function start() {
  const root = document.querySelector("[data-rg-start]");
  if (!root || root.dataset.bound) return;
  root.dataset.bound = "1";
  const types = root.querySelector(".rg-start__types");
  const paid = root.querySelector("[data-rg-paid]");
  let chosen = null;
  const show = (type) => {
    chosen = type || chosen;
    types.hidden = Boolean(type);
    paid.hidden = !type;
    (type ? root.querySelector("#rg-start-ask") : chosen)?.focus({ preventScroll: true });
  };
  root.addEventListener("click", (event) => {
    if (event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const type = event.target.closest("[data-rg-type]");
    if (type) {
      event.preventDefault();
      for (const link of paid.querySelectorAll("[data-rg-method]")) {
        link.setAttribute("href", `${type.getAttribute("href")}&method=${link.dataset.rgMethod}`);
      }
      root.querySelector("[data-rg-chosen]").textContent = type.textContent;
      show(type);
    } else if (event.target.closest("[data-rg-back]")) {
      show(null);
    }
  });
}

start();
if (typeof document$ !== "undefined") document$.subscribe(start);
