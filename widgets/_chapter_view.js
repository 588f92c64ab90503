// Renders ChapterView (app/views.py): structuredContent of read-chapter, with the page's HTML in
// _meta["chapterwise/html"] (rendered and sanitised by the server at import) and the reader's
// highlights on the page in _meta["chapterwise/highlights"].
Views.chapter = {
  accepts: (data) => typeof data.chapter === "number" && typeof data.book === "string",

  render(view, result) {
    const { book, chapter, page, pages, language: lang } = view;
    const go = (args) => () => App.go("read-chapter", { book, ...args });
    // "Chapter 32 of 47" counts chapters; a book that numbers its own ("11", "2.2") is not
    // contradicted: its number heads the title instead, and the bar shows how far in it is.
    const own = ownLabel(view);
    const where = facts(countOf(view), pages > 1 && t.pageOf(page, pages));

    const prose = el("article.prose", { lang, onclick: (event) => followLink(event, view) });
    const html = result._meta["chapterwise/html"];
    if (typeof html === "string") prose.innerHTML = html; // the widgets' only innerHTML: sanitised by the server
    else prose.append(...App.textOf(result).split(/\n{2,}/).map((text) => el("p", text)));
    // A wide table scrolls sideways in its own box, as code does: a keyboard must reach it too.
    for (const table of prose.querySelectorAll("table")) table.tabIndex = 0;
    const editor = el("div.editor", { hidden: true });
    const again = (at) => App.go("read-chapter", { ...placeOf(view), ...(at ? { at } : {}) });
    for (const mark of result._meta["chapterwise/highlights"] || []) paint(prose, { ...mark, book, chapter }, editor, again);

    // As on an e-reader, forward is the next page while there is one, then the next chapter.
    const turn = (side, label, name, onclick) => turnButton(side, label, onclick, name, lang);
    const back = page > 1 ? turn("back", t.previousPage, t.pageOf(page - 1, pages), go({ chapter, page: page - 1 }))
      : chapter > 1 ? turn("back", t.previousChapter, view.previous_title, go({ chapter: chapter - 1 })) : el("span");
    const forward = page < pages ? turn("forward", t.nextPage, t.pageOf(page + 1, pages), go({ chapter, page: page + 1 }))
      : chapter < view.chapters ? turn("forward", t.nextChapter, view.next_title, go({ chapter: chapter + 1 }))
      : el("p.the-end", t.theEnd);

    const hint = el("div.hint", { hidden: true });
    // Each suggestion's prompt names this chapter (number, title, book); spoiler-safe help also asks
    // the model to keep to the chapters the reader has reached.
    const upTo = view.spoiler_safe && Math.max(view.furthest_chapter || 0, chapter);
    const ask = (label, prompt) =>
      suggestion(label, prompt(chapter, safeTitle(view.title), book) + (upTo ? t.noSpoilers(upTo) : ""), hint);
    watchPlace(prose, view);
    return [
      el("header.top",
        el("p.eyebrow", el("span.book", { lang }, view.book_title), where && ` · ${where}`),
        el("div.tools", displayModeButton(), bookmarkButton(view), backTo(book))),
      meter((100 * (chapter - 1 + page / pages)) / view.chapters, "progress"),
      view.trail.length > 0 && el("p.trail", { lang }, view.trail.join(" › ")),
      el("h1.chapter-title", { lang, tabindex: "-1" }, own && el("span.label", `${own} `), view.title),
      el("p.meta", t.read(t.duration(view.minutes))),
      prose,
      selectionBar(prose, view, editor, again),
      editor,
      el("nav.turn", { "aria-label": where || view.title }, back, forward),
      el("section.ask",
        el("h2.section-title", t.ask),
        el("div.suggest",
          ask(t.summarize, t.summarizePrompt),
          ask(t.explain, t.explainPrompt)),
        hint),
    ];
  },

  // Opened at a passage (`at`), the reader starts there rather than at the top.
  arrival: (view) => (view.at ? document.getElementById(view.at) : null),

  describe(view) {
    const { book, chapter, page } = view;
    return {
      announce: [ownLabel(view) || countOf(view), view.title].filter(Boolean).join(" — "),
      state: { view: "chapter", book, chapter, page },
    };
  },
};

// The chapter's number as the book writes it ("11", "2.2"), where that is not its count.
const ownLabel = ({ label, chapter }) => (label && label !== String(chapter) ? label : null);
// "Chapter 2 of 12", unless the book says otherwise: by its own number, or, for a preface in a
// book that numbers its chapters, by having none.
const countOf = (view) =>
  (view.label ? !ownLabel(view) : !view.numbered) && t.chapterOf(view.chapter, view.chapters);

