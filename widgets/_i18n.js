// Every visible word, in English and Simplified Chinese, side by side: each entry is [en, zh], so
// neither language can lack a string. The host's locale picks one; the follow-up prompts are here
// too, because they are sent as the user's own words.
const STRINGS = {
  lang: ["en", "zh-CN"],
  loading: {
    any: ["Opening Chapterwise…", "正在打开 Chapterwise…"],
    library: ["Opening the library…", "正在打开书架…"],
    book: ["Opening the book…", "正在打开这本书…"],
    chapter: ["Turning to the chapter…", "正在翻到这一章…"],
    search: ["Searching the books…", "正在搜索…"],
    notes: ["Gathering your notes…", "正在整理笔记…"],
  },
  library: ["Your library", "我的书架"],
  books: [(n) => `${n} ${n === 1 ? "book" : "books"}`, (n) => `${n} 本书`],
  empty: [
    "Your library is empty. Add a book with “chapterwise import PATH”, then ask again.",
    "书架还是空的。请先用“chapterwise import PATH”导入一本书，再问一次。",
  ],
  matching: [(q) => `Books matching “${q}”`, (q) => `与“${q}”相关的书`],
  noMatch: [(q) => `No book’s title or author has “${q}” in it.`, (q) => `没有书名或作者包含“${q}”的书。`],
  allBooks: ["All books", "全部书籍"],
  previousBooks: ["← Previous books", "← 上一页"],
  moreBooks: ["More books →", "更多书籍 →"],
  by: [(author) => `by ${author}`, (author) => `${author} 著`],
  chapters: [(n) => `${n} ${n === 1 ? "chapter" : "chapters"}`, (n) => `${n} 章`],
  duration: [
    (m) => (m < 60 ? `${m} min` : `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ""}`),
    (m) => (m < 60 ? `${m} 分钟` : `${Math.floor(m / 60)} 小时${m % 60 ? ` ${m % 60} 分钟` : ""}`),
  ],
  read: [(d) => `${d} read`, (d) => `约 ${d}`],
  pages: [(n) => `${n} pages`, (n) => `${n} 页`],
  startReading: ["Start reading", "开始阅读"],
  contents: ["Contents", "目录"],
  toLibrary: ["← Library", "← 书架"],
  toContents: ["☰ Contents", "☰ 目录"],
  chapterOf: [(n, total) => `Chapter ${n} of ${total}`, (n, total) => `第 ${n} 章 / 共 ${total} 章`],
  pageOf: [(p, total) => `page ${p} of ${total}`, (p, total) => `第 ${p} 页 / 共 ${total} 页`],
  previousChapter: ["← Previous chapter", "← 上一章"],
  nextChapter: ["Next chapter →", "下一章 →"],
  previousPage: ["← Previous page", "← 上一页"],
  nextPage: ["Next page →", "下一页 →"],
  theEnd: ["The end of the book", "全书完"],
  ask: ["Ask about this chapter", "关于这一章"],
  summarize: ["✨ Summarize this chapter", "✨ 总结本章"],
  explain: ["💡 Explain key concepts", "💡 解释关键概念"],
  // Sent as the user's own words, so the book is named by reference (its slug and the chapter's
  // number) and its title only inside «…», made safe by safeTitle: book text cannot speak here.
  summarizePrompt: [
    (n, title, book) => `Summarize chapter ${n} («${safeTitle(title)}») of the book '${book}'.`,
    (n, title, book) => `请总结书 '${book}' 的第 ${n} 章（«${safeTitle(title)}»）。`,
  ],
  explainPrompt: [
    (n, title, book) => `Explain the key concepts of chapter ${n} («${safeTitle(title)}») of the book '${book}'.`,
    (n, title, book) => `请解释书 '${book}' 第 ${n} 章（«${safeTitle(title)}»）中的关键概念。`,
  ],
  explainPassagePrompt: [
    (where, quote) => `Explain this passage, ${where}:\n> ${quote}`,
    (where, quote) => `请解释这段文字（${where}）：\n> ${quote}`,
  ],
  askContext: [
    (where, quote) => `The user selected this passage, ${where}, and may ask about it:\n> ${quote}`,
    (where, quote) => `用户选中了这段文字（${where}），可能会就它提问：\n> ${quote}`,
  ],
  passageWhere: [
    (book, n, citation) => `from the book '${book}', chapter ${n}${citation ? `,
    [¶ ${citation}]` : ""}`, (book, n, citation) => `书 '${book}' 第 ${n} 章${citation ? `，[¶ ${citation}]` : ""}`,
  ],
  search: ["Search", "搜索"],
  searchBooks: ["Search inside your books", "在书中搜索"],
  searchThisBook: ["Search this book", "在本书中搜索"],
  found: [(q) => `Passages with “${q}”`, (q) => `包含“${q}”的段落`],
  unranked: ["Too many matches to rank, so they are in the library’s order. Add a word to narrow the search.", "匹配太多，无法排序，按书库顺序列出。再加一个词可以缩小范围。"],
  // `more`: counting stopped at the limit, so "1,000+ passages", never "1,000 passages+".
  passages: [(n, more) => `${n.toLocaleString("en")}${more ? "+" : ""} ${n === 1 && !more ? "passage" : "passages"}`, (n, more) => `${n}${more ? "+" : ""} 段`],
  inBook: [(title) => `in ${title}`, (title) => `在《${title}》中`],
  noPassage: [
    (q) => `No passage holds “${q}”. Try other words, or fewer of them.`,
    (q) => `没有段落包含“${q}”。换个词，或少用几个词试试。`,
  ],
  previousResults: ["← Previous results", "← 上一页"],
  moreResults: ["More results →", "更多结果 →"],
  selected: ["Selected:", "已选中："],
  explainPassage: ["💡 Explain this passage", "💡 解释这段文字"],
  askAbout: ["💬 Ask about this…", "💬 就此提问…"],
  askReady: ["Attached to your next message: type your question in the chat.", "已附在你的下一条消息中：请在对话中输入你的问题。"],
  continueAt: [(n) => `Continue at chapter ${n}`, (n) => `从第 ${n} 章继续`],
  continueReading: ["Continue reading", "继续阅读"],
  resume: ["Continue →", "继续 →"],
  // A no-break space: "15%" and "read" never part at the end of a line.
  percentRead: [(p) => `${p}%\u00a0read`, (p) => `已读\u00a0${p}%`],
  readMark: ["read", "已读"],
  notesCount: [(h, b) => `🖍 Highlights (${h})${b ? ` · 🔖 ${b}` : ""}`, (h, b) => `🖍 划线（${h}）${b ? ` · 🔖 ${b}` : ""}`],
  bookmarks: ["Bookmarks", "书签"],
  bookmark: ["🔖 Bookmark", "🔖 加书签"],
  bookmarked: ["🔖 Bookmarked", "🔖 已加书签"],
  spoilerSafe: ["Keep help to what I have read (no spoilers)", "只讨论我已读的部分（不剧透）"],
  noSpoilers: [(n) => ` Do not reveal anything after chapter ${n}.`, (n) => `不要透露第 ${n} 章之后的内容。`],
  highlight: ["🖍 Highlight", "🖍 划线"],
  note: ["Note", "笔记"],
  notePlaceholder: ["Add a note (optional)", "添加笔记（可选）"],
  noted: [(note) => `Highlight, with a note: ${note}`, (note) => `划线，笔记：${note}`],
  colours: { yellow: ["Yellow", "黄色"], green: ["Green", "绿色"], blue: ["Blue", "蓝色"], pink: ["Pink", "粉色"] },
  save: ["Save", "保存"],
  delete: ["Delete", "删除"],
  cancel: ["Cancel", "取消"],
  open: ["Open", "打开"],
  edit: ["Edit", "编辑"],
  yourNotes: ["Your notes", "我的笔记"],
  notesOn: [(title) => `Notes on ${title}`, (title) => `《${title}》的笔记`],
  exportNotes: ["⤓ Export notes", "⤓ 导出笔记"],
  noNotes: ["No highlights yet: select words in a chapter to highlight them.", "还没有划线：在章节中选中文字即可划线。"],
  changedPassage: ["the passage has changed since", "原文已修改"],
  chapterNo: [(n) => `Chapter ${n}`, (n) => `第 ${n} 章`],
  pageNo: [(p) => `page ${p}`, (p) => `第 ${p} 页`],
  sending: ["Sending…", "正在发送…"],
  sent: ["✓ Sent — the answer appears in the chat", "✓ 已发送，回答会出现在对话中"],
  failed: ["That didn't reach the chat. Type this instead:", "没能发送到对话中。你可以直接输入："],
  unsupported: ["This app can't post to the chat here. Type this instead:", "这里无法从小组件发送消息。你可以直接输入："],
  fullscreen: ["⤢ Full screen", "⤢ 全屏"],
  inline: ["⤡ Exit full screen", "⤡ 退出全屏"],
  error: ["Something went wrong", "出了点问题"],
  dismiss: ["Dismiss", "关闭"],
  cannotCall: [
    "This host can't run tools from a widget. Ask for it in the chat instead.",
    "这个宿主不支持从小组件调用工具，请在对话中提出。",
  ],
  cancelled: ["The request was cancelled.", "请求已取消。"],
  noHost: ["Open this widget from ChatGPT or another MCP Apps host.", "请在 ChatGPT 或其他支持 MCP Apps 的应用中打开这个小组件。"],
  nowShowing: [(what) => `Now showing: ${what}`, (what) => `正在显示：${what}`],
};

// The strings in one language: the en or zh half of every pair in STRINGS.
function stringsFor(locale) {
  const half = /^zh/i.test(locale || "") ? 1 : 0;
  const pick = (entry) => (Array.isArray(entry) ? entry[half]
    : Object.fromEntries(Object.entries(entry).map(([key, value]) => [key, pick(value)])));
  return pick(STRINGS);
}
