// Select-to-quote on the desk and on the claim form's source panel.
// Every piece of source text is an element with data-o, its offset in the stored body, so a selection maps to
// exact offsets; the server (or the claim form) takes the quote from the body itself.
"use strict";
(function () {
  function pieceOf(node) {
    const el = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    return el && el.closest ? el.closest("[data-o]") : null;
  }

  // The body offset of a selection boundary (node, offset), or null outside the text.
  function offsetOf(node, offset, root) {
    if (node.nodeType === Node.TEXT_NODE) {
      const piece = pieceOf(node);
      return piece && root.contains(piece) ? Number(piece.dataset.o) + offset : null;
    }
    const piece = pieceOf(node);
    if (piece) return Number(piece.dataset.o) + (offset > 0 ? piece.textContent.length : 0);
    // A boundary between elements (e.g. at the start of a paragraph): the piece after it, or the end of the one before.
    const after = node.childNodes[offset];
    const next = after && (after.matches && after.matches("[data-o]") ? after : after.querySelector && after.querySelector("[data-o]"));
    if (next && root.contains(next)) return Number(next.dataset.o);
    const before = node.childNodes[offset - 1];
    const pieces = before && before.querySelectorAll ? before.querySelectorAll("[data-o]") : [];
    const last = before && before.matches && before.matches("[data-o]") ? before : pieces[pieces.length - 1];
    return last && root.contains(last) ? Number(last.dataset.o) + last.textContent.length : null;
  }

  // The body text as far as the pieces show it: the line breaks between paragraphs are restored.
  function bodyText(root) {
    let text = "";
    root.querySelectorAll("[data-o]").forEach(function (piece) {
      const o = Number(piece.dataset.o);
      while (text.length < o) text += "\n";
      text += piece.textContent;
    });
    return text;
  }

  function selected(root) {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    const range = selection.getRangeAt(0);
    let start = offsetOf(range.startContainer, range.startOffset, root);
    let end = offsetOf(range.endContainer, range.endOffset, root);
    if (start === null || end === null || end <= start) return null;
    const body = bodyText(root);
    while (start < end && /\s/.test(body[start])) start++;
    while (end > start && /\s/.test(body[end - 1])) end--;
    return end > start ? { start: start, end: end, text: body.slice(start, end), body: body } : null;
  }

  function occurrence(body, text, start) {
    let n = 0, count = 0, at = body.indexOf(text);
    while (at !== -1) {
      count++;
      if (at === start) n = count;
      at = body.indexOf(text, at + 1);
    }
    return count > 1 ? n : null;
  }

  function setUp(root, bar, label, onChoose) {
    document.addEventListener("selectionchange", function () {
      // A click elsewhere collapses the selection: keep the bar, so that its button can still be clicked.
      const chosen = selected(root);
      if (!chosen) return;
      bar.hidden = false;
      label.textContent = "“" + chosen.text + "”";
      onChoose(chosen);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    const bar = document.getElementById("kzil-selection");
    if (!bar) return;
    const link = document.getElementById("kzil-quote-link");
    const label = document.getElementById("kzil-selection-text");
    const desk = document.getElementById("desk");
    const panel = document.getElementById("kzil-source-panel");
    if (desk) {
      // On the desk: the link opens a new claim with the source and the selected quote filled in.
      setUp(desk, bar, label, function (chosen) {
        const query = new URLSearchParams({ source: desk.dataset.source, start: chosen.start, end: chosen.end, desk: 1 });
        link.href = desk.dataset.addClaim + "?" + query.toString();
        document.getElementById("kzil-quick-start").value = chosen.start;
        document.getElementById("kzil-quick-end").value = chosen.end;
      });
    } else if (panel) {
      // Beside the claim form: the button puts the selection in the quote field.
      let current = null;
      setUp(panel, bar, label, function (chosen) { current = chosen; });
      link.addEventListener("click", function (event) {
        event.preventDefault();
        if (!current) return;
        const quote = document.getElementById("id_pasted_quote");
        const occ = document.getElementById("id_occurrence");
        if (quote) quote.value = current.text;
        if (occ) occ.value = occurrence(current.body, current.text, current.start) || "";
        bar.hidden = true;
        if (quote) quote.focus();
      });
    }
  });
})();