// Which page of which book the reader has open: what the tools that save or go back to a place take.
const placeOf = ({ book, chapter, page }) => ({ book, chapter, page });

// A passage's citation, as the model's copy of the text marks it: chapter.passage. Passages are the
// top-level blocks with an id; the page says which number its first one has.
function citationOf(block, view) {
  const blocks = [...block.parentElement.children].filter((node) => node.id);
  return view.first_passage ? `${view.chapter}.${view.first_passage + blocks.indexOf(block)}` : null;
}

// Where the reader is, saved as they read: the page, and the passage at the top of the view. Saved
// a moment after they stop (not on every scroll), and not again when nothing moved.
let watchScroll = () => {};
addEventListener("scroll", () => watchScroll(), { passive: true });
function watchPlace(prose, view) {
  let timer, last = "";
  const save = () => {
    if (!prose.isConnected) return;
    const top = [...prose.children].find((node) => node.id && node.getBoundingClientRect().bottom > 40);
    const place = { ...placeOf(view), ...(top ? { at: top.id } : {}) };
    const key = JSON.stringify(place);
    if (key !== last) quietly("save-progress", place);
    last = key;
  };
  watchScroll = () => { clearTimeout(timer); timer = setTimeout(save, 1200); };
  watchScroll();
}

function bookmarkButton(view) {
  let mark = view.bookmark;
  const show = () => {
    node.textContent = mark ? t.bookmarked : t.bookmark;
    node.setAttribute("aria-pressed", Boolean(mark));
  };
  const node = button("", async () => {
    node.disabled = true;
    const done = await (mark ? quietly("delete-bookmark", { id: mark }) : quietly("save-bookmark", placeOf(view)));
    if (done && !done.isError) mark = mark ? null : done.structuredContent.id;
    show();
    node.disabled = false;
  });
  show();
  return node;
}

// Mark a highlight in the text: its quote inside its passage, wrapped in <mark>, which opens the
// editor for its colour and note. The quote is matched as the reader selected it, spaces folded.
function paint(prose, highlight, editor, again) {
  const { anchor, quote, note } = highlight;
  // The page is not in the document yet while it is drawn: look for the passage among its blocks.
  const block = [...prose.children].find((node) => node.id === anchor);
  if (!block) return;
  const map = [];
  let flat = "";
  for (const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT); walker.nextNode();) {
    const node = walker.currentNode;
    for (let i = 0; i < node.data.length; i++) {
      const space = /\s/.test(node.data[i]);
      if (space && flat.endsWith(" ")) continue;
      flat += space ? " " : node.data[i];
      map.push([node, i]);
    }
  }
  const start = flat.indexOf(quote);
  if (start < 0) return;
  const end = start + quote.length;
  const [first, from] = map[start], [last, to] = map[end - 1];
  const edit = () => openEditor(editor, highlight, () => again(anchor), block);
  // A note shows as a small mark after the highlight; the note itself opens with it.
  if (note) last.parentNode.insertBefore(el("span.noted", { "aria-hidden": "true" }, "✎"), last.splitText(to + 1));
  for (const node of [...new Set(map.slice(start, end).map(([node]) => node))].reverse()) {
    const text = node === last ? node.splitText(to + 1).previousSibling : node;
    const piece = node === first ? text.splitText(from) : text;
    const mark = el("mark", {
      class: `hl ${highlight.colour}`, tabindex: "0", title: note || null, "aria-label": note ? t.noted(note) : null,
      onclick: edit, onkeydown: (event) => event.key === "Enter" && edit(),
    });
    piece.replaceWith(mark);
    mark.append(piece);
  }
}

// A highlight's colour and note, to make, change or delete, just below its passage (`near`) when
// there is one; `after` redraws what shows it.
function openEditor(box, highlight, after, near) {
  const { book, chapter, anchor, quote, id } = highlight;
  let colour = highlight.colour;
  const note = el("textarea", { rows: 2, maxlength: 4000, placeholder: t.notePlaceholder, "aria-label": t.note });
  note.value = highlight.note || "";
  const swatches = Object.keys(t.colours).map((name) => el(`button.swatch.${name}`, {
    type: "button", "aria-label": t.colours[name], "aria-pressed": String(name === colour),
    onclick: () => { colour = name; swatches.forEach((swatch) => swatch.setAttribute("aria-pressed", swatch.classList.contains(name))); },
  }));
  const save = async () => (await App.act("save-highlight", {
    book, chapter, at: anchor, quote, colour, ...(note.value.trim() ? { note: note.value.trim() } : {}), ...(id ? { id } : {}),
  })) && after();
  const remove = async () => (await App.act("delete-highlight", { id })) && after();
  box.replaceChildren(el("p.quote", `“${quote}”`), el("div.swatches", swatches), note,
    el("div.actions", button(t.save, save, "primary"), id ? button(t.delete, remove) : null,
      button(t.cancel, () => { box.hidden = true; })));
  near?.after(box);
  box.hidden = false;
  note.focus();
}

