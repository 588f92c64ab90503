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
    prose.addEventListener("click", (event) => followLink(event, view));

    // As on an e-reader, forward is the next page while there is one, then the next chapter.
    const turn = (side, label, name, onclick) => turnButton(side, label, onclick, name, view.language);
    const back = page > 1 ? turn("back", t.previousPage, t.pageOf(page - 1, pages), go({ chapter, page: page - 1 }))
      : chapter > 1 ? turn("back", t.previousChapter, view.previous_title, go({ chapter: chapter - 1 })) : el("span");
    const forward = page < pages ? turn("forward", t.nextPage, t.pageOf(page + 1, pages), go({ chapter, page: page + 1 }))
      : chapter < view.chapters ? turn("forward", t.nextChapter, view.next_title, go({ chapter: chapter + 1 }))
      : el("p", { class: "the-end" }, t.theEnd);

    const hint = el("div", { class: "hint", hidden: true });
    const ask = (label, prompt) => suggestion(label, prompt, hint, t);
    // Where the chapter sits in the book's tree: its part, then the chapters it belongs to.
    const trail = view.trail.length ? el("p", { class: "trail", lang: view.language }, view.trail.join(" › ")) : null;
    return [
      el("header", { class: "top" },
        el("p", { class: "eyebrow" }, el("span", { class: "book", lang: view.language }, view.book_title), ` · ${where.join(" · ")}`),
        el("div", { class: "tools" }, displayModeButton(t), button(t.toContents, () => App.go("open-book", { book }), "quiet"))),
      progress,
      trail,
      el("h1", { class: "chapter-title", lang: view.language, tabindex: "-1" },
        view.label ? el("span", { class: "label" }, `${view.label} `) : null, view.title),
      el("p", { class: "meta" }, t.read(t.duration(view.minutes))),
      prose,
      selectionBar(prose, view, t),
      el("nav", { class: "turn", "aria-label": where.join(" · ") }, back, forward),
      el("section", { class: "ask" },
        el("h2", { class: "section-title" }, t.ask),
        el("div", { class: "suggest" },
          ask(t.summarize, t.summarizePrompt(chapter, view.title, book)),
          ask(t.explain, t.explainPrompt(chapter, view.title, book))),
        hint),
    ];
  },

  // Opened at a passage (`at`), the reader starts there rather than at the top.
  arrival: (view) => (view.at ? document.getElementById(view.at) : null),

  describe(view, t) {
    const page = view.pages > 1 ? `, page ${view.page} of ${view.pages}` : "";
    return {
      announce: t.nowShowing(`${t.chapterOf(view.chapter, view.chapters)} — ${view.title}`),
      text: `The user is reading chapter ${view.chapter} of ${view.chapters} («${safeTitle(view.title)}») of the book '${view.book}'${page}.`,
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

// A chapter's links never navigate this frame (the widget would be gone): the host opens web and
// mail links; a link to another chapter (data-chapter, written by the server at import) opens it
// at its anchor; an #anchor on this page scrolls, and one on another page of the chapter opens
// that page. Anything else stays inert.
function followLink(event, view) {
  const link = event.target.closest("a[href]");
  if (!link) return;
  event.preventDefault();
  const href = link.getAttribute("href");
  if (/^(https?:|mailto:)/i.test(href)) return Bridge.openLink(link.href);
  if (!href.startsWith("#")) return;
  let id = href.slice(1);
  try { id = decodeURIComponent(id); } catch { /* not percent-encoded after all: use it as written */ }
  const chapter = Number(link.dataset.chapter) || view.chapter;
  const here = chapter === view.chapter && document.getElementById(id);
  if (here) return here.scrollIntoView();
  App.go("read-chapter", { book: view.book, chapter, ...(id ? { at: id } : {}) });
}

// Select words in the chapter, and two buttons offer to send them to the model: "Explain this
// passage" posts a message as the user; "Ask about this…" puts the passage into the model's
// context, so the user's next message (typed in the chat) can ask anything about it.
function selectionBar(prose, view, t) {
  const quoteOf = el("span", { class: "quote", lang: view.language });
  const hint = el("p", { class: "hint", hidden: true, role: "status" });
  const bar = el("div", { class: "selection", hidden: true, "aria-label": t.selected, role: "group" },
    el("span", { class: "what" }, t.selected, " ", quoteOf));
  let chosen = null; // {quote, where}

  const explain = button(t.explainPassage, async () => {
    if (!chosen) return;
    const prompt = t.explainPassagePrompt(chosen.where, chosen.quote);
    explain.disabled = true;
    try {
      await Bridge.sendFollowUpMessage(prompt);
      hint.textContent = t.sent;
    } catch (error) {
      hint.textContent = `${Bridge.isUnsupported(error) ? t.unsupported : t.failed} ${prompt}`;
    }
    hint.hidden = false;
    explain.disabled = false;
  }, "chip");
  const ask = button(t.askAbout, () => {
    if (!chosen) return;
    const text = t.askContext(chosen.where, chosen.quote);
    Bridge.updateModelContext({
      content: [{ type: "text", text }],
      structuredContent: { view: "chapter", book: view.book, chapter: view.chapter, page: view.page, selection: chosen },
    });
    hint.textContent = t.askReady;
    hint.hidden = false;
  }, "chip");
  bar.append(el("span", { class: "actions" }, explain, ask), hint);

  // A selection inside the chapter's text shows the bar; elsewhere (or none) hides it, unless the
  // reader has moved into the bar itself to press one of its buttons.
  watchSelection = () => {
    if (!bar.isConnected || bar.contains(document.activeElement)) return;
    const selection = document.getSelection();
    const text = selection && !selection.isCollapsed ? selection.toString().replace(/\s+/g, " ").trim() : "";
    const inside = text && prose.contains(selection.anchorNode) && prose.contains(selection.focusNode);
    if (!inside) {
      bar.hidden = true;
      return;
    }
    const block = selection.anchorNode.parentElement?.closest(".prose > [id]");
    const citation = block?.dataset.passage ? `${view.chapter}.${block.dataset.passage}` : null;
    const quote = text.length > 600 ? `${text.slice(0, 599)}…` : text;
    chosen = { quote, where: t.passageWhere(view.book, view.chapter, citation), anchor: block?.id || null, citation };
    quoteOf.textContent = `“${quote.length > 90 ? `${quote.slice(0, 89)}…` : quote}”`;
    hint.hidden = true;
    bar.hidden = false;
  };
  return bar;
}

// One listener for the page's life; each chapter view points it at its own bar.
let watchSelection = () => {};
document.addEventListener("selectionchange", () => watchSelection());
