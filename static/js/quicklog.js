// "Twitching now": a start/stop timer that fills in the duration.
// On the quick log (data-persist="true") the run is kept in the browser by twitching_now.js,
// so it carries on after a reload or a visit to another page; its duration goes into the
// minutes and seconds steppers and the hidden duration_seconds the form posts.
// On the full form it fills the duration box in seconds.
// Without JavaScript the timer stays hidden and the duration is typed or left empty.
(function () {
  "use strict";
  var box = document.getElementById("timer");
  var field = document.getElementById("id_duration_seconds");
  if (!box || !field) return;
  var shared = window.TwitchingNow;
  var persist = box.dataset.persist === "true" && Boolean(shared);
  var toggle = document.getElementById("timer-toggle");
  var reset = document.getElementById("timer-reset");
  var display = document.getElementById("timer-display");
  var status = document.getElementById("timer-status");
  var minutesBox = document.getElementById("id_duration_min");
  var secondsBox = document.getElementById("id_duration_sec");
  var readout = document.getElementById("duration-readout");
  var startedField = document.getElementById("id_started_at");
  var MAX_SECONDS = 86400; // an episode lasts at most one day

  var runningSince = null; // Date.now() when the current run started (earlier runs included)
  var banked = 0; // seconds from earlier runs (Stop, then Start again carries on)
  var ticker = null;

  function elapsed() {
    var running = runningSince === null ? 0 : Math.floor((Date.now() - runningSince) / 1000);
    return runningSince === null ? Math.min(MAX_SECONDS, banked) : Math.min(MAX_SECONDS, running);
  }

  function format(total) {
    var hours = Math.floor(total / 3600);
    var minutes = Math.floor((total % 3600) / 60);
    var seconds = total % 60;
    var mmss = (hours ? String(minutes).padStart(2, "0") : String(minutes)) + ":" + String(seconds).padStart(2, "0");
    return hours ? hours + ":" + mmss : mmss;
  }

  function words(total) {
    var minutes = Math.floor(total / 60);
    var seconds = total % 60;
    return minutes + " minute" + (minutes === 1 ? "" : "s") + " " + seconds + " second" + (seconds === 1 ? "" : "s");
  }

  // The duration as posted (seconds, empty when unknown) and as shown in the steppers.
  function setDuration(total) {
    total = Math.max(0, Math.min(MAX_SECONDS, total));
    field.value = total ? String(total) : "";
    if (minutesBox && secondsBox) {
      minutesBox.value = String(Math.floor(total / 60));
      secondsBox.value = String(total % 60);
    }
    if (readout) readout.textContent = total ? words(total) : "Not known";
  }

  function fromSteppers() {
    var minutes = parseInt(minutesBox.value, 10) || 0;
    var seconds = parseInt(secondsBox.value, 10) || 0;
    return Math.max(0, minutes) * 60 + Math.max(0, seconds);
  }

  function render() {
    display.textContent = format(elapsed());
  }

  function run(since) {
    runningSince = since;
    window.clearInterval(ticker);
    ticker = window.setInterval(render, 250);
    toggle.textContent = "Stop timer";
    toggle.classList.add("is-running");
    box.classList.add("timer--running");
    status.textContent = "Timing. Tap Stop when the twitch stops.";
    render();
  }

  function start() {
    var since = Date.now() - banked * 1000;
    if (persist) shared.start(since);
    run(since);
  }

  function stop() {
    banked = elapsed();
    if (startedField && runningSince !== null) startedField.value = new Date(runningSince).toISOString();
    runningSince = null;
    window.clearInterval(ticker);
    if (persist) shared.clear();
    toggle.textContent = "Start again";
    toggle.classList.remove("is-running");
    box.classList.remove("timer--running");
    var seconds = Math.max(1, banked); // the shortest twitch we store is one second
    setDuration(seconds);
    status.textContent = "Stopped at " + format(banked) + ". We put " +
      (minutesBox ? words(seconds) : seconds + " second" + (seconds === 1 ? "" : "s")) + " in the box below.";
    render();
  }

  toggle.addEventListener("click", function () {
    if (runningSince === null) start(); else stop();
  });

  reset.addEventListener("click", function () {
    window.clearInterval(ticker);
    runningSince = null;
    banked = 0;
    if (persist) shared.clear();
    if (startedField) startedField.value = "";
    setDuration(0);
    toggle.textContent = "Start timer";
    toggle.classList.remove("is-running");
    box.classList.remove("timer--running");
    status.textContent = "Timer reset. Tap Start when the twitch starts.";
    render();
  });

  // The steppers: minus and plus change the total, so 55 seconds and 5 more is 1 minute.
  if (minutesBox && secondsBox) {
    document.querySelectorAll(".stepper").forEach(function (stepper) {
      var step = stepper.dataset.step === "1" ? 60 : 5;
      stepper.querySelectorAll(".stepper__button").forEach(function (button) {
        button.hidden = false;
        button.addEventListener("click", function () {
          var total = fromSteppers() + parseInt(button.dataset.delta, 10) * step;
          if (step === 5 && total % 5) total = parseInt(button.dataset.delta, 10) > 0 ? Math.ceil(total / 5) * 5 : Math.floor(total / 5) * 5;
          setDuration(total);
        });
      });
    });
    [minutesBox, secondsBox].forEach(function (input) {
      input.addEventListener("input", function () {
        var total = fromSteppers();
        field.value = total ? String(Math.min(MAX_SECONDS, total)) : "";
        if (readout) readout.textContent = total ? words(total) : "Not known";
      });
    });
    // Coming back from a failed save: the boxes show what was posted.
    if (field.value && !minutesBox.value && !secondsBox.value) setDuration(parseInt(field.value, 10) || 0);
    else if (!field.value && (minutesBox.value || secondsBox.value)) setDuration(fromSteppers());
    else setDuration(parseInt(field.value, 10) || 0);
  }

  // Saving while the timer runs counts the time up to now. Capture, so this runs before any
  // other handler of the submit (the offline outbox reads the form after it).
  var form = box.closest("form");
  if (form) {
    form.addEventListener("submit", function () {
      if (runningSince !== null) stop();
      if (persist) shared.clear();
    }, true);
  }

  box.hidden = false;
  var kept = persist ? shared.since() : null;
  if (kept !== null) {
    // A run started earlier, on this page or before a reload: carry on with it.
    run(kept);
  } else if (box.dataset.autostart === "true" && !field.value) {
    // The page was opened to log a twitch that is happening now: time it from now, unless
    // the form is coming back with an answer already in the box.
    start();
  } else if (field.value) {
    banked = parseInt(field.value, 10) || 0;
    render();
  }
})();
