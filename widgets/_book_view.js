// Renders BookView (app/views.py): structuredContent of open-book. Its cover offers to continue
// where the reader stopped, its contents are the book's tree (parts, chapters, sub-chapters) with
// the chapters read ticked, and "← Library" goes back to the shelf.
Views.book = {
  accepts: (data) => Array.isArray(data.contents),

  render(book, result, t) {
    const read = (chapter, page) => () => App.go("read-chapter", { book: book.slug, chapter, ...(page > 1 ? { page } : {}) });
    const at = book.progress;
    const first = book.contents[0];
    const start = at ? button(t.continueAt(at.chapter), read(at.chapter, at.page), "primary")
      : first ? button(t.startReading, read(first.number), "primary") : null;
    // A part's title goes above its first chapter; depth indents sub-chapters, as the book has them.
    let part = null;
    const toc = book.contents.flatMap((entry) => {
      const heading = entry.part && entry.part !== part ? el("li", { class: "part", lang: book.language }, entry.part) : null;
      part = entry.part;
      const done = at && entry.number < at.furthest_chapter;
      const here = at && entry.number === at.chapter;
      const item = el("li", { class: `depth-${Math.min(entry.depth, 3)}` },
        el("button", { type: "button", onclick: read(entry.number), "aria-current": here ? "step" : null },
          el("span", { class: "n", "aria-label": done ? t.readMark : null }, done ? "✓" : entry.label || entry.number),
          el("span", { class: "t", lang: book.language }, entry.title),
          el("span", { class: "m" }, entry.pages > 1 ? `${t.duration(entry.minutes)} · ${t.pages(entry.pages)}` : t.duration(entry.minutes))));
      return [heading, item];
    });
    const notes = book.highlights || book.bookmarks.length;
    return [
      el("nav", { class: "top" }, button(t.toLibrary, () => App.go("list-books", {}), "quiet")),
      el("section", { class: "cover" },
        jacket(book, "jacket large"),
        el("div", { class: "cover-text" },
          el("h1", { lang: book.language, tabindex: "-1" }, book.title),
          book.author ? el("p", { class: "byline" }, t.by(book.author)) : null,
          book.description ? el("p", { class: "blurb", lang: book.language }, book.description) : null,
          el("p", { class: "meta" }, [t.chapters(book.chapters), t.read(t.duration(book.minutes)), at ? t.percentRead(at.percent) : null].filter(Boolean).join(" · ")),
          el("div", { class: "actions" }, start,
            notes ? button(t.notesCount(book.highlights, book.bookmarks.length), () => App.go("read-notes", { book: book.slug }), "quiet") : null))),
      searchForm(t, book.slug),
      book.bookmarks.length ? el("p", { class: "marks" }, t.bookmarks, ...book.bookmarks.map((mark) =>
        button(`🔖 ${mark.chapter}${mark.page > 1 ? `.${mark.page}` : ""} ${mark.title}`, read(mark.chapter, mark.page), "chip"))) : null,
      el("h2", { class: "section-title" }, t.contents),
      el("ol", { class: "toc" }, toc),
      spoilerSwitch(book.spoiler_safe, t),
    ];
  },

  describe(book, t) {
    const where = book.progress ? ` The reader is at chapter ${book.progress.chapter} (${book.progress.percent}% read).` : "";
    return {
      announce: t.nowShowing(`${book.title} — ${t.contents}`),
      text: `The user is looking at the contents of the book '${book.slug}' (${book.chapters} chapters).${where}`,
      state: { view: "book", book: book.slug },
    };
  },
};

// Spoiler-safe help is the reader's to turn off (a reference book has nothing to spoil).
function spoilerSwitch(on, t) {
  const box = el("input", { type: "checkbox", checked: on });
  box.addEventListener("change", () => quietly("save-settings", { spoiler_safe: box.checked }));
  return el("label", { class: "switch" }, box, ` ${t.spoilerSafe}`);
}
