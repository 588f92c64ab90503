// Renders ChapterView (app/views.py): structuredContent of read-chapter, with the page's HTML in
// _meta["chapterwise/html"], rendered and sanitised by the server at import.
Views.chapter = {
  accepts: (data) => typeof data.chapter === "number" && typeof data.book === "string",

  render(view, result, t) {
    const { book, chapter, page, pages } = view;
    const go = (args) => () => App.go("read-chapter", { book, ...args });
    const where = [t.chapterOf(chapter, view.chapters)];
    if (pages > 1) where.push(t.pageOf(page, pages));
    const progress = el("div", { class: "progress", "aria-hidden": "true" }, el("span"));
    progress.firstChild.style.width = `${(100 * (chapter - 1 + page / pages)) / view.chapters}%`;

    const prose = el("article", { class: "prose", lang: view.language });
    const html = result._meta["chapterwise/html"];
    if (typeof html === "string") prose.innerHTML = html; // the widgets' only innerHTML: sanitised by the server
    else prose.append(...App.textOf(result).split(/\n{2,}/).map((text) => el("p", {}, text)));
    prose.addEventListener("click", followLink);

    // As on an e-reader, forward is the next page while there is one, then the next chapter.
    const turn = (side, label, name, onclick) => turnButton(side, label, onclick, name, view.language);
    const back = page > 1 ? turn("back", t.previousPage, t.pageOf(page - 1, pages), go({ chapter, page: page - 1 }))
      : chapter > 1 ? turn("back", t.previousChapter, view.previous_title, go({ chapter: chapter - 1 })) : el("span");
    const forward = page < pages ? turn("forward", t.nextPage, t.pageOf(page + 1, pages), go({ chapter, page: page + 1 }))
      : chapter < view.chapters ? turn("forward", t.nextChapter, view.next_title, go({ chapter: chapter + 1 }))
      : el("p", { class: "the-end" }, t.theEnd);

    const hint = el("div", { class: "hint", hidden: true });
    const ask = (label, prompt) => suggestion(label, prompt, hint, t);
    return [
      el("header", { class: "top" },
        el("p", { class: "eyebrow" }, el("span", { class: "book", lang: view.language }, view.book_title), ` · ${where.join(" · ")}`),
        el("div", { class: "tools" }, displayModeButton(t), button(t.toContents, () => App.go("open-book", { book }), "quiet"))),
      progress,
      el("h1", { class: "chapter-title", lang: view.language, tabindex: "-1" }, view.title),
      el("p", { class: "meta" }, t.read(t.duration(view.minutes))),
      prose,
      el("nav", { class: "turn", "aria-label": where.join(" · ") }, back, forward),
      el("section", { class: "ask" },
        el("h2", { class: "section-title" }, t.ask),
        el("div", { class: "suggest" },
          ask(t.summarize, t.summarizePrompt(chapter, view.title, view.book_title)),
          ask(t.explain, t.explainPrompt(chapter, view.title, view.book_title))),
        hint),
    ];
  },

  describe(view, t) {
    const page = view.pages > 1 ? `, page ${view.page} of ${view.pages}` : "";
    return {
      announce: t.nowShowing(`${t.chapterOf(view.chapter, view.chapters)} — ${view.title}`),
      text: `The user is reading chapter ${view.chapter} of ${view.chapters}, "${view.title}", of "${view.book_title}"${page}.`,
      state: { view: "chapter", book: view.book, chapter: view.chapter, page: view.page },
    };
  },
};

// A suggestion posts a follow-up as the user. Hosts may drop it (say, while the model answers) or
// not offer it: the button shows it was sent, or else the words to type instead.
function suggestion(label, prompt, hint, t) {
  const node = button(label, async () => {
    node.disabled = true;
    node.dataset.done = "";
    node.textContent = t.sending;
    try {
      await Bridge.sendFollowUpMessage(prompt);
      node.textContent = t.sent;
      node.classList.add("sent");
    } catch (error) {
      delete node.dataset.done;
      node.disabled = false;
      node.textContent = label;
      hint.replaceChildren(el("p", {}, Bridge.isUnsupported(error) ? t.unsupported : t.failed), el("p", { class: "typed" }, prompt));
      hint.hidden = false;
    }
  }, "chip");
  return node;
}

function displayModeButton(t) {
  if (!Bridge.canRequestDisplayMode("fullscreen")) return null;
  const full = Bridge.context.displayMode === "fullscreen";
  return button(full ? t.inline : t.fullscreen, () => Bridge.requestDisplayMode(full ? "inline" : "fullscreen").catch(() => {}), "quiet");
}

// A chapter's links never navigate this frame (the widget would be gone): the host opens web
// links, #anchors (footnotes, headings) scroll, and anything else stays inert.
function followLink(event) {
  const link = event.target.closest("a[href]");
  if (!link) return;
  event.preventDefault();
  const href = link.getAttribute("href");
  if (/^https?:\/\//i.test(href)) return Bridge.openLink(link.href);
  if (!href.startsWith("#")) return;
  let id = href.slice(1);
  try { id = decodeURIComponent(id); } catch { /* not percent-encoded after all: use it as written */ }
  document.getElementById(id)?.scrollIntoView();
}
