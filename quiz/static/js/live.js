/* A live lesson's page, kept in step with the game. Several times a second it asks the state URL whether anything
   changed (an ETag: the server answers 304 while nothing did, and the new screen itself when something did) and
   swaps the new screen in. Answers and the host's controls are sent in the background and retried when the
   network drops: the server counts an answer once however often it arrives. Without JavaScript the page refreshes
   itself (a <noscript> meta). */
(function () {
  "use strict";
  var root = document.getElementById("live-screen");
  if (!root || !window.fetch) return;
  var stateUrl = root.getAttribute("data-state-url");
  var screenUrl = root.getAttribute("data-screen-url");
  // 0.75 s: a new question is on 95% of the phones within a second of the host's click with room for a busy
  // server (bench/README.md, "Live lessons"); a 304 costs the server about a millisecond.
  var VISIBLE_EVERY = 750, HIDDEN_EVERY = 5000;
  var pollTimer = null, clockTimer = null, busy = false;

  function screen() { return root.querySelector(".live-screen"); }
  function etag() { var s = screen(); return s ? s.getAttribute("data-etag") : ""; }
  function bare(tag) { return (tag || "").replace(/^W\//, "").replace(/"/g, ""); }

  function editing() {
    // The host typing the questions' times: a new screen would throw the typing away; wait until they are done.
    var active = document.activeElement;
    return (active && root.contains(active) && /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName) &&
            active.type !== "radio" && active.type !== "checkbox") || !!root.querySelector("details.live-times[open]");
  }

  function step() { var s = screen(); return s ? s.getAttribute("data-step") : ""; }

  // What has the focus (null: nothing on the screen), so that the same control has it again on the new screen:
  // the host's button for an action ("show the answer"), or an element with an id.
  function focusKey() {
    var active = document.activeElement;
    if (!active || !root.contains(active)) return null;
    var action = active.form && active.form.querySelector("input[name=action]");
    return { action: action ? action.value : null, id: active.id || null };
  }

  function byKey(key) {
    if (key.id) return document.getElementById(key.id);
    var actions = root.querySelectorAll("form.live-control input[name=action]");
    for (var i = 0; key.action && i < actions.length; i++) {
      if (actions[i].value === key.action) return actions[i].form.querySelector("button");
    }
    return null;
  }

  function swap(html, key) {
    var before = step();
    if (key === undefined) key = focusKey();
    root.innerHTML = html;
    document.dispatchEvent(new CustomEvent("chronoquiz:screen", { detail: root }));
    startClock();
    var moved = step() !== before;  // a new phase or question, not just one more answer counted
    // Only a new screen is scrolled to: the host's page is redrawn at every answer, and a teacher scrolled down
    // to the controls stays there. Focus moves without scrolling the page under the class's eyes.
    if (moved && root.getBoundingClientRect().top < 0) root.scrollIntoView({ block: "start" });
    if (key === null) return;
    var target = (!moved && byKey(key)) ||
      root.querySelector("h1, .verdict, .question-prompt, input:not([type=hidden]), button");
    if (!target) return;
    if (!target.hasAttribute("tabindex") && !/^(INPUT|BUTTON|SELECT|TEXTAREA|A)$/.test(target.tagName)) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus({ preventScroll: true });
  }

  function refresh() {
    return fetch(screenUrl, { headers: { "X-Chronoquiz-Live": "1" }, credentials: "same-origin", cache: "no-store" })
      .then(function (r) {
        if (r.status === 204) { window.location.reload(); return null; }
        return r.ok ? r.text() : null;
      })
      .then(function (html) { if (html !== null && html !== undefined) swap(html); });
  }

  function poll() {
    window.clearTimeout(pollTimer);
    if (busy || editing()) { schedule(); return; }
    var seen = etag();
    // With X-Chronoquiz-Live the player's state URL answers a change with the new screen; the host's, with JSON
    // (then the screen is fetched).
    fetch(stateUrl, { headers: { "If-None-Match": '"' + seen + '"', "X-Chronoquiz-Live": "1" },
                      credentials: "same-origin", cache: "no-store" })
      .then(function (r) {
        if (r.status === 204) { window.location.reload(); return null; }
        if (r.status !== 200 || bare(r.headers.get("ETag")) === seen) return null;
        if ((r.headers.get("Content-Type") || "").indexOf("text/html") === 0) {
          return r.text().then(function (html) { if (!busy && etag() === seen) swap(html); });
        }
        return refresh();
      })
      .catch(function () { /* offline for now: the next poll tries again */ })
      .then(schedule, schedule);
  }

  function schedule() {
    window.clearTimeout(pollTimer);
    pollTimer = window.setTimeout(poll, document.hidden ? HIDDEN_EVERY : VISIBLE_EVERY);
  }

  function startClock() {
    window.clearTimeout(clockTimer);
    var box = root.querySelector("[data-left-ms]");
    if (!box) return;
    var value = box.querySelector(".live-clock-value");
    var eastern = /[\u0660-\u0669]/.test(value.textContent);
    var end = Date.now() + parseInt(box.getAttribute("data-left-ms"), 10);
    var paused = box.hasAttribute("data-paused");
    function tick() {
      var left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      var text = String(left);
      value.textContent = eastern ? text.replace(/\d/g, function (d) { return String.fromCharCode(0x0660 + +d); }) : text;
      if (paused) return;
      if (left === 0) { window.setTimeout(poll, 900); return; }  // the server closes it (after its grace)
      clockTimer = window.setTimeout(tick, 250);
    }
    tick();
  }

  function send(form, attempt, key) {
    var button = form.querySelector("button[type=submit]");
    // Before the button is disabled: a disabled button loses the focus, and the new screen would not know that
    // the reader was on it.
    if (key === undefined) key = focusKey();
    busy = true;
    if (button) button.disabled = true;
    // getAttribute, not form.action: the host's control forms have a field named "action", which that names.
    fetch(form.getAttribute("action"), { method: "POST", body: new FormData(form), headers: { "X-Chronoquiz-Live": "1" },
                         credentials: "same-origin" })
      .then(function (r) { return r.text().then(function (html) { return { status: r.status, html: html }; }); })
      .then(function (res) {
        busy = false;
        if (res.status >= 500) throw new Error(String(res.status));
        swap(res.html, key);
      })
      .catch(function () {
        busy = false;
        if (attempt < 5) {  // the network dropped: the same answer again (counted once), a little later
          window.setTimeout(function () { send(form, attempt + 1, key); }, 500 * (attempt + 1));
        } else {
          if (button) button.disabled = false;
          var note = form.querySelector(".live-offline") || document.createElement("p");
          note.className = "form-error-summary live-offline";
          note.setAttribute("role", "alert");
          note.textContent = document.documentElement.lang === "ar"
            ? "لم يصل الإرسال: تحقّق من الاتصال ثم أعد المحاولة."
            : "Not sent: check the connection, then try again.";
          form.appendChild(note);
        }
      });
  }

  root.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form.live-answer, form.live-control")) return;
    event.preventDefault();
    send(form, 0);
  });
  document.addEventListener("visibilitychange", function () { if (!document.hidden) poll(); });
  window.addEventListener("online", poll);
  startClock();
  schedule();
})();
