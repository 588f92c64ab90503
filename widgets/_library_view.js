// Renders LibraryView (app/views.py): structuredContent of list-books. A card opens its book; a
// large library comes a page at a time, and a search shows only the books that match.
Views.library = {
  accepts: (data) => Array.isArray(data.books),

  render(library, result) {
    // The button is the title, so its name is what it shows; the rest of the card describes it.
    // The whole card is clickable all the same: the button's ::after covers it (_styles.css).
    const cards = library.books.map((book, index) => el("li.card",
      jacket(book, "jacket"),
      el("span.card-text",
        el("button.card-title", {
          type: "button", lang: book.language, "aria-describedby": `book-${index}-about`,
          onclick: () => App.go("open-book", { book: book.slug }),
        }, book.title),
        el("span.card-about", { id: `book-${index}-about` },
          book.author && el("span.byline", t.by(book.author)),
          book.description && el("span.blurb", { lang: book.language }, book.description),
          el("span.meta", bookFacts(book)),
          book.progress && meter(book.progress.percent)))));
    // The book read last, to go on with in one press: the first thing a returning reader wants.
    const last = library.continue_reading;
    const at = last?.progress;
    const resume = at && el("section.resume",
      jacket(last, "jacket"),
      el("span.card-text",
        el("span.eyebrow", t.continueReading),
        el("strong", { lang: last.language }, last.title),
        el("span.meta", t.percentRead(at.percent)),
        meter(at.percent)),
      button(at.label ? t.continueAt(at.label) : t.resume, () => App.go("read-chapter", { book: last.slug, chapter: at.chapter, page: at.page }), "primary"));
    const { query, page, pages } = library;
    return [
      pageTop(query ? t.matching(query) : t.library,
        el("p.meta", facts(t.books(library.total), pages > 1 && t.pageOf(page, pages))),
        query && button(t.allBooks, () => App.go("list-books", {}))),
      resume,
      searchForm(null),
      cards.length ? el("ul.shelf", cards) : el("p.notice", query ? t.noMatch(query) : t.empty),
      pager(library, t.previousBooks, t.moreBooks, (to) => App.go("list-books", query ? { query, page: to } : { page: to })),
    ];
  },

  describe(library) {
    const { total, query, page } = library;
    return {
      announce: `${query ? t.matching(query) : t.library} — ${t.books(total)}`,
      state: { view: "library", query: query || null, page },
    };
  },
};
