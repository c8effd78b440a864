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

  // What the extractor left unread (mark.unread: a year, or words like «في ذلك العام»): a click, or Enter on it,
  // fills the form with its sentence (and its year), so adding a statement the extractor missed takes one click.
  var END = /[.!?؟\n]/;
  function articleText() {
    var text = "";
    article.querySelectorAll("[data-at]").forEach(function (span) { text += span.textContent; });
    return text;
  }
  function addUnread(mark) {
    var span = mark.querySelector("[data-at]");
    if (!span) return;
    var text = articleText(), at = parseInt(span.getAttribute("data-at"), 10), start = at, end = at;
    while (start > 0 && !END.test(text.charAt(start - 1))) start -= 1;
    while (end < text.length && !END.test(text.charAt(end))) end += 1;
    while (start < end && /\s/.test(text.charAt(start))) start += 1;
    while (end > start && /\s/.test(text.charAt(end - 1))) end -= 1;
    form.open = true;
    form.querySelector("[data-new-quote]").value = text.slice(start, end);
    form.querySelector("[data-new-start]").value = start;
    form.querySelector("[data-new-end]").value = end;
    // a year fills the date, and the title is what is left to type; words like «في ذلك العام» leave the date to
    // the teacher, who knows from the text before which year they mean
    var year = mark.getAttribute("data-year");
    form.querySelector("#new-date").value = year || "";
    form.scrollIntoView({ block: "nearest" });
    form.querySelector(year ? "#new-title_ar" : "#new-date").focus();
  }
  article.querySelectorAll("mark.unread").forEach(function (mark) {
    mark.setAttribute("tabindex", "0");
    mark.setAttribute("role", "button");
    mark.addEventListener("click", function () { addUnread(mark); });
    mark.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); addUnread(mark); }
    });
  });

  if (button) button.addEventListener("click", fill);
  // A mouse selection opens the form at once; on a phone the button does (a touch selection ends in a menu).
  article.addEventListener("mouseup", function () { if (selected()) fill(); });
})();
