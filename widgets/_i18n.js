// "1 book", "2 books": English counts; Chinese needs no plural.
const plural = (noun) => (n) => `${n} ${n === 1 ? noun : `${noun}s`}`;

// Every visible word, in English and Simplified Chinese, side by side: each entry is [en, zh], so
// neither language can lack a string. The host's locale picks one; the follow-up prompts are here
// too, because they are sent as the user's own words.
const STRINGS = {
  lang: ["en", "zh-CN"],
  // Keyed by what the tool's arguments show is coming: see expect() in _ui.js.
  loading: {
    any: ["Opening Chapterwise…", "正在打开 Chapterwise…"],
    library: ["Opening the library…", "正在打开书架…"],
    book: ["Opening the book…", "正在打开这本书…"],
    chapter: ["Turning to the chapter…", "正在翻到这一章…"],
    search: ["Searching the books…", "正在搜索…"],
  },
  library: ["Your library", "我的书架"],
  books: [plural("book"), "{0} 本书"],
  empty: [
    "Your library is empty. Add a book with “chapterwise import PATH”, then ask again.",
    "书架还是空的。请先用“chapterwise import PATH”导入一本书，再问一次。",
  ],
  matching: ["Books matching “{0}”", "与“{0}”相关的书"],
  noMatch: ["No book’s title or author has “{0}” in it.", "没有书名或作者包含“{0}”的书。"],
  allBooks: ["All books", "全部书籍"],
  previousBooks: ["← Previous books", "← 上一页"],
  moreBooks: ["More books →", "更多书籍 →"],
  by: ["by {0}", "{0} 著"],
  chapters: [plural("chapter"), "{0} 章"],
  duration: [
    (m) => (m < 60 ? `${m} min` : `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ""}`),
    (m) => (m < 60 ? `${m} 分钟` : `${Math.floor(m / 60)} 小时${m % 60 ? ` ${m % 60} 分钟` : ""}`),
  ],
  read: ["{0} read", "约 {0}"],
  pages: ["{0} pages", "{0} 页"],
  startReading: ["Start reading", "开始阅读"],
  contents: ["Contents", "目录"],
  toLibrary: ["← Library", "← 书架"],
  toContents: ["☰ Contents", "☰ 目录"],
  chapterOf: ["Chapter {0} of {1}", "第 {0} 章 / 共 {1} 章"],
  pageOf: ["page {0} of {1}", "第 {0} 页 / 共 {1} 页"],
  previousChapter: ["← Previous chapter", "← 上一章"],
  nextChapter: ["Next chapter →", "下一章 →"],
  previousPage: ["← Previous page", "← 上一页"],
  nextPage: ["Next page →", "下一页 →"],
  theEnd: ["The end of the book", "全书完"],
  ask: ["Ask about this chapter", "关于这一章"],
  summarize: ["✨ Summarize this chapter", "✨ 总结本章"],
  explain: ["💡 Explain key concepts", "💡 解释关键概念"],
  // Sent as the user's own words, so the book is named by reference (its slug, {2}, and the
  // chapter's number, {0}) and its title, {1}, only inside «…», made safe by safeTitle where the
  // chapter view fills it in: book text cannot speak here.
  summarizePrompt: ["Summarize chapter {0} («{1}») of the book '{2}'.", "请总结书 '{2}' 的第 {0} 章（«{1}»）。"],
  explainPrompt: [
    "Explain the key concepts of chapter {0} («{1}») of the book '{2}'.",
    "请解释书 '{2}' 第 {0} 章（«{1}»）中的关键概念。",
  ],
  // {0} says where the passage is (passageWhere), {1} is the passage.
  explainPassagePrompt: ["Explain this passage, {0}:\n> {1}", "请解释这段文字（{0}）：\n> {1}"],
  askContext: [
    "The user selected this passage, {0}, and may ask about it:\n> {1}",
    "用户选中了这段文字（{0}），可能会就它提问：\n> {1}",
  ],
  passageWhere: [
    (book, n, citation) => `from the book '${book}', chapter ${n}${citation ? `, [¶ ${citation}]` : ""}`,
    (book, n, citation) => `书 '${book}' 第 ${n} 章${citation ? `，[¶ ${citation}]` : ""}`,
  ],
  search: ["Search", "搜索"],
  searchBooks: ["Search inside your books", "在书中搜索"],
  searchThisBook: ["Search this book", "在本书中搜索"],
  found: ["Passages with “{0}”", "包含“{0}”的段落"],
  unranked: ["Too many matches to rank, so they are in the library’s order. Add a word to narrow the search.", "匹配太多，无法排序，按书库顺序列出。再加一个词可以缩小范围。"],
  // `more`: counting stopped at the limit, so "1,000+ passages", never "1,000 passages+".
  passages: [(n, more) => `${n.toLocaleString("en")}${more ? "+" : ""} ${n === 1 && !more ? "passage" : "passages"}`, (n, more) => `${n}${more ? "+" : ""} 段`],
  inBook: ["in {0}", "在《{0}》中"],
  noPassage: ["No passage holds “{0}”. Try other words, or fewer of them.", "没有段落包含“{0}”。换个词，或少用几个词试试。"],
  previousResults: ["← Previous results", "← 上一页"],
  moreResults: ["More results →", "更多结果 →"],
  selected: ["Selected:", "已选中："],
  explainPassage: ["💡 Explain this passage", "💡 解释这段文字"],
  askAbout: ["💬 Ask about this…", "💬 就此提问…"],
  askReady: ["Attached to your next message: type your question in the chat.", "已附在你的下一条消息中：请在对话中输入你的问题。"],
  continueAt: ["Continue at chapter {0}", "从第 {0} 章继续"],
  continueReading: ["Continue reading", "继续阅读"],
  resume: ["Continue →", "继续 →"],
  // A no-break space: "15%" and "read" never part at the end of a line.
  percentRead: ["{0}%\u00a0read", "已读\u00a0{0}%"],
  readMark: ["read", "已读"],
  notesCount: [(h, b) => `🖍 Highlights (${h})${b ? ` · 🔖 ${b}` : ""}`, (h, b) => `🖍 划线（${h}）${b ? ` · 🔖 ${b}` : ""}`],
  bookmarks: ["Bookmarks", "书签"],
  bookmark: ["🔖 Bookmark", "🔖 加书签"],
  bookmarked: ["🔖 Bookmarked", "🔖 已加书签"],
  spoilerSafe: ["Keep help to what I have read (no spoilers)", "只讨论我已读的部分（不剧透）"],
  noSpoilers: [" Do not reveal anything after chapter {0}.", "不要透露第 {0} 章之后的内容。"],
  highlight: ["🖍 Highlight", "🖍 划线"],
  note: ["Note", "笔记"],
  notePlaceholder: ["Add a note (optional)", "添加笔记（可选）"],
  noted: ["Highlight, with a note: {0}", "划线，笔记：{0}"],
  colours: { yellow: ["Yellow", "黄色"], green: ["Green", "绿色"], blue: ["Blue", "蓝色"], pink: ["Pink", "粉色"] },
  save: ["Save", "保存"],
  delete: ["Delete", "删除"],
  cancel: ["Cancel", "取消"],
  open: ["Open", "打开"],
  edit: ["Edit", "编辑"],
  yourNotes: ["Your notes", "我的笔记"],
  notesOn: ["Notes on {0}", "《{0}》的笔记"],
  exportNotes: ["⤓ Export notes", "⤓ 导出笔记"],
  noNotes: ["No highlights yet: select words in a chapter to highlight them.", "还没有划线：在章节中选中文字即可划线。"],
  changedPassage: ["the passage has changed since", "原文已修改"],
  chapterNo: ["Chapter {0}", "第 {0} 章"],
  pageNo: ["page {0}", "第 {0} 页"],
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
  nowShowing: ["Now showing: {0}", "正在显示：{0}"],
};

// A string with numbered slots ("Chapter {0} of {1}") becomes a function that fills them with its
// arguments in that order; a translation may use them in another order. A string without slots
// stays a string, and an entry that must choose its words (a plural, say) is a function already.
const fillable = (text) => (typeof text === "string" && /\{\d\}/.test(text)
  ? (...values) => text.replace(/\{(\d)\}/g, (slot, index) => values[index]) : text);

// The strings in one language: the en or zh half of every pair in STRINGS.
function stringsFor(locale) {
  const half = /^zh/i.test(locale || "") ? 1 : 0;
  const pick = (entry) => (Array.isArray(entry) ? fillable(entry[half])
    : Object.fromEntries(Object.entries(entry).map(([key, value]) => [key, pick(value)])));
  return pick(STRINGS);
}

// The strings in the reader's language, which every view and helper draws with. App picks them
// from the host's locale when it starts and again whenever the locale changes.
let t;
