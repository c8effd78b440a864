/* Ordering questions, made nicer with JavaScript: drag with mouse or finger, move buttons for the keyboard.
   Without JavaScript the position selects do the job; this script keeps those selects in step with the cards,
   so the server reads one kind of answer either way. */
(function () {
  "use strict";
  if (window.chronoquizOrdering) return;  // included twice on a page (a live lesson's page and its question)
  window.chronoquizOrdering = true;

  function labels(root) {
    var lang = document.documentElement.lang;
    return lang === "ar"
      ? { up: "تحريك إلى الأعلى", down: "تحريك إلى الأسفل", moved: "نُقل إلى الموضع {p} من {n}" }
      : { up: "Move up", down: "Move down", moved: "Moved to position {p} of {n}" };
  }

  function setup(fieldset) {
    var list = fieldset.querySelector(".ordering-list");
    var text = labels(fieldset);
    var live = document.createElement("p");
    live.className = "visually-hidden";
    live.setAttribute("aria-live", "polite");
    fieldset.appendChild(live);
    fieldset.classList.add("js-ordering");

    function items() { return Array.prototype.slice.call(list.querySelectorAll(".ordering-item")); }

    function sync() {
      var all = items();
      all.forEach(function (li, i) {
        li.querySelector("select").value = String(i + 1);
        li.querySelector(".move-up").disabled = i === 0;
        li.querySelector(".move-down").disabled = i === all.length - 1;
      });
    }

    // Positions in the reader's digits (٣ or 3): the server wrote them so in the position selects.
    function announce(li) {
      var all = items();
      var positions = li.querySelector("select").options;
      live.textContent = text.moved.replace("{p}", positions[all.indexOf(li)].textContent)
        .replace("{n}", positions[all.length - 1].textContent);
    }

    function move(li, delta, focusClass) {
      var all = items();
      var i = all.indexOf(li);
      var j = i + delta;
      if (j < 0 || j >= all.length) return;
      if (delta < 0) list.insertBefore(li, all[j]); else list.insertBefore(all[j], li);
      sync();
      announce(li);
      var button = li.querySelector("." + focusClass);
      if (button.disabled) button = li.querySelector(focusClass === "move-up" ? ".move-down" : ".move-up");
      button.focus();
    }

    items().forEach(function (li) {
      var name = li.querySelector(".item-text").textContent.trim();
      var controls = document.createElement("span");
      controls.className = "move-buttons";
      [["move-up", "▲", text.up, -1], ["move-down", "▼", text.down, 1]].forEach(function (spec) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = spec[0];
        b.textContent = spec[1];
        b.setAttribute("aria-label", spec[2] + ": " + name);
        b.addEventListener("click", function () { move(li, spec[3], spec[0]); });
        controls.appendChild(b);
      });
      li.appendChild(controls);
      li.querySelector("select").addEventListener("change", function (e) {
        var target = parseInt(e.target.value, 10) - 1;
        var all = items().filter(function (x) { return x !== li; });
        list.insertBefore(li, all[target] || null);
        sync();
        announce(li);
      });
    });

    // Dragging with pointer events: one code path for mouse, pen and touch.
    var dragged = null;
    list.addEventListener("pointerdown", function (e) {
      var li = e.target.closest(".ordering-item");
      if (!li || e.target.closest("button, select")) return;
      dragged = li;
      li.classList.add("is-dragging");
      list.setPointerCapture(e.pointerId);
      e.preventDefault();
    });
    list.addEventListener("pointermove", function (e) {
      if (!dragged) return;
      var over = items().filter(function (li) {
        var r = li.getBoundingClientRect();
        return li !== dragged && e.clientY >= r.top && e.clientY <= r.bottom;
      })[0];
      if (!over) return;
      var r = over.getBoundingClientRect();
      list.insertBefore(dragged, e.clientY < r.top + r.height / 2 ? over : over.nextSibling);
      sync();
    });
    function drop() {
      if (!dragged) return;
      dragged.classList.remove("is-dragging");
      announce(dragged);
      dragged = null;
    }
    list.addEventListener("pointerup", drop);
    list.addEventListener("pointercancel", drop);

    sync();
  }

  function setupAll(root) {
    root.querySelectorAll("[data-ordering]").forEach(function (fieldset) {
      if (!fieldset.classList.contains("js-ordering")) setup(fieldset);
    });
  }
  setupAll(document);
  // A live lesson swaps a new question in without loading the page (live.js).
  document.addEventListener("chronoquiz:screen", function (event) { setupAll(event.detail); });
})();
