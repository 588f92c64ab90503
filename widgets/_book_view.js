// Renders BookView (app/views.py): structuredContent of open-book. Its cover and contents open
// chapters in place, and "← Library" goes back to the shelf.
Views.book = {
  accepts: (data) => Array.isArray(data.contents),

  render(book, result, t) {
    const read = (chapter) => () => App.go("read-chapter", { book: book.slug, chapter });
    return [
      el("nav", { class: "top" }, button(t.toLibrary, () => App.go("list-books", {}), "quiet")),
      el("section", { class: "cover" },
        jacket(book, "jacket large"),
        el("div", { class: "cover-text" },
          el("h1", { lang: book.language, tabindex: "-1" }, book.title),
          book.author ? el("p", { class: "byline" }, t.by(book.author)) : null,
          book.description ? el("p", { class: "blurb", lang: book.language }, book.description) : null,
          el("p", { class: "meta" }, `${t.chapters(book.chapters)} · ${t.read(t.duration(book.minutes))}`),
          book.contents.length ? button(t.startReading, read(book.contents[0].number), "primary") : null)),
      searchForm(t, book.slug),
      el("h2", { class: "section-title" }, t.contents),
      el("ol", { class: "toc" }, book.contents.map((entry) => el("li", {},
        el("button", { type: "button", onclick: read(entry.number) },
          el("span", { class: "n" }, entry.number),
          el("span", { class: "t", lang: book.language }, entry.title),
          el("span", { class: "m" }, entry.pages > 1 ? `${t.duration(entry.minutes)} · ${t.pages(entry.pages)}` : t.duration(entry.minutes)))))),
    ];
  },

  describe(book, t) {
    return {
      announce: t.nowShowing(`${book.title} — ${t.contents}`),
      text: `The user is looking at the contents of "${book.title}" (${book.chapters} chapters).`,
      state: { view: "book", book: book.slug },
    };
  },
};
