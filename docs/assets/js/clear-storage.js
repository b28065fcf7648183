// "Clear everything this site stored": removes this site's keys from localStorage and
// sessionStorage. Other sites on the same origin keep theirs. Messages come from the page.
const OWN_PREFIX = "refund-guide:";

function siteScope() {
  // Material stores its keys as "<site path>.<name>" (see __md_scope in the theme).
  return typeof __md_scope !== "undefined" ? __md_scope.pathname + "." : null;
}

function isOurs(key, scope) {
  return key.startsWith(OWN_PREFIX) || (scope !== null && key.startsWith(scope));
}

function clearStore(store, scope) {
  const keys = [];
  for (let i = 0; i < store.length; i += 1) keys.push(store.key(i));
  const ours = keys.filter((key) => key !== null && isOurs(key, scope));
  ours.forEach((key) => store.removeItem(key));
  return ours.length;
}

function clearEverything() {
  const scope = siteScope();
  let removed = 0;
  for (const name of ["localStorage", "sessionStorage"]) {
    try {
      removed += clearStore(window[name], scope);
    } catch (error) {
      return "failed";
    }
  }
  return removed > 0 ? "done" : "empty";
}

function init() {
  const box = document.querySelector("[data-rg-clear]");
  if (!box || box.dataset.rgBound) return;
  box.dataset.rgBound = "1";
  const button = box.querySelector("button");
  const status = box.querySelector("[role=status]");
  box.hidden = false;
  button.addEventListener("click", () => {
    const outcome = clearEverything();
    status.textContent = status.dataset[outcome] || "";
  });
}

if (typeof document$ !== "undefined") document$.subscribe(init);
else init();
