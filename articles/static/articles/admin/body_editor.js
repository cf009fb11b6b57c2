// The body editor's block menu names its choices in English (django-prose-editor writes
// them into the page, past gettext): name them as a Chinese desk does.
(function () {
  "use strict";
  const LABELS = { "Paragraph": "正文", "Heading 2": "小标题", "Heading 3": "小标题（次级）" };

  function relabel(root) {
    root.querySelectorAll(".prose-menubar p, .prose-menubar h2, .prose-menubar h3").forEach(function (option) {
      const label = LABELS[option.textContent.trim()];
      if (label) {
        option.textContent = label;
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    relabel(document);
    new MutationObserver(function () { relabel(document); }).observe(document.body, { childList: true, subtree: true });
  });
})();
