// Redo's service worker: keeps an exercise's live view and the files it needs available in the
// browser, so that a reload in a command post without network still shows the page and the
// entries waiting to be sent (they are kept by the page itself, in localStorage).
//
// Plain same-origin script, no external code. It only ever answers:
// - a live view (/ovningar/N/live): from the network, and from its copy when the network fails;
// - the bundle, the styles and the icon (/pkg/…, /favicon.svg): from its copy at once, refreshed
//   from the network behind it.
// Everything else goes to the network untouched. Signing in or out forgets every copy.

const CACHE = "redo-live-v1";
const LIVE = /^\/ovningar\/\d+\/live$/;
const ASSET = /^\/(pkg\/|favicon\.svg$)/;
/** What every live view loads: kept when the worker starts, since the page that registered it
 * fetched them before the worker was there to keep them. */
const ASSETS = ["/pkg/redo.css", "/pkg/redo.js", "/pkg/redo.wasm", "/favicon.svg"];

self.addEventListener("install", (event) => {
  event.waitUntil(self.skipWaiting());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
      .then(keepOpenPages),
  );
});

/** Keeps the files and the live views that are open now (loaded before the worker ran). */
async function keepOpenPages() {
  const cache = await caches.open(CACHE);
  await Promise.all(
    ASSETS.map((url) =>
      fetch(url)
        .then((r) => (r.ok ? cache.put(url, r) : undefined))
        .catch(() => undefined),
    ),
  );
  const windows = await self.clients.matchAll({ type: "window" });
  await Promise.all(
    windows
      .map((w) => new URL(w.url))
      .filter((u) => u.origin === self.location.origin && LIVE.test(u.pathname))
      .map((u) =>
        fetch(u.pathname, { credentials: "same-origin" })
          .then((r) => (r.ok && !r.redirected ? cache.put(u.origin + u.pathname, r) : undefined))
          .catch(() => undefined),
      ),
  );
}

// A page asks to be kept (it was loaded before this worker controlled it).
self.addEventListener("message", (event) => {
  if (event.data && event.data.keep === "live") {
    event.waitUntil(keepOpenPages());
  }
});

function forget() {
  return caches.delete(CACHE);
}

async function liveView(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    // Only a page that was actually shown is kept: not a sign-in redirect or an error.
    if (response.ok && !response.redirected) {
      await cache.put(request.url.split("?")[0], response.clone());
    }
    return response;
  } catch (offline) {
    const copy = await cache.match(request.url.split("?")[0]);
    if (copy) {
      return copy;
    }
    return new Response(
      "<!DOCTYPE html><html lang=sv><meta charset=utf-8><title>Ingen anslutning – Redo</title>" +
        "<main><h1>Ingen anslutning</h1><p>Sidan har inte öppnats på den här enheten förut " +
        "och kan inte visas utan nätverk. Försök igen när anslutningen är tillbaka.</p></main>",
      { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } },
    );
  }
}

async function asset(request) {
  const cache = await caches.open(CACHE);
  const copy = await cache.match(request);
  const fresh = fetch(request)
    .then((response) => {
      if (response.ok) {
        cache.put(request, response.clone());
      }
      return response;
    })
    .catch(() => copy);
  return copy || fresh;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (url.pathname === "/logga-in" || url.pathname === "/api/auth/logout") {
    event.waitUntil(forget());
    return;
  }
  if (request.method !== "GET") {
    return;
  }
  if (LIVE.test(url.pathname) && request.mode === "navigate") {
    event.respondWith(liveView(request));
  } else if (ASSET.test(url.pathname)) {
    event.respondWith(asset(request));
  }
});
