// Renders BookView (app/views.py): structuredContent of open-book. Its cover offers to continue
// where the reader stopped, its contents are the book's tree (parts, chapters, sub-chapters) with
// the chapters read ticked, and "← Library" goes back to the shelf.
Views.book = {
  accepts: (data) => Array.isArray(data.contents),

  render(book, result) {
    const { slug, language: lang, progress: at } = book;
    const read = (chapter, page) => () => App.go("read-chapter", { book: slug, chapter, ...(page > 1 ? { page } : {}) });
    const first = book.contents[0];
    // The book's own numbering where it has one ("2.2", "11"); a count only where it has none.
    const nameOf = (entry) => entry.label || (book.numbered ? "" : String(entry.number));
    const current = at && book.contents.find((entry) => entry.number === at.chapter);
    const start = at ? button(current && nameOf(current) ? t.continueAt(nameOf(current)) : t.continueReading, read(at.chapter, at.page), "primary")
      : first && button(t.startReading, read(first.number), "primary");
    // A part's title goes above its first chapter; depth indents sub-chapters, as the book has them,
    // up to two steps: deeper ones line up with the second, so a narrow frame keeps room for titles.
    let part = null;
    const toc = book.contents.flatMap((entry) => {
      const heading = entry.part && entry.part !== part && el("li.part", { lang }, entry.part);
      part = entry.part;
      const done = at && entry.number < at.furthest_chapter;
      return [heading, el("li", { class: `depth-${Math.min(entry.depth, 2)}` },
        el("button", { type: "button", onclick: read(entry.number), "aria-current": at && entry.number === at.chapter && "step" },
          el("span.n", nameOf(entry)),
          el("span.t", { lang }, entry.title),
          el("span.m", done && el("span.done", { role: "img", "aria-label": t.readMark }, "✓ "),
            facts(t.duration(entry.minutes), entry.pages > 1 && t.pages(entry.pages)))))];
    });
    const marks = book.bookmarks;
    return [
      el("nav.top", backTo(null)),
      el("section.cover",
        jacket(book, "jacket large"),
        el("div.cover-text",
          el("h1", { lang, tabindex: "-1" }, book.title),
          book.author && el("p.byline", t.by(book.author)),
          book.description && el("p.blurb", { lang }, book.description),
          el("p.meta", bookFacts(book)),
          el("div.actions", start,
            book.highlights + marks.length > 0 && button(t.notesCount(book.highlights, marks.length), () => App.go("read-notes", { book: slug }))))),
      searchForm(slug),
      marks.length && el("p.marks", t.bookmarks, marks.map((mark) =>
        button(bookmarkLabel(mark), read(mark.chapter, mark.page), "chip"))),
      el("h2.section-title", t.contents),
      el("ol.toc", toc),
      spoilerSwitch(book.spoiler_safe),
    ];
  },

  describe(book) {
    return { announce: `${book.title} — ${t.contents}`, state: { view: "book", book: book.slug } };
  },
};

// Spoiler-safe help is the reader's to turn off (a reference book has nothing to spoil).
function spoilerSwitch(on) {
  const box = el("input", { type: "checkbox", checked: on, onchange: () => quietly("save-settings", { spoiler_safe: box.checked }) });
  return el("label.switch", box, ` ${t.spoilerSafe}`);
}
