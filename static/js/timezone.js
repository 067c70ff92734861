// Prefill the time zone from the device when the person has not chosen one yet.
(function () {
  var field = document.getElementById("id_time_zone");
  if (!field || (field.value && field.value !== "UTC")) return;
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone) field.value = zone;
  } catch (e) { /* keep UTC */ }
})();
