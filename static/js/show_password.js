// "Show password": a button after every password box marked data-show-password.
// A static file, no inline script (the CSP allows none).
(function () {
  var boxes = document.querySelectorAll("input[data-show-password]");
  Array.prototype.forEach.call(boxes, function (box) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-link show-password px-0";
    button.textContent = "Show password";
    button.setAttribute("aria-controls", box.id);
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", function () {
      var shown = box.type === "text";
      box.type = shown ? "password" : "text";
      button.textContent = shown ? "Show password" : "Hide password";
      button.setAttribute("aria-pressed", shown ? "false" : "true");
      box.focus();
    });
    box.insertAdjacentElement("afterend", button);
  });
})();
