/* Counts the time left down on screen. The server enforces the limit; this only keeps the display honest
   and, at zero, goes to the page that says the time is up (data-times-up-url), or reloads so the page shows
   what the server decided. */
(function () {
  "use strict";
  var box = document.querySelector("[data-seconds-left]");
  if (!box) return;
  var value = box.querySelector(".time-left-value");
  var end = Date.now() + parseInt(box.getAttribute("data-seconds-left"), 10) * 1000;
  var timesUp = box.getAttribute("data-times-up-url");
  var eastern = /[\u0660-\u0669]/.test(value.textContent);
  function digits(text) {
    return eastern ? text.replace(/\d/g, function (d) { return String.fromCharCode(0x0660 + +d); }) : text;
  }
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var left = Math.max(0, Math.round((end - Date.now()) / 1000));
    var h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
    value.textContent = digits(h ? h + ":" + two(m) + ":" + two(s) : m + ":" + two(s));
    if (left === 0) {
      if (timesUp) { window.location.assign(timesUp); } else { window.location.reload(); }
      return;
    }
    window.setTimeout(tick, 1000);
  }
  tick();
})();
