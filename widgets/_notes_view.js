// Renders NotesView (app/views.py): structuredContent of read-notes. The reader's highlights, with
// their notes, chapter by chapter, each to open, change or delete; then their bookmarks. Where the
// host can save files (ui/download-file), "Export notes" saves them as Markdown.
Views.notes = {
  accepts: (data) => Array.isArray(data.highlights),

  render(notes, result, t) {
    const { book } = notes;
    const again = () => App.go("read-notes", book ? { book } : {});
    const editor = el("div", { class: "editor", hidden: true });
    let chapter = null;
    const marks = notes.highlights.flatMap((mark) => {
      const heading = mark.chapter !== chapter || !book ? el("li", { class: "part" },
        [book ? null : mark.book_title || mark.book, t.chapterNo(mark.chapter), mark.chapter_title].filter(Boolean).join(" · ")) : null;
      chapter = mark.chapter;
      const open = () => App.go("read-chapter", { book: mark.book, chapter: mark.chapter, at: mark.anchor });
      return [heading, el("li", { class: `note ${mark.colour}` },
        el("blockquote", {}, mark.quote),
        mark.note ? el("p", {}, mark.note) : null,
        el("p", { class: "meta" }, [mark.citation ? `¶ ${mark.citation}` : null, mark.changed ? t.changedPassage : null].filter(Boolean).join(" · ")),
        el("div", { class: "actions" },
          mark.book_title ? button(t.open, open, "quiet") : null,
          button(t.edit, () => openEditor(editor, mark, t, again), "quiet"),
          button(t.delete, async () => (await App.act("delete-highlight", { id: mark.id })) && again(), "quiet")))];
    });
    const pages = notes.bookmarks.map((mark) => el("li", {},
      button(`🔖 ${t.chapterNo(mark.chapter)}${mark.page > 1 ? ` · ${t.pageOf(mark.page, mark.page)}` : ""} · ${mark.title}`,
        () => App.go("read-chapter", { book, chapter: mark.chapter, page: mark.page }), "quiet"),
      button(t.delete, async () => (await App.act("delete-bookmark", { id: mark.id })) && again(), "quiet")));
    const markdown = result._meta["chapterwise/markdown"];
    return [
      el("header", { class: "top" },
        el("h1", { class: "page-title", tabindex: "-1" }, book ? t.notesOn(notes.book_title) : t.yourNotes),
        el("div", { class: "tools" },
          Bridge.canDownload() && markdown ? button(t.exportNotes, () => Bridge.downloadFile(`${book || "notes"}.md`, markdown).catch(() => {}), "quiet") : null,
          book ? button(t.toContents, () => App.go("open-book", { book }), "quiet") : button(t.toLibrary, () => App.go("list-books", {}), "quiet"))),
      editor,
      marks.length ? el("ol", { class: "notes" }, marks) : el("p", { class: "notice" }, t.noNotes),
      pages.length ? el("h2", { class: "section-title" }, t.bookmarks) : null,
      pages.length ? el("ul", { class: "notes" }, pages) : null,
    ];
  },

  describe(notes) {
    return {
      announce: notes.book_title || "",
      text: `The user is looking at their ${notes.highlights.length} highlights and ${notes.bookmarks.length} bookmarks${notes.book ? ` in the book '${notes.book}'` : ""}.`,
      state: { view: "notes", book: notes.book || null },
    };
  },
};
