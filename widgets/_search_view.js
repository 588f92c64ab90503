// Renders SearchView (app/views.py): structuredContent of search. Each hit names where it is and
// shows its words around the match, marked; pressing it opens the chapter at that passage.
Views.search = {
  accepts: (data) => Array.isArray(data.hits),

  render(view, result) {
    const { query, book } = view;
    const hits = view.hits.map((hit) => el("li",
      button([
        el("span.where",
          el("span.cite", `¶ ${hit.citation}`),
          !book && el("span.book", hit.book_title),
          el("span", hit.chapter_title)),
        // Odd parts are the words that matched; everything goes in as text, never as markup.
        el("span.snippet", hit.snippet.map((part, index) => (index % 2 ? el("mark", part) : part))),
      ], readAt(hit), "hit")));
    return [
      pageTop(t.found(query),
        el("p.meta", facts(t.passages(view.total, view.more), book && t.inBook(view.book_title))),
        backTo(book)),
      searchForm(book, query),
      // Past the count limit the server does not rank (app/library/searching.py): say why the order.
      view.more && el("p.notice", t.unranked),
      hits.length ? el("ol.hits", hits) : el("p.notice", t.noPassage(query)),
      pager(view, t.previousResults, t.moreResults, (page) => App.go("search", book ? { query, book, page } : { query, page })),
    ];
  },

  describe(view) {
    const { query, book, total, more, page } = view;
    return {
      announce: `${t.found(query)} — ${t.passages(total, more)}`,
      state: { view: "search", query, book: book || null, page },
    };
  },
};
