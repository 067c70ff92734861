// "Twitching now", kept in the browser: the start of a running timer is stored in
// localStorage, so it survives leaving the page, a reload or a closed tab. Every page of a
// signed-in person shows it as a bar (templates/includes/twitching_bar.html) until it is
// stopped (which opens the quick log with the duration filled in) or discarded.
// The quick log's own timer (quicklog.js) reads and writes the same start.
(function () {
  "use strict";
  var KEY = "twitchcare.twitchingSince";
  var MAX_SECONDS = 86400; // an episode lasts at most one day

  function since() {
    try {
      var value = parseInt(window.localStorage.getItem(KEY), 10);
      return isFinite(value) && value > 0 ? value : null;
    } catch (e) {
      return null; // storage turned off: the timer lives only as long as the page
    }
  }

  function seconds(from) {
    return Math.max(0, Math.min(MAX_SECONDS, Math.floor((Date.now() - from) / 1000)));
  }

  function format(total) {
    var hours = Math.floor(total / 3600);
    var minutes = Math.floor((total % 3600) / 60);
    var secs = total % 60;
    var mmss = (hours ? String(minutes).padStart(2, "0") : String(minutes)) + ":" + String(secs).padStart(2, "0");
    return hours ? hours + ":" + mmss : mmss;
  }

  window.TwitchingNow = {
    since: since,
    seconds: seconds,
    format: format,
    MAX_SECONDS: MAX_SECONDS,
    start: function (from) {
      try { window.localStorage.setItem(KEY, String(from || Date.now())); } catch (e) { /* see since() */ }
    },
    clear: function () {
      try { window.localStorage.removeItem(KEY); } catch (e) { /* see since() */ }
    }
  };

  var bar = document.getElementById("twitching-bar");
  if (!bar) return;
  var timer = document.getElementById("timer");
  // The quick log shows this same run in its own timer.
  if (timer && timer.dataset.persist === "true") return;
  var time = document.getElementById("twitching-bar-time");
  var ticker = null;

  function render() {
    var from = since();
    if (from === null) {
      bar.hidden = true;
      window.clearInterval(ticker);
      ticker = null;
      return;
    }
    time.textContent = format(seconds(from));
    bar.hidden = false;
    if (ticker === null) ticker = window.setInterval(render, 1000);
  }

  document.getElementById("twitching-bar-stop").addEventListener("click", function () {
    var from = since();
    var total = from === null ? 0 : Math.max(1, seconds(from));
    window.TwitchingNow.clear();
    window.location.href = bar.dataset.quickUrl + (total ? "?duration_seconds=" + total : "");
  });

  document.getElementById("twitching-bar-discard").addEventListener("click", function () {
    window.TwitchingNow.clear();
    render();
    var main = document.getElementById("main");
    if (main) main.focus();
  });

  // Another tab started, stopped or discarded it.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY || event.key === null) render();
  });
  render();
})();