// Post a message as the user. Hosts may drop it (say, while the model answers) or not offer it:
// then `hint` shows the words to type instead. Resolves to whether it was sent.
async function sendAsUser(prompt, hint) {
  try {
    await Bridge.sendFollowUpMessage(prompt);
    return true;
  } catch (error) {
    hint.replaceChildren(el("p", Bridge.isUnsupported(error) ? t.unsupported : t.failed), el("p.typed", prompt));
    hint.hidden = false;
    return false;
  }
}

// A suggestion posts its prompt once: the button then shows it was sent, or is ready to try again.
function suggestion(label, prompt, hint) {
  const node = button(label, async () => {
    node.disabled = true;
    node.dataset.done = "";
    node.textContent = t.sending;
    const sent = await sendAsUser(prompt, hint);
    node.textContent = sent ? t.sent : label;
    node.classList.toggle("sent", sent);
    if (sent) return;
    delete node.dataset.done;
    node.disabled = false;
  }, "chip");
  return node;
}

function displayModeButton() {
  if (!Bridge.canRequestDisplayMode("fullscreen")) return null;
  const full = Bridge.context.displayMode === "fullscreen";
  return button(full ? t.inline : t.fullscreen, () => Bridge.requestDisplayMode(full ? "inline" : "fullscreen").catch(() => {}));
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

// Select words in the chapter, and buttons offer what to do with them: highlight them (then add a
// note), "Explain this passage" (a message as the user), or "Ask about this…" (into the model's
// context, so the user's next message, typed in the chat, can ask anything about it).
function selectionBar(prose, view, editor, again) {
  const { book, chapter } = view;
  const quoteOf = el("span.quote", { lang: view.language });
  const hint = el("div.hint", { hidden: true, role: "status" });
  const say = (text) => {
    hint.replaceChildren(el("p", text));
    hint.hidden = false;
  };
  let chosen = null; // {quote, where, anchor, citation}

  const highlight = button(t.highlight, () => chosen?.anchor && openEditor(editor,
    { book, chapter, anchor: chosen.anchor, quote: chosen.quote, colour: "yellow" },
    () => again(chosen.anchor), document.getElementById(chosen.anchor)), "chip");
  const explain = button(t.explainPassage, async () => {
    if (chosen && await sendAsUser(t.explainPassagePrompt(chosen.where, chosen.quote), hint)) say(t.sent);
  }, "chip");
  const ask = button(t.askAbout, () => {
    if (!chosen) return;
    Bridge.updateModelContext(t.askContext(chosen.where, chosen.quote), { view: "chapter", ...placeOf(view), selection: chosen });
    say(t.askReady);
  }, "chip");
  const bar = el("div.selection", { hidden: true, "aria-label": t.selected, role: "group" },
    el("span.what", t.selected, " ", quoteOf), el("span.actions", highlight, explain, ask), hint);

  // A selection inside the chapter's text shows the bar; elsewhere (or none) hides it, unless the
  // reader has moved into the bar itself to press one of its buttons.
  watchSelection = () => {
    if (!bar.isConnected || bar.contains(document.activeElement)) return;
    const selection = document.getSelection();
    const text = selection && !selection.isCollapsed ? selection.toString().replace(/\s+/g, " ").trim() : "";
    if (!text || !prose.contains(selection.anchorNode) || !prose.contains(selection.focusNode)) {
      bar.hidden = true;
      return;
    }
    const block = selection.anchorNode.parentElement?.closest(".prose > [id]");
    const citation = block ? citationOf(block, view) : null;
    const quote = text.length > 600 ? `${text.slice(0, 599)}…` : text;
    chosen = { quote, where: t.passageWhere(book, chapter, citation), anchor: block?.id || null, citation };
    quoteOf.textContent = `“${quote.length > 90 ? `${quote.slice(0, 89)}…` : quote}”`;
    highlight.hidden = !block;
    hint.hidden = true;
    bar.hidden = false;
  };
  return bar;
}

// One listener for the page's life; each chapter view points it at its own bar.
let watchSelection = () => {};
document.addEventListener("selectionchange", () => watchSelection());
