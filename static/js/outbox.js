// The offline outbox (SPEC, "Offline"): a twitch logged with no connection is kept in this
// browser's IndexedDB with a UUID made here, shown as "waiting to send", and sent to the
// API with that UUID as client_id when the connection is back (on load, on "online", and
// through Background Sync in the service worker). The API stores one entry per client_id,
// so sending twice (a reload mid-send, two tabs, the service worker) never doubles it.
//
// - 2xx: sent, removed. 400: kept with the API's message, to send again or discard;
//   never dropped silently. 401/403 (signed out, token gone): kept, tried again later.
// - Emptied on log-out and on any page where nobody is signed in (body data-signed-in,
//   set by base.html), so the next person on a shared phone never sends it.
//
// The first half runs in pages and in the service worker (importScripts in /sw.js); the
// second half, from "Pages only", drives the page.
(function (scope) {
  "use strict";

  var DB_NAME = "twitchcare";
  var STORE = "outbox";
  var META = "meta";
  var SYNC_TAG = "twitchcare-outbox";
  var SEND_TIMEOUT_MS = 15000;
  var RETRY_MS = 20000;

  function request(req) {
    return new Promise(function (resolve, reject) {
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }

  var dbPromise = null;
  function db() {
    if (!dbPromise) {
      var open = scope.indexedDB.open(DB_NAME, 1);
      open.onupgradeneeded = function () {
        open.result.createObjectStore(STORE, { keyPath: "client_id" });
        open.result.createObjectStore(META);
      };
      dbPromise = request(open);
    }
    return dbPromise;
  }

  function withStore(name, mode, work) {
    return db().then(function (database) {
      return new Promise(function (resolve, reject) {
        var tx = database.transaction(name, mode);
        var result;
        Promise.resolve(work(tx.objectStore(name))).then(function (value) { result = value; });
        tx.oncomplete = function () { resolve(result); };
        tx.onerror = function () { reject(tx.error); };
        tx.onabort = function () { reject(tx.error); };
      });
    });
  }

  function all() {
    return withStore(STORE, "readonly", function (store) { return request(store.getAll()); })
      .then(function (entries) {
        return entries.sort(function (a, b) { return a.created_at < b.created_at ? -1 : 1; });
      });
  }
  function put(entry) {
    return withStore(STORE, "readwrite", function (store) { store.put(entry); });
  }
  function remove(clientId) {
    return withStore(STORE, "readwrite", function (store) { store.delete(clientId); });
  }
  function clear() {
    return withStore(STORE, "readwrite", function (store) { store.clear(); }).then(function () {
      return withStore(META, "readwrite", function (store) { store.clear(); });
    });
  }
  function saveToken(token) {
    return withStore(META, "readwrite", function (store) { store.put(token, "csrftoken"); });
  }
  function storedToken() {
    return withStore(META, "readonly", function (store) { return request(store.get("csrftoken")); });
  }

  // The API's 400 body as one readable sentence per field.
  function describe(body) {
    if (!body || typeof body !== "object") return "The entry was not accepted.";
    var lines = [];
    Object.keys(body).forEach(function (field) {
      var messages = [].concat(body[field]).join(" ");
      lines.push(field === "non_field_errors" || field === "detail" ? messages : field.replace(/_/g, " ") + ": " + messages);
    });
    return lines.join(" ") || "The entry was not accepted.";
  }

  // Keep a 400's message on the entry, unless the entry has meanwhile left the outbox (sent
  // by another sender, discarded, replaced by a correction): never bring it back. (A
  // different ``revision`` also leaves it alone; entries are made at revision 0.)
  function markRejected(entry, message) {
    return withStore(STORE, "readwrite", function (store) {
      return request(store.get(entry.client_id)).then(function (current) {
        if (!current || (current.revision || 0) !== (entry.revision || 0)) return;
        current.status = "rejected";
        current.message = message;
        store.put(current);
      });
    });
  }

  // Send one entry. Resolves to "sent", "rejected", "later" (no connection, server
  // trouble) or "signed-out"; the entry in the store is updated to match.
  // The rule: an entry leaves the outbox only once the API has answered 2xx with that
  // entry's client_id (201 stored now, 200 stored before). Any other outcome (no answer,
  // a timeout, a 5xx, a redirect to some other page, an answer about something else)
  // keeps it, and sending it again is harmless: the API stores one entry per client_id.
  function sendOne(entry, token) {
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, SEND_TIMEOUT_MS) : null;
    var body = Object.assign({}, entry.payload, { client_id: entry.client_id });
    return fetch(entry.url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": token || "" },
      body: JSON.stringify(body),
      signal: controller ? controller.signal : undefined,
    }).then(function (response) {
      if (response.ok && !response.redirected) {
        return response.json().catch(function () { return null; }).then(function (stored) {
          if (!stored || stored.client_id !== entry.client_id) return "later";
          return remove(entry.client_id).then(function () { entry.stored = stored; return "sent"; });
        });
      }
      if (response.status === 400) {
        return response.json().catch(function () { return null; }).then(function (errors) {
          entry.status = "rejected";
          entry.message = describe(errors);
          entry.errors = errors && typeof errors === "object" ? errors : null;
          return markRejected(entry, entry.message).then(function () { return "rejected"; });
        });
      }
      return response.status === 401 || response.status === 403 ? "signed-out" : "later";
    }).then(function (outcome) {
      if (timer) clearTimeout(timer);
      return outcome;
    }, function () {
      if (timer) clearTimeout(timer);
      return "later";
    });
  }

  var sending = null;
  // Send every entry waiting (not the rejected ones: they wait for the person). One round
  // at a time per page or worker; across them the API's client_id keeps it to one copy.
  function sendAll(options) {
    options = options || {};
    if (sending) return sending;
    sending = Promise.all([all(), options.token ? Promise.resolve(options.token) : storedToken()])
      .then(function (loaded) {
        var entries = loaded[0].filter(function (entry) {
          return entry.status !== "rejected" || entry.client_id === options.retry;
        });
        var result = { sent: [], rejected: 0, retryLater: false };
        var chain = Promise.resolve("start");
        entries.forEach(function (entry) {
          chain = chain.then(function (previous) {
            if (previous === "later" || previous === "signed-out") return previous;
            return sendOne(entry, loaded[1]).then(function (outcome) {
              if (outcome === "sent") result.sent.push(entry);
              if (outcome === "rejected") result.rejected += 1;
              if (outcome === "later" || outcome === "signed-out") result.retryLater = true;
              return outcome;
            });
          });
        });
        return chain.then(function () { return result; });
      })
      .finally(function () { sending = null; });
    return sending;
  }

  scope.TwitchOutbox = {
    SYNC_TAG: SYNC_TAG, all: all, put: put, remove: remove, clear: clear,
    saveToken: saveToken, sendAll: sendAll, sendOne: sendOne,
  };

  // Pages only ----------------------------------------------------------------------------
  if (typeof document === "undefined" || !scope.indexedDB) return;

  var body = document.body;
  var signedIn = body.getAttribute("data-signed-in"); // "true", "false", or "unknown" offline
  var script = document.currentScript;

  // Paths of the pages whose form logs a new twitch (the edit form must not be caught).
  var LOG_PAGES = ["/journal/quick/", "/journal/new/", "/journal/offline/quick/", "/journal/offline/new/"];
  var LOCATION_LABELS = {};

  function logForm() {
    var form = document.getElementById("quick-log-form");
    if (!form && LOG_PAGES.indexOf(location.pathname) !== -1) form = document.querySelector("form.episode-form");
    return form && form.elements.namedItem("locations") ? form : null;
  }

  function newId() {
    if (scope.crypto && crypto.randomUUID) return crypto.randomUUID();
    // Older browsers: RFC 4122 version 4 from getRandomValues.
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function values(form, name) {
    var field = form.elements.namedItem(name);
    if (!field) return [];
    var items = field.length !== undefined && !field.options ? Array.prototype.slice.call(field) : [field];
    var out = [];
    items.forEach(function (item) {
      if (item.type === "checkbox" || item.type === "radio") { if (item.checked) out.push(item.value); }
      else if (item.options && item.multiple) {
        Array.prototype.forEach.call(item.selectedOptions, function (option) { out.push(option.value); });
      } else if (item.value !== "") out.push(item.value);
    });
    return out;
  }
  function one(form, name) { return values(form, name)[0] || null; }
  function number(form, name) {
    var value = one(form, name);
    return value === null || isNaN(Number(value)) ? value : Number(value);
  }

  // The form's answers in the API's shape. The quick form has no start time: the twitch
  // started its duration ago, as the page itself reckons (journal/forms.py).
  function payloadOf(form) {
    var payload = {
      locations: values(form, "locations"),
      side: one(form, "side") || "",
      intensity: number(form, "intensity"),
      duration_seconds: number(form, "duration_seconds"),
    };
    var started = one(form, "started_at");
    if (started) payload.started_at = started; // local wall-clock time: the API reads it in the person's zone
    else payload.started_at = new Date(Date.now() - 1000 * (Number(payload.duration_seconds) || 0)).toISOString();
    if (form.elements.namedItem("triggers")) payload.triggers = values(form, "triggers");
    if (form.elements.namedItem("symptoms")) payload.symptoms = values(form, "symptoms");
    if (form.elements.namedItem("notes")) payload.notes = one(form, "notes") || "";
    return payload;
  }

  function labelFor(form, value) {
    var input = form.querySelector('input[name="locations"][value="' + value + '"]');
    var label = input && input.id ? form.querySelector('label[for="' + input.id + '"]') : null;
    return label ? label.textContent.trim() : value.replace(/_/g, " ");
  }

  function token() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : null;
  }

  function requestSync() {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.sync) return registration.sync.register(SYNC_TAG);
    }).catch(function () { /* no Background Sync: on load and "online" still send */ });
  }

  function when(iso) {
    var date = new Date(iso);
    var lang = document.documentElement.lang || undefined; // en-GB: "Mon 22:05"
    return isNaN(date) ? "" : date.toLocaleString(lang, { weekday: "short", hour: "2-digit", minute: "2-digit" });
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) node.textContent = text;
    return node;
  }

  // The "waiting to send" list, in every [data-outbox-list] container on the page.
  function render() {
    var containers = document.querySelectorAll("[data-outbox-list]");
    if (!containers.length) return Promise.resolve();
    return all().then(function (entries) {
      Array.prototype.forEach.call(containers, function (container, index) {
        container.textContent = "";
        container.hidden = entries.length === 0;
        if (!entries.length) return;
        var headingId = "outbox-heading" + (index ? "-" + index : "");
        container.setAttribute("aria-labelledby", headingId);
        container.appendChild(element("h2", { id: headingId, class: "h5" }, "Waiting to send (" + entries.length + ")"));
        container.appendChild(element("p", { class: "small text-body-secondary" },
          "Saved on this phone. They are sent as soon as there is a connection."));
        var list = element("ul", { class: "list-unstyled outbox__list" });
        entries.forEach(function (entry) {
          var item = element("li", { class: "outbox__item" + (entry.status === "rejected" ? " outbox__item--rejected" : "") });
          item.appendChild(element("p", { class: "outbox__label" }, entry.label));
          var state = element("p", { class: "outbox__state" });
          state.appendChild(element("span", { class: entry.status === "rejected" ? "outbox__badge outbox__badge--rejected" : "outbox__badge" },
            entry.status === "rejected" ? "Not sent" : "Waiting to send"));
          if (entry.created_at) state.appendChild(element("span", { class: "outbox__when" }, "saved " + when(entry.created_at)));
          item.appendChild(state);
          if (entry.status === "rejected") {
            item.appendChild(element("p", { class: "outbox__message", role: "alert" }, "Not accepted: " + entry.message));
            var actions = element("div", { class: "outbox__actions" });
            var change = element("a", { class: "btn btn-primary", href: fixAddress(entry) }, "Correct it");
            actions.appendChild(change);
            var retry = element("button", { type: "button", class: "btn btn-outline-primary", "data-outbox-retry": entry.client_id }, "Send again");
            var discard = element("button", { type: "button", class: "btn btn-outline-danger", "data-outbox-discard": entry.client_id }, "Discard");
            actions.appendChild(retry); actions.appendChild(discard);
            item.appendChild(actions);
          }
          list.appendChild(item);
        });
        container.appendChild(list);
      });
    });
  }

  function flush(options) {
    if (signedIn === "false") return Promise.resolve();
    return sendAll(Object.assign({ token: token() }, options || {})).then(render, render);
  }

  document.addEventListener("click", function (event) {
    var retry = event.target.closest("[data-outbox-retry]");
    var discard = event.target.closest("[data-outbox-discard]");
    if (retry) flush({ retry: retry.getAttribute("data-outbox-retry") });
    if (discard && window.confirm("Discard this entry? It has not been saved to your journal.")) {
      remove(discard.getAttribute("data-outbox-discard")).then(render);
    }
  });

  // The form page: a status line and the list above the form.
  function formStatus(form) {
    var status = document.getElementById("outbox-form-status");
    if (!status) {
      status = element("div", { id: "outbox-form-status", class: "outbox-status", role: "status" });
      form.parentNode.insertBefore(status, form);
      var list = element("section", { class: "outbox mb-4 p-3 border rounded", "data-outbox-list": "" });
      list.hidden = true;
      form.parentNode.insertBefore(list, form);
    }
    return status;
  }

  // Offline when the browser says so, or when this page is the service worker's kept
  // copy (some browsers still report onLine for a page the worker answered).
  var offline = !navigator.onLine || signedIn === "unknown";
  window.addEventListener("online", function () { offline = false; });
  window.addEventListener("offline", function () { offline = true; });

  function showOffline(form) {
    var status = formStatus(form);
    status.className = "outbox-status alert alert-info";
    status.hidden = !offline;
    status.textContent = form.hasAttribute("data-outbox-daily-log")
      ? "You're offline. Save today's log here: it stays on this phone and is sent when you're back online."
      : "You're offline. Save your twitch here: it stays on this phone and is sent when you're back online.";
  }

  function showSaved(form, unreachable) {
    var status = formStatus(form);
    status.className = "outbox-status alert alert-success";
    status.hidden = false;
    status.textContent = unreachable
      ? "TwitchCare could not be reached, so your " + (form.hasAttribute("data-outbox-daily-log") ? "log" : "twitch") + " is saved on this phone. It will be sent as soon as the connection works."
      : "Saved on this phone. It will be sent when you're back online.";
    status.setAttribute("tabindex", "-1");
    status.focus();
  }

  function submitNatively(form) {
    HTMLFormElement.prototype.submit.call(form);
  }

  // The form's hidden client_id (journal/forms.py): the UUID of the twitch being saved.
  function labelForm(form, clientId) {
    var field = form.elements.namedItem("client_id");
    if (field) field.value = clientId;
  }

  function watchForm(form) {
    formStatus(form);
    showOffline(form);
    var startedAt = form.elements.namedItem("started_at");
    if (startedAt && !startedAt.value && startedAt.type === "datetime-local") {
      var now = new Date();
      now.setMinutes(now.getMinutes() - now.getTimezoneOffset());
      startedAt.value = now.toISOString().slice(0, 16);
    }
    var busy = false;
    var daily = form.hasAttribute("data-outbox-daily-log");
    form.addEventListener("submit", function (event) {
      // Online, the form is posted by fetch, labelled with a new UUID: an answer sends the
      // page on (or shows the page's own errors); no answer at all puts the twitch in the
      // outbox under that same UUID. Offline, it goes straight to the outbox.
      if (daily && !offline) return; // today's log online: posted as it always was
      event.preventDefault();
      if (busy) return;
      busy = true;
      // Read the answers once the page's own submit handlers have run (quicklog.js stops
      // a running timer and fills in the duration).
      setTimeout(function () {
        var done = offline ? keep(form, null, false) : post(form);
        done.then(function () { busy = false; }, function () { busy = false; });
      }, 0);
    });
    window.addEventListener("online", function () { showOffline(form); });
    window.addEventListener("offline", function () { showOffline(form); });
  }

  // Post the form as the page would, but by fetch, so that a post that gets no answer
  // (the phone says it is online, the network says otherwise) is not lost.
  function post(form) {
    var clientId = newId();
    labelForm(form, clientId);
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, SEND_TIMEOUT_MS) : null;
    var button = form.querySelector('[type="submit"]');
    if (button) button.disabled = true;
    function enable() { if (button) button.disabled = false; if (timer) clearTimeout(timer); }
    return fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Accept": "application/json" },
      body: new FormData(form),
      signal: controller ? controller.signal : undefined,
    }).then(function (response) {
      enable();
      var json = /application\/json/.test(response.headers.get("Content-Type") || "");
      if (response.ok && !response.redirected && json) {
        var replaces = form.getAttribute("data-outbox-replaces");
        return response.json().then(function (answer) {
          return (replaces ? remove(replaces) : Promise.resolve()).then(function () { location.assign(answer.location); });
        });
      }
      if (response.status >= 500) return keep(form, clientId, true);
      // The form's own errors, the log-in page, a refused token: post it the ordinary way
      // and let the page answer as it does without script. Nothing was stored (or it was,
      // under this client_id, and is found again).
      submitNatively(form);
    }, function () {
      enable();
      return keep(form, clientId, true);
    });
  }

  function newEntry(kind, url, payload, label) {
    return {
      client_id: null, kind: kind, url: url, payload: payload, label: label,
      created_at: new Date().toISOString(), status: "waiting", message: "", revision: 0,
    };
  }

  function episodeEntry(form) {
    var payload = payloadOf(form);
    if (!payload.locations.length || !payload.side) return null;
    return newEntry("episode", "/api/episodes/", payload,
      "Twitch: " + payload.locations.map(function (value) { return labelFor(form, value); }).join(", ") + " (" + payload.side + ")");
  }

  var DAILY_FIELDS = ["sleep_hours", "caffeine_servings", "alcohol_drinks", "stress_level", "screen_hours", "water_glasses"];
  function dailyEntry(form) {
    var date = form.getAttribute("data-outbox-daily-log");
    var payload = { date: date, notes: one(form, "notes") || "" };
    DAILY_FIELDS.forEach(function (name) { payload[name] = number(form, name); });
    var day = new Date(date + "T12:00:00");
    return newEntry("daily-log", "/api/daily-logs/", payload,
      "Daily log for " + (isNaN(day) ? date : day.toLocaleDateString(document.documentElement.lang || undefined, { weekday: "short", day: "numeric", month: "short" })));
  }

  // Put the form's twitch in the outbox, under ``clientId`` when the page already tried
  // to post it (so the API finds it if that post did arrive), else a new UUID.
  function keep(form, clientId, unreachable) {
    var entry = form.hasAttribute("data-outbox-daily-log") ? dailyEntry(form) : episodeEntry(form);
    if (!entry) {
      // The page cannot check the form without the server: ask for the two required
      // answers here.
      var status = formStatus(form);
      status.className = "outbox-status alert alert-danger";
      status.hidden = false;
      status.textContent = "Pick where on your face it is, and which side, then save.";
      return Promise.resolve();
    }
    entry.client_id = clientId || newId();
    var replaces = form.getAttribute("data-outbox-replaces");
    return put(entry).then(function () {
      return replaces ? remove(replaces) : null;
    }).then(function () {
      form.removeAttribute("data-outbox-replaces");
      requestSync();
      form.reset();
      labelForm(form, "");
      showSaved(form, unreachable);
      return render();
    }, function () {
      submitNatively(form); // no IndexedDB (private mode): post the form as before
    });
  }

  function localToday() {
    var now = new Date();
    now.setMinutes(now.getMinutes() - now.getTimezoneOffset());
    return now.toISOString().slice(0, 10);
  }

  // The day's log form. The offline shell (data-outbox-daily-log="") answers for every
  // day's address: it offers the form for today only (the phone's date), as a new log.
  function dailyForm() {
    var form = document.querySelector("form[data-outbox-daily-log]");
    if (!form || form.getAttribute("data-outbox-daily-log")) return form;
    var match = /\/journal\/daily\/([0-9-]{10}|today)\/$/.exec(location.pathname);
    var today = localToday();
    if (!match || (match[1] !== "today" && match[1] !== today)) {
      var other = document.querySelector("[data-outbox-other-day]");
      if (other) other.hidden = false;
      return null;
    }
    form.setAttribute("data-outbox-daily-log", today);
    form.hidden = false;
    var name = document.querySelector("[data-outbox-day-name]");
    if (name) {
      name.textContent = new Date(today + "T12:00:00").toLocaleDateString(document.documentElement.lang || undefined,
        { weekday: "long", day: "numeric", month: "long", year: "numeric" });
    }
    return form;
  }

  // A rejected entry is corrected in its own form: the full form for a twitch, the day's
  // page for a daily log. Saved there, the correction replaces it in the outbox.
  function fixAddress(entry) {
    var page = entry.kind === "daily-log" ? "/journal/daily/" + entry.payload.date + "/" : "/journal/new/";
    return page + "#fix-" + entry.client_id;
  }

  function localInput(value) {
    if (!/(Z|[+-]\d\d:?\d\d)$/.test(value)) return String(value).slice(0, 16);
    var date = new Date(value);
    if (isNaN(date)) return "";
    date.setMinutes(date.getMinutes() - date.getTimezoneOffset());
    return date.toISOString().slice(0, 16);
  }

  function fill(form, payload) {
    Object.keys(payload).forEach(function (name) {
      var field = form.elements.namedItem(name);
      var value = payload[name];
      if (!field) return;
      var items = field.length !== undefined && !field.options ? Array.prototype.slice.call(field) : [field];
      var wanted = [].concat(value === null || value === undefined ? [] : value).map(String);
      items.forEach(function (item) {
        if (item.type === "checkbox" || item.type === "radio") item.checked = wanted.indexOf(item.value) !== -1;
        else if (item.type === "datetime-local") item.value = value ? localInput(value) : "";
        else if (item.options && item.multiple) {
          Array.prototype.forEach.call(item.options, function (option) { option.selected = wanted.indexOf(option.value) !== -1; });
        } else item.value = wanted.length ? wanted[0] : "";
      });
    });
  }

  function fixFromAddress(form) {
    var match = /^#fix-([0-9a-f-]{36})$/.exec(location.hash);
    if (!match) return;
    all().then(function (entries) {
      var entry = entries.filter(function (e) { return e.client_id === match[1]; })[0];
      var daily = form.hasAttribute("data-outbox-daily-log");
      if (!entry || (entry.kind === "daily-log") !== daily) return;
      if (daily && entry.payload.date !== form.getAttribute("data-outbox-daily-log")) return;
      fill(form, entry.payload);
      form.setAttribute("data-outbox-replaces", entry.client_id);
      var status = formStatus(form);
      status.className = "outbox-status alert alert-warning";
      status.hidden = false;
      status.textContent = "Not accepted: " + entry.message + " Your answers are back in the form: correct them and save.";
      status.setAttribute("tabindex", "-1");
      status.focus();
    });
  }

  function watchLogOut() {
    document.addEventListener("submit", function (event) {
      var form = event.target;
      var action = form.getAttribute("action") || "";
      if (!form.hasAttribute("data-outbox-clear") && action.indexOf("logout") === -1) return;
      event.preventDefault();
      clear().then(function () { submitNatively(form); }, function () { submitNatively(form); });
    }, true);
  }

  function registerWorker() {
    var url = script && script.getAttribute("data-service-worker");
    if (!url || !("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register(url, { scope: "/" }).catch(function () { /* works online anyway */ });
  }

  if (signedIn === "false") {
    clear().then(render);
  } else {
    if (signedIn === "true" && token()) saveToken(token());
    var form = logForm() || dailyForm();
    if (form) {
      watchForm(form);
      fixFromAddress(form);
    }
    watchLogOut();
    render().then(function () { return flush(); });
    window.addEventListener("online", function () { flush(); });
    // Online but unreachable, no "online" event will come: try again now and then.
    setInterval(function () { if (!offline) all().then(function (entries) { if (entries.length) flush(); }); }, RETRY_MS);
  }
  registerWorker();
})(self);
