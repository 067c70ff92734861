// TwitchCare's service worker (served by twitchcare/pwa.py at /sw.js, scope /).
//
// Rules, so that no one's journal is ever shown from a stale copy:
// - Only public pages are kept: the guidance pages, the offline page and person-neutral
//   shells of the two log forms, fetched WITHOUT cookies at install, so they hold nothing
//   of anyone's. Nothing a signed-in person is shown is ever written to the cache.
// - Pages are fetched from the network first; a kept copy is used only when that fails.
//   Any other page, offline, gets the offline page.
// - Static files of this release are kept and served from the cache.
// - The API and everything else go to the network untouched.
// - A kept page never says who is signed in (data-signed-in="unknown"), so outbox.js does
//   not mistake an offline copy for a signed-out page.
"use strict";

const WORKER = {{ worker|safe }};
const CACHE = "twitchcare-" + WORKER.version;

importScripts(WORKER.outbox_script);

function noStore(response) {
  return /no-store/i.test(response.headers.get("Cache-Control") || "");
}

async function keepPage(cache, answersFor, fetchFrom) {
  const response = await fetch(new Request(fetchFrom, { credentials: "omit", cache: "reload" }));
  if (!response.ok || response.redirected || noStore(response)) throw new Error("Not kept: " + fetchFrom);
  const html = (await response.text()).replace(/data-signed-in="[^"]*"/, 'data-signed-in="unknown"');
  const headers = new Headers(response.headers);
  headers.delete("Content-Length");
  await cache.put(answersFor, new Response(html, { status: 200, headers }));
}

async function keepAsset(cache, url) {
  const response = await fetch(new Request(url, { credentials: "omit", cache: "reload" }));
  if (response.ok && !noStore(response)) await cache.put(url, response);
}

// Run the tasks a few at a time, to spare the server.
async function inTurn(tasks, width = 4) {
  const queue = tasks.slice();
  const lanes = Array.from({ length: width }, async () => {
    while (queue.length) await queue.shift()();
  });
  await Promise.all(lanes);
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const required = new Set([WORKER.offline, ...Object.keys(WORKER.pages).filter((path) => WORKER.pages[path] !== path)]);
    const tasks = [];
    // The offline page, the form shells and the static files must be kept, else the
    // install fails and the previous worker stays; a guidance page that fails is skipped.
    for (const [answersFor, fetchFrom] of Object.entries(WORKER.pages)) {
      tasks.push(() => keepPage(cache, answersFor, fetchFrom).catch((error) => {
        if (required.has(answersFor)) throw error;
      }));
    }
    for (const url of WORKER.assets) tasks.push(() => keepAsset(cache, url));
    await inTurn(tasks);
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith("twitchcare-") && name !== CACHE).map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

async function page(request) {
  try {
    return await fetch(request);
  } catch (networkError) {
    const cache = await caches.open(CACHE);
    const path = new URL(request.url).pathname;
    // A day's log (any date) is answered by the daily log's shell, kept under WORKER.daily.
    const key = WORKER.pages[path] ? path : path.startsWith(WORKER.daily) ? WORKER.daily : null;
    const kept = key ? await cache.match(key) : undefined;
    return kept || (await cache.match(WORKER.offline)) || Response.error();
  }
}

async function asset(request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(request, { ignoreVary: true })) || fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(page(request));
  } else if (url.pathname.startsWith("/static/")) {
    event.respondWith(asset(request));
  }
});

// Background Sync (Chromium): send the outbox when the connection is back, even if no
// TwitchCare page is open. A failed round makes the browser try again later.
self.addEventListener("sync", (event) => {
  if (event.tag === self.TwitchOutbox.SYNC_TAG) {
    event.waitUntil(self.TwitchOutbox.sendAll().then((result) => {
      if (result.retryLater) throw new Error("The outbox could not be sent yet.");
    }));
  }
});
