// Renders SearchView (app/views.py): structuredContent of search. Each hit names where it is and
// shows its words around the match, marked; pressing it opens the chapter at that passage.
Views.search = {
  accepts: (data) => Array.isArray(data.hits),

  render(view, result, t) {
    const { query, book, page, pages } = view;
    const go = (args) => () => App.go("search", { query, ...(book ? { book } : {}), ...args });
    const hits = view.hits.map((hit) => el("li", {},
      el("button", {
        type: "button", class: "hit",
        onclick: () => App.go("read-chapter", { book: hit.book, chapter: hit.chapter, at: hit.anchor }),
      },
        el("span", { class: "where" },
          el("span", { class: "cite" }, `¶ ${hit.citation}`),
          book ? null : el("span", { class: "book" }, hit.book_title),
          el("span", {}, hit.chapter_title)),
        // Odd parts are the words that matched; everything goes in as text, never as markup.
        el("span", { class: "snippet" }, hit.snippet.map((part, index) => (index % 2 ? el("mark", {}, part) : part))))));
    const count = t.passages(view.total) + (view.more ? "+" : "");
    return [
      el("header", { class: "top" },
        el("h1", { class: "page-title", tabindex: "-1" }, t.found(query)),
        el("div", { class: "tools" },
          el("p", { class: "meta" }, [count, book ? t.inBook(view.book_title) : null].filter(Boolean).join(" · ")),
          book ? button(t.toContents, () => App.go("open-book", { book }), "quiet")
            : button(t.toLibrary, () => App.go("list-books", {}), "quiet"))),
      searchForm(t, book, query),
      hits.length ? el("ol", { class: "hits" }, hits) : el("p", { class: "notice" }, t.noPassage(query)),
      pages > 1 ? el("nav", { class: "turn", "aria-label": t.pageOf(page, pages) },
        page > 1 ? turnButton("back", t.previousResults, go({ page: page - 1 })) : el("span"),
        page < pages ? turnButton("forward", t.moreResults, go({ page: page + 1 })) : null) : null,
    ];
  },

  describe(view, t) {
    const where = view.book ? ` in «${safeTitle(view.book_title || view.book)}»` : "";
    return {
      announce: t.nowShowing(`${t.found(view.query)} — ${t.passages(view.total)}`),
      text: `The user is looking at ${view.total} passages matching the search «${safeTitle(view.query)}»${where}, page ${view.page} of ${view.pages}.`,
      state: { view: "search", query: view.query, book: view.book || null, page: view.page },
    };
  },
};
