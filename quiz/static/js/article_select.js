// The event editor (templates/teach/_event_editor.html): a passage selected in the article fills the
// "Add a missing event" form with the passage and its exact character offsets. The article is made of spans
// that know where they start in the text (data-at), so offsets do not depend on how the page lays it out.
// Without JavaScript the same form takes a quote typed or copied by hand, which the server looks up.
(function () {
  "use strict";
  var article = document.querySelector("[data-article]");
  var form = document.querySelector("[data-add-form]");
  if (!article || !form) return;
  var button = document.querySelector("[data-add-selection]");
  document.querySelectorAll(".js-only").forEach(function (element) { element.hidden = false; });

  function offsetOf(node, offset) {
    // A point of the selection → the character offset in the article, or null when outside it.
    var element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    var span = element && element.closest("[data-at]");
    if (!span || !article.contains(span)) return null;
    if (node.nodeType !== Node.TEXT_NODE) offset = offset > 0 ? span.textContent.length : 0;
    return parseInt(span.getAttribute("data-at"), 10) + offset;
  }

  function selected() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
    var range = selection.getRangeAt(0);
    var start = offsetOf(range.startContainer, range.startOffset);
    var end = offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return null;
    return { start: start, end: end, text: selection.toString() };
  }

  function fill() {
    var found = selected();
    if (!found) return;
    form.open = true;
    form.querySelector("[data-new-quote]").value = found.text.trim();
    form.querySelector("[data-new-start]").value = found.start;
    form.querySelector("[data-new-end]").value = found.end;
    form.scrollIntoView({ block: "nearest" });
    form.querySelector("#new-date").focus();
  }

  if (button) button.addEventListener("click", fill);
  // A mouse selection opens the form at once; on a phone the button does (a touch selection ends in a menu).
  article.addEventListener("mouseup", function () { if (selected()) fill(); });
})();
