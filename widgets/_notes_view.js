// Renders NotesView (app/views.py): structuredContent of read-notes. The reader's highlights, with
// their notes, chapter by chapter, each to open, change or delete; then their bookmarks. Where the
// host can save files (ui/download-file), "Export notes" saves them as Markdown.
Views.notes = {
  accepts: (data) => Array.isArray(data.highlights),

  render(notes, result) {
    const { book } = notes;
    const again = () => App.go("read-notes", book ? { book } : {});
    const remove = (tool, id) => button(t.delete, async () => (await App.act(tool, { id })) && again());
    const editor = el("div.editor", { hidden: true });
    let chapter = null;
    const marks = notes.highlights.flatMap((mark) => {
      const heading = (mark.chapter !== chapter || !book)
        && el("li.part", facts(!book && (mark.book_title || mark.book), mark.chapter_label || t.chapterNo(mark.chapter), mark.chapter_title));
      chapter = mark.chapter;
      return [heading, el("li", { class: `note ${mark.colour}` },
        el("blockquote", mark.quote),
        mark.note && el("p", mark.note),
        el("p.meta", facts(mark.citation && `¶ ${mark.citation}`, mark.changed && t.changedPassage)),
        el("div.actions",
          mark.book_title && button(t.open, readAt(mark)),
          button(t.edit, () => openEditor(editor, mark, again)),
          remove("delete-highlight", mark.id)))];
    });
    const pages = notes.bookmarks.map((mark) => el("li",
      button(bookmarkLabel(mark), () => App.go("read-chapter", { book, chapter: mark.chapter, page: mark.page })),
      remove("delete-bookmark", mark.id)));
    const markdown = result._meta["chapterwise/markdown"];
    return [
      pageTop(book ? t.notesOn(notes.book_title) : t.yourNotes,
        Bridge.canDownload() && markdown && button(t.exportNotes, () => Bridge.downloadFile(`${book || "notes"}.md`, markdown).catch(() => {})),
        backTo(book)),
      editor,
      marks.length ? el("ol.notes", marks) : el("p.notice", t.noNotes),
      pages.length && [el("h2.section-title", t.bookmarks), el("ul.notes", pages)],
    ];
  },

  describe(notes) {
    return {
      announce: notes.book ? t.notesOn(notes.book_title) : t.yourNotes,
      state: { view: "notes", book: notes.book || null },
    };
  },
};
