// The daily checklist, ticked and saved in place: each tick is posted at once (the form's own
// action, with its CSRF token) and the Save button is hidden. Without JavaScript, or if a
// save fails, the button is there and the form posts as before.
(function () {
  "use strict";
  document.querySelectorAll("form[data-save-in-place]").forEach(function (form) {
    var button = form.querySelector(".checklist__save");
    var status = form.querySelector(".checklist__status");
    var count = form.querySelector(".checklist__count");
    var pending = null;
    if (!window.fetch || !button || !status) return;
    button.hidden = true;

    function save() {
      var body = new FormData(form);
      var request = fetch(form.action, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "Accept": "application/json" }
      });
      pending = request;
      status.textContent = "Saving…";
      request.then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      }).then(function (result) {
        if (pending !== request) return; // a later tick's answer counts
        if (!result.ok) throw new Error(result.data.message || "Not saved.");
        status.textContent = "Saved.";
        if (count) count.textContent = result.data.done_count + " of " + count.dataset.total + " ticked.";
      }).catch(function (error) {
        if (pending !== request) return;
        status.textContent = "Not saved: " + (error.message || "check your connection") + " Use the Save button.";
        button.hidden = false;
      });
    }

    form.addEventListener("change", function (event) {
      if (event.target.name === "done") save();
    });
  });
})();
