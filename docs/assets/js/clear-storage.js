// "Clear everything this site stored": removes this site's keys from localStorage and
// sessionStorage. Other sites on the same origin keep theirs. Messages come from the page.
const OWN_PREFIX = "refund-guide:";

// Material stores its keys as "<site path>.<name>" (see __md_scope in the theme). Its scope is the
// site root in every language (hooks/storage_scope.py); the languages' own scopes from before
// ("/es/.") go too, in case the early script in <head> could not move them in.
function siteScopes() {
  const scopes = typeof __md_scope !== "undefined" ? [__md_scope.pathname] : [];
  if (typeof __rg_site !== "undefined") scopes.push(...__rg_site.old);
  return scopes.map((scope) => `${scope}.`);
}

function clearStore(store, scopes) {
  const keys = [];
  for (let i = 0; i < store.length; i += 1) keys.push(store.key(i));
  const ours = keys.filter((key) => key !== null && (key.startsWith(OWN_PREFIX) || scopes.some((scope) => key.startsWith(scope))));
  ours.forEach((key) => store.removeItem(key));
  return ours.length;
}

function clearEverything() {
  const scopes = siteScopes();
  let removed = 0;
  for (const name of ["localStorage", "sessionStorage"]) {
    try {
      removed += clearStore(window[name], scopes);
    } catch (error) {
      return "failed";
    }
  }
  return removed > 0 ? "done" : "empty";
}

// The offline copy too (hooks/offline.py): this site's caches and its service worker, never
// those of another site on the same origin (they sit under another root path).
async function clearOffline() {
  const root = document.documentElement.dataset.rgRoot;
  let removed = 0;
  if (!root) return removed;
  try {
    const prefix = `refund-guide:${new URL(root).pathname}:`;
    for (const name of await caches.keys()) {
      if (name.startsWith(prefix) && (await caches.delete(name))) removed += 1;
    }
    for (const registration of await navigator.serviceWorker.getRegistrations()) {
      if (registration.scope === root && (await registration.unregister())) removed += 1;
    }
  } catch (error) {
    // no caches or service workers in this browser
  }
  return removed;
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
    clearOffline().then((removed) => {
      if (removed > 0 && outcome === "empty") status.textContent = status.dataset.done || "";
    });
  });
}

if (typeof document$ !== "undefined") document$.subscribe(init);
else init();
