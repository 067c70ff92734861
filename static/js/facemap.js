// The face map: tap a part of the face to tick its box and set the side.
// The labelled checkboxes and radio buttons hold the real answer; the map mirrors them, so
// keyboard and screen reader users lose nothing when they use the boxes directly.
(function () {
  "use strict";
  var map = document.getElementById("facemap");
  if (!map) return;
  var form = map.closest("form");
  if (!form) return;
  var locationBoxes = Array.prototype.slice.call(form.querySelectorAll('input[name="locations"]'));
  var sideRadios = Array.prototype.slice.call(form.querySelectorAll('input[name="side"]'));
  var regions = Array.prototype.slice.call(map.querySelectorAll(".facemap__region"));
  var summary = document.getElementById("facemap-summary");

  function box(location) {
    return locationBoxes.filter(function (b) { return b.value === location; })[0];
  }

  function side() {
    var checked = sideRadios.filter(function (r) { return r.checked; })[0];
    return checked ? checked.value : "";
  }

  function setSide(value) {
    sideRadios.forEach(function (r) { r.checked = r.value === value; });
  }

  function other(s) {
    return s === "left" ? "right" : "left";
  }

  function isLit(location, s) {
    var b = box(location);
    var current = side();
    return Boolean(b && b.checked && (current === s || current === "both"));
  }

  function labelOf(b) {
    var label = form.querySelector('label[for="' + b.id + '"]');
    return (label ? label.textContent : b.value).trim().toLowerCase();
  }

  function render() {
    regions.forEach(function (region) {
      var lit = isLit(region.dataset.location, region.dataset.side);
      region.classList.toggle("is-selected", lit);
    });
    var names = locationBoxes.filter(function (b) { return b.checked; }).map(labelOf);
    var current = side();
    if (!names.length) {
      summary.textContent = "Nothing picked yet.";
    } else {
      var where = names.length > 1 ? names.slice(0, -1).join(", ") + " and " + names[names.length - 1] : names[0];
      var which = current === "both" ? "on both sides" : current ? "on your " + current : "(now pick a side)";
      summary.textContent = "Picked: " + where + " " + which + ".";
    }
  }

  function tap(location, s) {
    var b = box(location);
    if (!b) return;
    var current = side();
    if (isLit(location, s)) {
      // Tapping a lit part takes it away again.
      if (current === "both") {
        setSide(other(s));
      } else {
        b.checked = false;
        if (!locationBoxes.some(function (x) { return x.checked; })) setSide("");
      }
    } else {
      b.checked = true;
      if (!current) setSide(s);
      else if (current !== s) setSide("both");
    }
    render();
  }

  regions.forEach(function (region) {
    region.addEventListener("click", function () {
      tap(region.dataset.location, region.dataset.side);
    });
  });
  locationBoxes.concat(sideRadios).forEach(function (input) {
    input.addEventListener("change", render);
  });

  map.hidden = false;
  render();
})();
