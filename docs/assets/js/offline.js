// Installable and offline (hooks/offline.py): registers the site's one service worker once the
// page has loaded and the browser is idle, asks it to keep this language's tools, and brings in a
// new version only on the reader's next click (a full page load) or the "Reload" button, never in
// the middle of a letter. Pages built by `mkdocs serve` carry no build id: they unregister any
// worker left by `make serve` on the same port.
const me = document.querySelector("script[data-rg-build]");
const sw = navigator.serviceWorker;
const html = document.documentElement;
const build = me.dataset.rgBuild;
// The site's root, from the first page's address (instant navigation changes location later).
const root = new URL(me.dataset.rgRoot, location.href);
html.dataset.rgRoot = root.href;
let registration = null;
let fullLoad = false;

function offerReload() {
  fullLoad = true;
  if (document.querySelector(".rg-update")) return;
  const line = document.createElement("p");
  line.className = "rg-update";
  line.setAttribute("role", "status");
  line.textContent = `${me.dataset.rgReady} `;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button";
  button.textContent = me.dataset.rgReload;
  button.addEventListener("click", () => go(location.href));
  line.append(button);
  (document.querySelector(".md-content") || document.body).prepend(line);
}

// The waiting version takes over, then the page loads in full: a page and its modules, one build.
function go(href) {
  const waiting = registration && registration.waiting;
  if (!waiting) return location.assign(href);
  sw.addEventListener("controllerchange", () => location.assign(href));
  waiting.postMessage({ skip: true });
  setTimeout(() => location.assign(href), 3000);
}

function watch(found) {
  registration = found;
  const installed = (worker) =>
    worker.addEventListener("statechange", () => worker.state === "installed" && sw.controller && offerReload());
  if (found.waiting && sw.controller) offerReload();
  if (found.installing) installed(found.installing);
  found.addEventListener("updatefound", () => installed(found.installing));
  sw.addEventListener("message", (event) => {
    html.dataset.rgWorkerBuild = event.data.build;
    if (event.data.ready) html.dataset.rgOffline = "ready";
  });
  sw.ready.then((ready) => ready.active.postMessage({ page: location.href }));
}

function start() {
  const idle = window.requestIdleCallback || setTimeout;
  // A browser that blocks workers may resolve with no registration at all: then there is nothing to watch.
  idle(() => sw.register(new URL("sw.js", root), { scope: root.href }).then((found) => found && watch(found), () => {}));
}

if (sw && !build) sw.getRegistrations().then((found) => found.forEach((each) => each.unregister()));
if (sw && build) {
  html.dataset.rgBuild = build;
  // Another tab let a new version in: this page's next click loads in full. (The first worker
  // taking charge of a first visit is no new version.)
  let controlled = Boolean(sw.controller);
  sw.addEventListener("controllerchange", () => {
    if (controlled && !fullLoad) offerReload();
    controlled = true;
  });
  document.addEventListener(
    "click",
    (event) => {
      const link = event.target.closest && event.target.closest("a[href]");
      if (!fullLoad || !link || link.target || event.button || event.metaKey || event.ctrlKey || event.shiftKey)
        return;
      if (new URL(link.href).origin !== location.origin || link.hasAttribute("download")) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      go(link.href);
    },
    true,
  );
  if (document.readyState === "complete") start();
  else addEventListener("load", start, { once: true });
}

// Where the browser offers to install the guide, the plain button in the install paragraph.
let prompt = null;
const showInstall = () =>
  document.querySelectorAll("[data-rg-install]").forEach((button) => {
    button.hidden = !prompt;
    if (button.dataset.bound) return;
    button.dataset.bound = "1";
    button.addEventListener("click", () => {
      if (prompt) prompt.prompt();
      prompt = null;
      showInstall();
    });
  });
addEventListener("beforeinstallprompt", (event) => {
  event.preventDefault();
  prompt = event;
  showInstall();
});
if (typeof document$ !== "undefined") document$.subscribe(showInstall);
