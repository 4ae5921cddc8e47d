// Warns a minute before an idle session ends, then shows the sign-in page once it has ended.
(function () {
  "use strict";
  var box = document.getElementById("session-warning");
  if (!box) { return; }
  var idle = parseInt(box.getAttribute("data-idle-seconds"), 10);
  if (!(idle > 0)) { return; }
  var warnAt = Math.max(idle - 60, Math.floor(idle * 0.8));
  window.setTimeout(function () { box.classList.remove("hidden"); }, warnAt * 1000);
  window.setTimeout(function () { window.location.assign("/login?expired"); }, (idle + 1) * 1000);
})();
