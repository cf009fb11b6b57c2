// One click on a suggested tag puts it into the tag field; nothing is saved until the editor saves.
(function () {
  "use strict";
  const SEPARATORS = /[,，、;；\n]+/;

  function currentTags(input) {
    return input.value.split(SEPARATORS).map((name) => name.trim()).filter(Boolean);
  }

  function addTag(input, name) {
    const tags = currentTags(input);
    if (!tags.some((tag) => tag.toLowerCase() === name.toLowerCase())) {
      tags.push(name);
      input.value = tags.join("，");
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    const input = document.getElementById("id_tags");
    if (!input) {
      return;
    }
    document.querySelectorAll(".tag-chip[data-tag]").forEach(function (chip) {
      chip.addEventListener("click", function () {
        addTag(input, chip.dataset.tag);
        chip.classList.add("is-added");
        chip.setAttribute("aria-pressed", "true");
      });
    });
  });
})();
