/* Live Markdown preview on the guidance admin change pages.
 *
 * A textarea with data-markdown-preview="<name>" and data-preview-url="<url>" is rendered by
 * the server (the same sanitiser readers get) as the editor types, and the result replaces
 * the contents of #preview-<name>. No inline script: this file is loaded by the ModelAdmin's
 * Media, so it works under the site's Content-Security-Policy.
 */
(function () {
  "use strict";

  var DELAY_MS = 400;

  function csrfToken(textarea) {
    // The CSRF cookie is HttpOnly, so read the token from the admin form itself.
    var form = textarea.form || document.querySelector("form");
    var input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function attach(textarea) {
    var box = document.getElementById("preview-" + textarea.dataset.markdownPreview);
    var url = textarea.dataset.previewUrl;
    if (!box || !url) {
      return;
    }
    var timer = null;
    var latest = 0;

    function render() {
      var request = ++latest;
      var body = new URLSearchParams();
      body.append("text", textarea.value);
      fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: {
          "X-CSRFToken": csrfToken(textarea),
          "X-Requested-With": "XMLHttpRequest",
        },
        body: body,
      })
        .then(function (response) {
          return response.json().then(function (data) {
            return { ok: response.ok, data: data };
          });
        })
        .then(function (result) {
          if (request !== latest) {
            return; // A newer keystroke already asked again.
          }
          box.classList.remove("markdown-preview--error");
          if (result.ok) {
            // The server sanitised this HTML with the same rules as the public pages.
            box.innerHTML = result.data.html;
          } else {
            box.classList.add("markdown-preview--error");
            box.textContent = result.data.error || "The preview could not be shown.";
          }
        })
        .catch(function () {
          if (request === latest) {
            box.classList.add("markdown-preview--error");
            box.textContent = "The preview could not be shown. Your text is not lost.";
          }
        });
    }

    textarea.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(render, DELAY_MS);
    });
  }

  function init() {
    document.querySelectorAll("textarea[data-markdown-preview]").forEach(attach);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
