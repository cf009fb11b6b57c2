// The body editor (django-prose-editor): its block menu named as a Chinese desk names it, and
// the picture panel beside it, which inserts one of the article's images, or one from the
// library, as a figure with its caption and credit where the cursor is.
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

  let bodyEditor = null;

  // Registered before the page is parsed: the editor announces itself once it is built.
  document.addEventListener("prose-editor:ready", function (event) {
    if (event.detail.textarea.name === "body") {
      bodyEditor = event.detail.editor;
    }
  });

  function insertFigure(entry) {
    const content = [{ type: "image", attrs: { src: entry.src, alt: entry.alt } }];
    if (entry.caption) {
      content.push({ type: "caption", content: [{ type: "text", text: entry.caption }] });
    }
    bodyEditor.chain().focus().insertContent({ type: "figure", content: content }).run();
  }

  function PicturePanel(panel) {
    this.panel = panel;
    this.search = panel.querySelector(".body-images__search");
    this.error = panel.querySelector(".body-images__error");
    this.csrf = document.querySelector("input[name=csrfmiddlewaretoken]").value;
    this.search.addEventListener("input", this.debounced(this.load.bind(this), 250));
    this.load();
  }

  PicturePanel.prototype.debounced = function (callback, delay) {
    let timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(callback, delay);
    };
  };

  PicturePanel.prototype.load = function () {
    const url = new URL(this.panel.dataset.choicesUrl, window.location.href);
    url.searchParams.set("article", this.panel.dataset.article);
    url.searchParams.set("q", this.search.value.trim());
    const panel = this;
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (choices) {
        panel.show("article", choices.article, false);
        panel.show("library", choices.library, true);
        panel.panel.dataset.loaded = "true";
      })
      .catch(function () { panel.error.hidden = false; });
  };

  PicturePanel.prototype.show = function (listName, entries, fromLibrary) {
    const list = this.panel.querySelector('[data-list="' + listName + '"]');
    const panel = this;
    list.replaceChildren.apply(list, entries.map(function (entry) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "body-images__pick";
      button.dataset.image = entry.id;
      const thumbnail = document.createElement("img");
      thumbnail.src = entry.thumbnail;
      thumbnail.alt = "";
      thumbnail.loading = "lazy";
      thumbnail.referrerPolicy = "no-referrer";
      const caption = document.createElement("span");
      caption.textContent = entry.caption || entry.alt || "";
      button.append(thumbnail, caption);
      button.addEventListener("click", function () {
        panel.pick(entry, fromLibrary);
      });
      return button;
    }));
    this.panel.querySelector('[data-empty="' + listName + '"]').hidden = entries.length > 0;
  };

  PicturePanel.prototype.pick = function (entry, fromLibrary) {
    const panel = this;
    panel.error.hidden = true;
    if (!bodyEditor) {
      panel.error.hidden = false;
      return;
    }
    if (!fromLibrary) {
      insertFigure(entry);
      return;
    }
    const form = new FormData();
    form.append("image", entry.id);
    form.append("article", panel.panel.dataset.article);
    fetch(panel.panel.dataset.attachUrl, {
      method: "POST",
      body: form,
      credentials: "same-origin",
      headers: { "X-CSRFToken": panel.csrf, Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (attached) {
        insertFigure(attached);
        return panel.load();
      })
      .catch(function () { panel.error.hidden = false; });
  };

  document.addEventListener("DOMContentLoaded", function () {
    relabel(document);
    new MutationObserver(function () { relabel(document); }).observe(document.body, { childList: true, subtree: true });
    const panel = document.querySelector(".body-images");
    if (panel) {
      new PicturePanel(panel);
    }
  });
})();
