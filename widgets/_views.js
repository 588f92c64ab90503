// One small app serves all three widgets, so a reader can go from the library to a book to a
// chapter and back inside one frame (a host mounts no new widget for a widget's own tools/call).
// What it renders is chosen by the shape of structuredContent, whose contracts are in app/views.py:
//   LibraryView {books}          from list-books
//   BookView    {slug, contents} from open-book
//   ChapterView {book, chapter}  from read-chapter, with the page's HTML in _meta["chapterwise/html"]
(() => {
  const app = document.getElementById("app");
  const announcer = document.getElementById("announce");
  let current = null; // the last successful result, re-rendered when the locale or theme changes
  let busy = false;
  let t = strings(Bridge.locale);

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (key === "onclick") node.addEventListener("click", value);
      else if (key === "class") node.className = value;
      else if (value !== null && value !== undefined) node.setAttribute(key, value);
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) {
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
      }
    }
    return node;
  }

  // replaceChildren() would print a null as the text "null"; optional parts are left out instead.
  function show(...nodes) {
    app.replaceChildren(...nodes.filter(Boolean));
  }

  function button(label, onclick, cls = "") {
    return el("button", { type: "button", class: cls, onclick }, label);
  }

  function showError(message) {
    app.querySelector(".error")?.remove();
    app.prepend(el("p", { class: "error", role: "alert" }, `${t.error} ${message}`));
  }

  async function go(tool, args) {
    if (busy) return;
    busy = true;
    app.setAttribute("aria-busy", "true");
    app.querySelectorAll("button").forEach((b) => { b.disabled = true; });
    try {
      const result = await Bridge.callTool(tool, args);
      if (result.isError) showError(result.content.map((c) => c.text || "").join(" "));
      else { render(result); window.scrollTo(0, 0); }
    } catch (error) {
      showError(error.message);
    } finally {
      busy = false;
      app.setAttribute("aria-busy", "false");
      app.querySelectorAll("button:not(.sent)").forEach((b) => { b.disabled = false; });
    }
  }

  function render(result) {
    if (result.isError) { showError(result.content.map((c) => c.text || "").join(" ")); return; }
    const data = result.structuredContent;
    if (!data) return;
    current = result;
    app.setAttribute("aria-busy", "false");
    if (Array.isArray(data.books)) renderLibrary(data);
    else if (Array.isArray(data.contents)) renderBook(data);
    else if (data.chapter) renderChapter(data, result._meta?.["chapterwise/html"] || "");
  }

  function renderLibrary(view) {
    const cards = view.books.map((book) => el("li", {},
      button([
        el("strong", {}, book.title),
        book.author ? el("span", { class: "meta" }, t.by(book.author)) : null,
        el("span", { class: "meta" }, `${t.chapters(book.chapters)} · ${t.minutes(book.minutes)}`),
      ], () => go("open-book", { book: book.slug }), "card")));
    show(
      el("h1", { class: "eyebrow" }, t.library),
      view.books.length ? el("ul", { class: "shelf" }, cards) : el("p", { class: "status" }, t.emptyLibrary),
    );
    tell(t.library, `The user is looking at their library (${view.books.length} ${view.books.length === 1 ? "book" : "books"}).`, { view: "library" });
  }

  function renderBook(book) {
    const read = (chapter) => () => go("read-chapter", { book: book.slug, chapter });
    show(
      el("div", { class: "bar" }, button(t.backToLibrary, () => go("list-books", {}), "link")),
      el("section", { class: "cover", lang: book.language || null },
        el("div", { class: "spine", "aria-hidden": "true" }, (book.title || "?").trim().charAt(0)),
        el("div", {},
          el("h1", {}, book.title),
          book.author ? el("p", { class: "meta" }, t.by(book.author)) : null,
          book.description ? el("p", {}, book.description) : null,
          el("p", { class: "meta" }, `${t.chapters(book.chapters)} · ${t.minutes(book.minutes)}`),
          button(t.startReading, read(1), "primary"))),
      el("h2", { class: "eyebrow" }, t.contents),
      el("ol", { class: "toc", lang: book.language || null }, book.contents.map((entry) => el("li", {},
        button([
          el("span", { class: "n" }, entry.number),
          el("span", { class: "t" }, entry.title),
          el("span", { class: "meta" }, t.minutes(entry.minutes)),
        ], read(entry.number))))),
    );
    tell(book.title, `The user is looking at the contents of "${book.title}" (${book.chapters} chapters).`,
      { view: "book", book: book.slug });
  }

  function renderChapter(view, html) {
    const at = (chapter, page = 1) => () => go("read-chapter", { book: view.book, chapter, page });
    const where = [view.book_title, t.chapterOf(view.chapter, view.chapters)];
    if (view.pages > 1) where.push(t.pageOf(view.page, view.pages));
    const prose = el("article", { class: "prose", lang: view.language || null });
    // The only innerHTML in the widget: HTML the server rendered with raw HTML escaped and unsafe links refused.
    prose.innerHTML = html;
    prose.addEventListener("click", followLink);
    const pageNav = view.pages > 1 ? el("div", { class: "nav" },
      view.page > 1 ? button(t.previousPage, at(view.chapter, view.page - 1)) : el("span"),
      view.page < view.pages ? button(t.nextPage, at(view.chapter, view.page + 1), "primary") : el("span")) : null;
    const chapterNav = el("div", { class: "nav" },
      view.chapter > 1 ? button(t.previousChapter, at(view.chapter - 1), "") : el("span"),
      view.chapter < view.chapters ? button(t.nextChapter, at(view.chapter + 1), "primary") : el("span"));
    if (view.previous_title && chapterNav.firstChild.tagName === "BUTTON") chapterNav.firstChild.title = view.previous_title;
    if (view.next_title && chapterNav.lastChild.tagName === "BUTTON") chapterNav.lastChild.title = view.next_title;
    const hint = el("p", { class: "hint", hidden: "" });
    show(
      el("div", { class: "bar" },
        el("p", { class: "eyebrow" }, where.join(" · ")),
        button(t.backToContents, () => go("open-book", { book: view.book }), "link")),
      el("h1", { class: "chapter-title", lang: view.language || null }, view.title),
      el("p", { class: "meta" }, t.minutes(view.minutes)),
      prose,
      pageNav,
      (view.pages === 1 || view.page === view.pages) ? chapterNav : null,
      el("div", { class: "suggest" },
        suggestion(t.summarize, t.summarizePrompt(view.chapter, view.title, view.book_title), hint),
        suggestion(t.explain, t.explainPrompt(view.chapter, view.title, view.book_title), hint)),
      hint,
    );
    const page = view.pages > 1 ? `, page ${view.page} of ${view.pages}` : "";
    tell(`${t.chapterOf(view.chapter, view.chapters)}: ${view.title}`,
      `The user is reading chapter ${view.chapter} of ${view.chapters}, "${view.title}", of "${view.book_title}"${page}.`,
      { view: "chapter", book: view.book, chapter: view.chapter, page: view.page });
  }

  // A suggestion posts a follow-up as the user. Hosts may drop it (say, while the model is
  // answering), so the button shows it was sent, or else shows the words to type instead.
  function suggestion(label, prompt, hint) {
    const node = button(label, async () => {
      node.disabled = true;
      try {
        await Bridge.sendFollowUpMessage(prompt);
        node.textContent = t.sent;
        node.classList.add("sent");
      } catch {
        node.disabled = false;
        hint.hidden = false;
        hint.textContent = `${t.failed} ${prompt}`;
      }
    });
    return node;
  }

  function followLink(event) {
    const link = event.target.closest("a[href]");
    if (!link) return;
    const href = link.getAttribute("href");
    event.preventDefault();
    if (href.startsWith("#")) document.getElementById(decodeURIComponent(href.slice(1)))?.scrollIntoView();
    else if (/^https?:\/\//i.test(href)) Bridge.openLink(href);
  }

  function tell(announcement, text, structuredContent) {
    announcer.textContent = t.nowShowing(announcement);
    Bridge.updateModelContext(text, structuredContent);
  }

  Bridge.onResult(render);
  Bridge.onContext(() => {
    const next = strings(Bridge.locale);
    if (next !== t) { t = next; document.documentElement.lang = t === STRINGS.zh ? "zh-CN" : "en"; if (current) render(current); }
  });
  document.getElementById("status").textContent = {
    library: t.loadingLibrary, book: t.loadingBook, reader: t.loadingChapter,
  }[document.documentElement.dataset.widget] || t.loadingBook;
  Bridge.connect().catch(() => {
    // Neither dialect answered: opened outside a host. Say so instead of loading forever.
    document.getElementById("status").textContent = "Open this widget from an MCP Apps host or ChatGPT.";
  });
})();
