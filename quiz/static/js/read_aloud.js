/* Read-aloud (a student's accommodation): reads the question and its options with the browser's speech
   synthesis. Arabic text is read by an Arabic voice (lang "ar…") when the device has one; when it has none, the
   student is told so instead of hearing Arabic spelt out by another language's voice. */
(function () {
  "use strict";
  var box = document.querySelector("[data-read-aloud]");
  if (!box || !("speechSynthesis" in window) || typeof SpeechSynthesisUtterance === "undefined") return;
  var button = box.querySelector("[data-read-aloud-button]");
  var status = box.querySelector("[data-read-aloud-status]");
  var ARABIC = /[\u0600-\u06FF]/;
  var LATIN = /[A-Za-z]/;
  box.hidden = false;

  function texts() {
    var form = document.querySelector(".question-form") || document;
    var parts = [];
    var prompt = form.querySelector(".question-prompt");
    if (prompt) parts.push(prompt.textContent);
    form.querySelectorAll(".choice span, .ordering-item .item-text").forEach(function (el) {
      parts.push(el.textContent);
    });
    return parts.map(function (t) { return t.replace(/\s+/g, " ").trim(); }).filter(Boolean);
  }

  function voiceFor(voices, lang) {
    return voices.filter(function (v) { return v.lang && v.lang.toLowerCase().indexOf(lang) === 0; })[0] || null;
  }

  function speak(voices) {
    var synth = window.speechSynthesis;
    synth.cancel();
    var arabic = voiceFor(voices, "ar");
    var missing = false;
    var arabicPage = document.documentElement.lang === "ar";
    texts().forEach(function (text) {
      var needsArabic = ARABIC.test(text);
      // Figures alone ("2003") on an Arabic page are read in Arabic when the device can; any voice can read them.
      var inArabic = needsArabic || (arabicPage && !LATIN.test(text));
      if (needsArabic && !arabic) { missing = true; return; }
      var utterance = new SpeechSynthesisUtterance(text);
      if (inArabic && arabic) {
        utterance.voice = arabic;
        utterance.lang = arabic.lang;
      } else {
        utterance.lang = arabicPage ? "en" : document.documentElement.lang || "en";
      }
      synth.speak(utterance);
    });
    status.textContent = missing ? box.getAttribute("data-no-arabic-voice") : "";
    box.setAttribute("data-arabic-voice", arabic ? arabic.lang : "none");
  }

  button.addEventListener("click", function () {
    var voices = window.speechSynthesis.getVoices();
    if (voices.length) { speak(voices); return; }
    // Some browsers load their voices after the page: wait for them a moment, then read with what there is.
    var done = false;
    function go() { if (!done) { done = true; speak(window.speechSynthesis.getVoices()); } }
    window.speechSynthesis.addEventListener("voiceschanged", go, { once: true });
    window.setTimeout(go, 1000);
  });
})();
