// SPOT's inactivity warning (mock_portal/sites/spot/inactivity.py). The timer follows the mock's
// clock: every second (or as often as SPOT's answer says: check_after, the namespace's
// session_check_interval) the page asks SPOT how long its session has left, shows the warning
// when 10 minutes or less are left, and leaves for the timed-out page at 0.
(function () {
  "use strict";
  var box = document.getElementById("session-timeout");
  if (!box) { return; }
  var left = box.querySelector("[data-minutes-left]");
  var stay = box.querySelector("button");
  var every = 1000;  // milliseconds between asks, until SPOT's answer says
  // Once the page is leaving (a form posted, a link followed), an answer still on its way must
  // not send it elsewhere: Log off ends the session, and an ask answered in between would
  // otherwise replace the log-off page with the timed-out one.
  var leaving = false;
  document.addEventListener("submit", function () { leaving = true; });
  window.addEventListener("beforeunload", function () { leaving = true; });
  function show(answer) {
    if (leaving) { return; }
    if (answer.check_after > 0) { every = answer.check_after * 1000; }
    if (answer.seconds_left <= 0) {
      window.location.assign(box.dataset.timedOut);
      return;
    }
    var warn = answer.seconds_left <= answer.warn_when_left;
    box.hidden = !warn;
    if (warn) { left.textContent = String(Math.ceil(answer.seconds_left / 60)); }
  }
  function ask() {
    if (leaving) { return; }
    fetch(box.dataset.remaining, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(show)
      .catch(function () { /* SPOT unreachable: try again next tick */ })
      .then(function () { window.setTimeout(ask, every); });
  }
  stay.addEventListener("click", function () {
    var body = new URLSearchParams({ csrf_token: box.dataset.csrf });
    fetch(box.dataset.keepAlive, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(show);
  });
  ask();
})();
