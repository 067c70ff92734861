// Sends an episode's photo or video to the API with a progress bar. Without this script
// the same form posts to the page and the page answers with a message.
(function () {
  "use strict";
  function messageFrom(xhr) {
    try {
      var body = JSON.parse(xhr.responseText);
      if (body.file && body.file.length) { return body.file.join(" "); }
      if (body.detail) { return body.detail; }
    } catch (e) { /* not JSON */ }
    return "The upload did not work. Nothing was saved. Please try again.";
  }
  document.querySelectorAll("form[data-attachment-upload]").forEach(function (form) {
    var inputs = Array.prototype.slice.call(form.querySelectorAll("input[type=file]"));
    var progress = form.querySelector("progress");
    var status = form.querySelector("[data-upload-status]");
    var button = form.querySelector("button[type=submit]");
    // Picking in one chooser clears the other: one file is sent.
    inputs.forEach(function (input) {
      input.addEventListener("change", function () {
        inputs.forEach(function (other) { if (other !== input) { other.value = ""; } });
      });
    });
    form.addEventListener("submit", function (event) {
      var chosen = inputs.filter(function (input) { return input.files && input.files.length; });
      if (!window.FormData || !chosen.length) {
        if (window.FormData) {
          event.preventDefault();
          status.textContent = "Choose a photo or video first.";
          status.classList.add("text-danger");
        }
        return;
      }
      event.preventDefault();
      var data = new FormData();
      data.append("file", chosen[0].files[0]);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.dataset.apiUrl);
      xhr.setRequestHeader("X-CSRFToken", form.querySelector("[name=csrfmiddlewaretoken]").value);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable) { return; }
        var percent = Math.round((e.loaded / e.total) * 100);
        progress.value = percent;
        status.textContent = "Uploading: " + percent + "%";
      });
      xhr.addEventListener("load", function () {
        button.disabled = false;
        if (xhr.status === 201) {
          progress.value = 100;
          status.textContent = "Saved.";
          window.location.assign(form.dataset.next);
          window.location.reload();
          return;
        }
        progress.hidden = true;
        status.textContent = messageFrom(xhr);
        status.classList.add("text-danger");
      });
      xhr.addEventListener("error", function () {
        button.disabled = false;
        progress.hidden = true;
        status.textContent = "The upload did not work (no connection?). Nothing was saved.";
        status.classList.add("text-danger");
      });
      status.classList.remove("text-danger");
      status.textContent = "Uploading: 0%";
      progress.value = 0;
      progress.hidden = false;
      button.disabled = true;
      xhr.send(data);
    });
  });
})();
