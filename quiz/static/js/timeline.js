/* The timeline without a mouse, a little faster: on an event of the axis, the arrow keys move to the next or
   the previous event (down/up, and in the reading direction: left/right swap in Arabic), Home and End to the
   first and the last. Without this script Tab and Shift+Tab do the same, one event at a time. */
(function () {
  "use strict";
  var axis = document.querySelector(".axis");
  if (!axis) return;
  var rtl = document.documentElement.dir === "rtl";
  var steps = { ArrowDown: 1, ArrowUp: -1, ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 };
  axis.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var here = event.target.closest(".axis-event");
    if (!here) return;
    var all = Array.prototype.slice.call(axis.querySelectorAll(".axis-event"));
    var index = all.indexOf(here), next = null;
    if (event.key in steps) next = all[index + steps[event.key]];
    else if (event.key === "Home") next = all[0];
    else if (event.key === "End") next = all[all.length - 1];
    else return;
    event.preventDefault();
    if (next) next.focus();
  });
})();
