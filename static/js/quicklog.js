// "Twitching now": a start/stop timer that fills in the duration box in seconds.
// Without JavaScript the timer stays hidden and the box is typed into or left empty.
(function () {
  "use strict";
  var box = document.getElementById("timer");
  var field = document.getElementById("id_duration_seconds");
  if (!box || !field) return;
  var toggle = document.getElementById("timer-toggle");
  var reset = document.getElementById("timer-reset");
  var display = document.getElementById("timer-display");
  var status = document.getElementById("timer-status");
  var MAX_SECONDS = 86400; // an episode lasts at most one day

  var runningSince = null; // Date.now() when the current run started
  var banked = 0; // seconds from earlier runs (Stop, then Start again carries on)
  var ticker = null;

  function elapsed() {
    var running = runningSince === null ? 0 : Math.floor((Date.now() - runningSince) / 1000);
    return Math.min(MAX_SECONDS, banked + running);
  }

  function format(total) {
    var hours = Math.floor(total / 3600);
    var minutes = Math.floor((total % 3600) / 60);
    var seconds = total % 60;
    var mmss = (hours ? String(minutes).padStart(2, "0") : String(minutes)) + ":" + String(seconds).padStart(2, "0");
    return hours ? hours + ":" + mmss : mmss;
  }

  function render() {
    display.textContent = format(elapsed());
  }

  function start() {
    runningSince = Date.now();
    ticker = window.setInterval(render, 250);
    toggle.textContent = "Stop timer";
    toggle.classList.add("is-running");
    box.classList.add("timer--running");
    status.textContent = "Timing. Tap Stop when the twitch stops.";
    render();
  }

  function stop() {
    banked = elapsed();
    runningSince = null;
    window.clearInterval(ticker);
    toggle.textContent = "Start again";
    toggle.classList.remove("is-running");
    box.classList.remove("timer--running");
    var seconds = Math.max(1, banked); // the shortest twitch we store is one second
    field.value = String(seconds);
    status.textContent = "Stopped at " + format(banked) + ". We put " + seconds + " second" + (seconds === 1 ? "" : "s") + " in the box below.";
    render();
  }

  toggle.addEventListener("click", function () {
    if (runningSince === null) start(); else stop();
  });

  reset.addEventListener("click", function () {
    if (runningSince !== null) window.clearInterval(ticker);
    runningSince = null;
    banked = 0;
    field.value = "";
    toggle.textContent = "Start timer";
    toggle.classList.remove("is-running");
    box.classList.remove("timer--running");
    status.textContent = "Timer reset. Tap Start when the twitch starts.";
    render();
  });

  // Saving while the timer runs counts the time up to now.
  var form = box.closest("form");
  if (form) {
    form.addEventListener("submit", function () {
      if (runningSince !== null) stop();
    });
  }

  box.hidden = false;
  // The page was opened to log a twitch that is happening now: time it from now, unless the
  // form is coming back with an answer already in the box.
  if (box.dataset.autostart === "true" && !field.value) start();
})();
