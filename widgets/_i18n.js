// UI strings in English and Simplified Chinese; the host's locale picks one.
const STRINGS = {
  en: {
    loadingLibrary: "Opening the library…", loadingBook: "Opening the book…", loadingChapter: "Turning to the chapter…",
    library: "Your library", emptyLibrary: "The library is empty. Import a book with `chapterwise import PATH`.",
    chapters: (n) => `${n} chapter${n === 1 ? "" : "s"}`, minutes: (n) => `${n} min read`, by: (a) => `by ${a}`,
    startReading: "▶ Start reading", contents: "Contents", backToLibrary: "← Library", backToContents: "☰ Contents",
    chapterOf: (n, total) => `Chapter ${n} of ${total}`, pageOf: (p, total) => `page ${p} of ${total}`,
    previousChapter: "← Previous chapter", nextChapter: "Next chapter →", previousPage: "← Previous page", nextPage: "Next page →",
    summarize: "✨ Summarize this chapter", explain: "💡 Explain key concepts",
    summarizePrompt: (c, t, b) => `Summarize chapter ${c}, "${t}", of "${b}".`,
    explainPrompt: (c, t, b) => `Explain the key concepts of chapter ${c}, "${t}", of "${b}".`,
    sent: "✓ Sent — the answer appears in the chat", failed: "Couldn't send it. Type this in the chat instead:",
    error: "Something went wrong:", nowShowing: (t) => `Now showing: ${t}`,
  },
  zh: {
    loadingLibrary: "正在打开书架…", loadingBook: "正在打开书…", loadingChapter: "正在翻到这一章…",
    library: "我的书架", emptyLibrary: "书架是空的。请用 `chapterwise import PATH` 导入一本书。",
    chapters: (n) => `${n} 章`, minutes: (n) => `约 ${n} 分钟`, by: (a) => `${a} 著`,
    startReading: "▶ 开始阅读", contents: "目录", backToLibrary: "← 书架", backToContents: "☰ 目录",
    chapterOf: (n, total) => `第 ${n} 章 / 共 ${total} 章`, pageOf: (p, total) => `第 ${p} 页 / 共 ${total} 页`,
    previousChapter: "← 上一章", nextChapter: "下一章 →", previousPage: "← 上一页", nextPage: "下一页 →",
    summarize: "✨ 总结本章", explain: "💡 解释关键概念",
    summarizePrompt: (c, t, b) => `请总结《${b}》第 ${c} 章「${t}」。`,
    explainPrompt: (c, t, b) => `请解释《${b}》第 ${c} 章「${t}」中的关键概念。`,
    sent: "✓ 已发送，回答会出现在对话中", failed: "发送失败。你可以在对话中输入：",
    error: "出错了：", nowShowing: (t) => `正在显示：${t}`,
  },
};
function strings(locale) {
  return String(locale || "").toLowerCase().startsWith("zh") ? STRINGS.zh : STRINGS.en;
}
