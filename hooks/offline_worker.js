// The guide's service worker (hooks/offline.py writes it to the site root as sw.js, after a line
// `const BUILDS = {"": {build, precache}, "es/": {...}}`, one entry per language built).
// It keeps one cache per language, named with that language's build id, so a page and every
// module it loads come from one build. It never reads or writes what the reader saved
// (localStorage): only this site's own files. Every address is relative to this file.
const ROOT = new URL("./", self.location.href);
const PREFIX = `refund-guide:${ROOT.pathname}:`;
const TIMEOUT_MS = 3000; // how long a page waits for the network before the kept copy

// "es/" for a Spanish address, "" for English (the longest language prefix that fits).
function languageOf(url) {
  const path = url.href.slice(ROOT.href.length);
  return Object.keys(BUILDS)
    .filter((prefix) => prefix && path.startsWith(prefix))
    .concat("")[0];
}

const cacheName = (language) => `${PREFIX}${language || "en/"}:${BUILDS[language].build}`;
const ours = (url) => url.origin === ROOT.origin && url.href.startsWith(ROOT.href);

// What the server sent, marked with the build it belongs to (x-rg-build), ready to keep.
async function marked(response, build) {
  const headers = new Headers(response.headers);
  headers.set("x-rg-build", build);
  const body = await response.blob();
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

// Keep a language's tools (skipping what is already kept); true when all are in.
async function precache(language) {
  const entry = BUILDS[language];
  if (!entry) return false;
  const cache = await caches.open(cacheName(language));
  const results = await Promise.all(
    entry.precache.map(async (path) => {
      const url = new URL(language + path, ROOT);
      if (await cache.match(url)) return true;
      try {
        const response = await fetch(url, { cache: "no-cache" });
        if (!response.ok) return false;
        await cache.put(url, await marked(response, entry.build));
        return true;
      } catch (error) {
        return false;
      }
    }),
  );
  return results.every(Boolean);
}

// A new version fills the caches of the languages the reader already used before it waits.
self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.keys().then((names) => {
      const used = Object.keys(BUILDS).filter((language) =>
        names.some((name) => name.startsWith(`${PREFIX}${language || "en/"}:`)),
      );
      return Promise.all(used.map(precache));
    }),
  );
});

// Old builds' caches go once this version is in charge; other sites on the origin keep theirs.
self.addEventListener("activate", (event) => {
  const current = Object.keys(BUILDS).map(cacheName);
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names.filter((name) => name.startsWith(PREFIX) && !current.includes(name)).map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  const reply = (message) => event.source && event.source.postMessage(message);
  if (data.skip) self.skipWaiting();
  if (data.page) {
    const language = languageOf(new URL(data.page));
    const build = BUILDS[language] ? BUILDS[language].build : "";
    event.waitUntil(precache(language).then((complete) => reply({ build, ready: complete })));
  }
});

// The server has a build this worker does not know: fetch everything fresh until the new worker is in.
let newer = false;

function buildOf(html) {
  const match = /data-rg-build="([^"]*)"/.exec(html);
  return match ? match[1] : "";
}

const timeout = (ms) => new Promise((resolve) => setTimeout(resolve, ms, null));

async function page(request, language) {
  const entry = BUILDS[language];
  const cache = await caches.open(cacheName(language));
  // Asked of the server (no-cache: the browser's HTTP cache may hold a page of an older build);
  // a redirect (/steps to /steps/) goes back to the browser as it is.
  const navigate = request.mode === "navigate";
  const asked = fetch(request.url, { cache: "no-cache", redirect: navigate ? "manual" : "follow" });
  const fromNetwork = asked
    .then(async (response) => {
      if (response.type === "opaqueredirect" || response.redirected) return response;
      const html = await response.clone().text();
      const build = buildOf(html);
      if (build && build !== entry.build) {
        newer = true;
        self.registration.update().catch(() => {});
        // Instant navigation would put the new page among this build's modules: refused, Material
        // loads the page in full instead.
        return navigate ? response : Response.error();
      }
      const kept = await marked(response, entry.build);
      if (response.ok && build) await cache.put(request.url.split("?")[0].split("#")[0], kept.clone());
      return kept;
    })
    .catch(() => null);
  const kept = () => cache.match(request, { ignoreSearch: true });
  const first = await Promise.race([fromNetwork, timeout(TIMEOUT_MS).then(async () => (await kept()) || fromNetwork)]);
  const response = first || (await fromNetwork) || (await kept());
  if (response) return response;
  // The offline page in the page's language, else in any language the reader has kept.
  const offline = Object.keys(BUILDS).sort((a, b) => (b === language) - (a === language));
  for (const each of offline) {
    const found = await caches.match(new URL(`${each}offline/`, ROOT));
    if (found) return found;
  }
  return Response.error();
}

async function file(request, language) {
  const entry = BUILDS[language];
  const cache = await caches.open(cacheName(language));
  const kept = newer ? null : await cache.match(request);
  if (kept) return kept;
  try {
    const response = await fetch(request);
    if (!response.ok || newer || response.type !== "basic") return response;
    const keep = await marked(response, entry.build);
    await cache.put(request, keep.clone());
    return keep;
  } catch (error) {
    return (await cache.match(request)) || Response.error();
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || !ours(url)) return;
  const language = languageOf(url);
  if (!BUILDS[language]) return;
  // Pages (a click, or Material's instant navigation fetching the next page) come from the network first.
  const isPage = request.mode === "navigate" || url.pathname.endsWith("/") || url.pathname.endsWith(".html");
  if (isPage) event.respondWith(page(request, language));
  else event.respondWith(file(request, language));
});
