// Signs of a possible stroke or a new weak or drooping face (the codes are in the page as
// JSON, from journal.models.EMERGENCY_SIGNS): the moment one is ticked, show the FAST card (it is in the
// page, hidden) and move to it, before the person does anything else.
(function () {
  "use strict";
  var card = document.getElementById("stroke-card");
  var data = document.getElementById("stroke-signs");
  if (!card || !data) return;
  var signs = JSON.parse(data.textContent);
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[name="symptoms"]'))
    .filter(function (b) { return signs.indexOf(b.value) !== -1; });

  function update(moveThere) {
    var any = boxes.some(function (b) { return b.checked; });
    var wasHidden = card.hidden;
    card.hidden = !any;
    if (any && wasHidden && moveThere) {
      card.scrollIntoView({ block: "start", behavior: "instant" });
      card.focus({ preventScroll: true });
    }
  }

  boxes.forEach(function (b) {
    b.addEventListener("change", function () { update(true); });
  });
  update(false);
})();
