// Renders LibraryView (app/views.py): structuredContent of list-books. A card opens its book.
Views.library = {
  accepts: (data) => Array.isArray(data.books),

  render(library, result, t) {
    const cards = library.books.map((book, index) => el("li", {},
      // The card's name is its title; the rest describes it, so a screen reader hears a short name.
      el("button", {
        type: "button", class: "card", "aria-labelledby": `book-${index}`, "aria-describedby": `book-${index}-about`,
        onclick: () => App.go("open-book", { book: book.slug }),
      },
      jacket(book, "jacket"),
      el("span", { class: "card-text" },
        el("strong", { class: "card-title", id: `book-${index}`, lang: book.language }, book.title),
        el("span", { class: "card-about", id: `book-${index}-about` },
          book.author ? el("span", { class: "byline" }, t.by(book.author)) : null,
          book.description ? el("span", { class: "blurb", lang: book.language }, book.description) : null,
          el("span", { class: "meta" }, `${t.chapters(book.chapters)} · ${t.read(t.duration(book.minutes))}`))))));
    return [
      el("header", { class: "top" },
        el("h1", { class: "page-title", tabindex: "-1" }, t.library),
        el("p", { class: "meta" }, t.books(cards.length))),
      cards.length ? el("ul", { class: "shelf" }, cards) : el("p", { class: "notice" }, t.empty),
    ];
  },

  describe(library, t) {
    const n = library.books.length;
    return {
      announce: t.nowShowing(`${t.library} — ${t.books(n)}`),
      text: `The user is looking at their library: ${n} ${n === 1 ? "book" : "books"}.`,
      state: { view: "library" },
    };
  },
};
