// Renders LibraryView (app/views.py): structuredContent of list-books. A card opens its book; a
// large library comes a page at a time, and a search shows only the books that match.
Views.library = {
  accepts: (data) => Array.isArray(data.books),

  render(library, result, t) {
    // The button is the title, so its name is what it shows; the rest of the card describes it.
    // The whole card is clickable all the same: the button's ::after covers it (_styles.css).
    const cards = library.books.map((book, index) => el("li", { class: "card" },
      jacket(book, "jacket"),
      el("span", { class: "card-text" },
        el("button", {
          type: "button", class: "card-title", lang: book.language, "aria-describedby": `book-${index}-about`,
          onclick: () => App.go("open-book", { book: book.slug }),
        }, book.title),
        el("span", { class: "card-about", id: `book-${index}-about` },
          book.author ? el("span", { class: "byline" }, t.by(book.author)) : null,
          book.description ? el("span", { class: "blurb", lang: book.language }, book.description) : null,
          el("span", { class: "meta" }, `${t.chapters(book.chapters)} · ${t.read(t.duration(book.minutes))}`)))));
    const { query, page, pages } = library;
    const go = (args) => () => App.go("list-books", { ...(query ? { query } : {}), ...args });
    return [
      el("header", { class: "top" },
        el("h1", { class: "page-title", tabindex: "-1" }, query ? t.matching(query) : t.library),
        el("div", { class: "tools" },
          el("p", { class: "meta" }, [t.books(library.total), pages > 1 ? t.pageOf(page, pages) : null].filter(Boolean).join(" · ")),
          query ? button(t.allBooks, () => App.go("list-books", {}), "quiet") : null)),
      searchForm(t, null),
      cards.length ? el("ul", { class: "shelf" }, cards) : el("p", { class: "notice" }, query ? t.noMatch(query) : t.empty),
      pages > 1 ? el("nav", { class: "turn", "aria-label": t.pageOf(page, pages) },
        page > 1 ? turnButton("back", t.previousBooks, go({ page: page - 1 })) : el("span"),
        page < pages ? turnButton("forward", t.moreBooks, go({ page: page + 1 })) : null) : null,
    ];
  },

  describe(library, t) {
    const { total, query, page, pages } = library;
    const which = `${total} ${total === 1 ? "book" : "books"}${query ? ` matching "${query}"` : ""}`;
    const where = pages > 1 ? `, page ${page} of ${pages}` : "";
    return {
      announce: t.nowShowing(`${query ? t.matching(query) : t.library} — ${t.books(total)}`),
      text: `The user is looking at their library: ${which}${where}.`,
      state: { view: "library", query: query || null, page },
    };
  },
};
