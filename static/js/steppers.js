// Steppers for number boxes (templates/journal/includes/number_stepper.html): a big minus and
// plus either side of the box, the value said aloud after each tap. The box can still be
// typed into; without JavaScript the buttons stay hidden.
(function () {
  "use strict";
  document.querySelectorAll(".stepper[data-step-by]").forEach(function (stepper) {
    var input = stepper.querySelector("input");
    if (!input) return;
    var step = parseFloat(stepper.dataset.stepBy) || 1;
    var start = parseFloat(stepper.dataset.start) || step;
    var min = input.min === "" ? 0 : parseFloat(input.min);
    var max = input.max === "" ? Infinity : parseFloat(input.max);
    var decimals = String(stepper.dataset.stepBy).indexOf(".") >= 0 ? 1 : 0;
    var readout = document.createElement("p");
    readout.className = "stepper__readout";
    readout.setAttribute("aria-live", "polite");
    stepper.appendChild(readout);

    stepper.querySelectorAll(".stepper__button").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var delta = parseInt(button.dataset.delta, 10);
        var current = parseFloat(input.value);
        var next;
        if (isNaN(current)) next = delta > 0 ? start : min;
        else next = Math.round((current + delta * step) / step) * step;
        next = Math.max(min, Math.min(max, next));
        input.value = next.toFixed(decimals);
        readout.textContent = stepper.querySelector(".stepper__label").textContent + ": " + input.value;
        input.dispatchEvent(new Event("input", { bubbles: true }));
      });
    });
  });
})();
