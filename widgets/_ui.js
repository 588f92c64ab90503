// The widget's shell. Every view draws in place, in this one frame: a host mounts no new widget
// for a tools/call the widget makes itself. Views register in `Views` (the _*_view.js partials)
// and the shape of a result's structuredContent picks one.
const Views = {};

// Children go in as text nodes: no string from a tool result ever becomes markup here. The tag
// may carry classes as CSS writes them ("p.meta"), and the attributes may be left out.
function el(tag, attrs, ...children) {
  const [name, ...classes] = tag.split(".");
  const node = document.createElement(name);
  if (attrs?.constructor !== Object) [attrs, children] = [{}, [attrs, ...children]];
  if (classes.length) node.className = classes.join(" ");
  for (const [key, value] of Object.entries(attrs)) {
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value != null && value !== false) node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children.flat().filter((child) => child != null && child !== false));
  return node;
}

// Most buttons are quiet (text on the page until hovered); `className` names the others.
const button = (label, onclick, className = "quiet") => el("button", { type: "button", class: className, onclick }, label);

// One of the two buttons in a `nav.turn` row at the foot of a view: "back" or "forward", with
// where it goes (a chapter's title, say) under the direction when there is one.
const turnButton = (side, label, onclick, name, lang) =>
  button([el("span.dir", label), name && el("span.name", { lang }, name)], onclick, `turn-${side}`);

// The head of a view of many things (books, passages, notes): its title, and its tools beside it.
const pageTop = (title, ...tools) => el("header.top", el("h1.page-title", { tabindex: "-1" }, title), el("div.tools", tools));

// A line of facts, those that are there: "12 chapters · 1 h 5 min read · 40% read".
const facts = (...parts) => parts.filter(Boolean).join(" · ");

// A book's facts, on its card and on its cover: "12 chapters · 1 h 5 min read · 40% read".
const bookFacts = (book) =>
  facts(t.chapters(book.chapters), t.read(t.duration(book.minutes)), book.progress && t.percentRead(book.progress.percent));

// A bookmark as its chip names it, on the cover and in the notes: "🔖 2.2 · page 3 · Springs".
const bookmarkLabel = (mark) => `🔖 ${facts(mark.label || t.chapterNo(mark.chapter), mark.page > 1 && t.pageNo(mark.page), mark.title)}`;

// What opens a chapter at one passage: a search's hit, a highlight in the notes.
const readAt = ({ book, chapter, anchor }) => () => App.go("read-chapter", { book, chapter, at: anchor });

// The way out of a view: to the book's contents when it is about one book, else to the library.
const backTo = (book) => (book ? button(t.toContents, () => App.go("open-book", { book }))
  : button(t.toLibrary, () => App.go("list-books", {})));

// The `nav.turn` row of a view that comes a page at a time; `turnTo(page)` asks for another page.
const pager = ({ page, pages }, back, forward, turnTo) => pages > 1 && el("nav.turn", { "aria-label": t.pageOf(page, pages) },
  page > 1 ? turnButton("back", back, () => turnTo(page - 1)) : el("span"),
  page < pages && turnButton("forward", forward, () => turnTo(page + 1)));

// Book text set inside a sentence the widget writes (a message sent as the user): one line, no
// quotation marks or guillemets of its own to break out of «…», and short.
// A title such as `Tides". Ignore the chapter and…` stays a title.
const safeTitle = (text, limit = 80) => {
  const flat = String(text).replace(/[\s"“”«»]+/g, " ").trim();
  return flat.length > limit ? `${flat.slice(0, limit - 1).trimEnd()}…` : flat;
};

// The search box: inside every book, or inside one. It asks the search tool, whose results the
// search view draws.
function searchForm(book, query) {
  const label = book ? t.searchThisBook : t.searchBooks;
  const input = el("input", {
    type: "search", name: "query", maxlength: 200, enterkeyhint: "search", value: query || null, placeholder: label, "aria-label": label,
  });
  const submit = (event) => {
    event.preventDefault();
    const words = input.value.trim();
    if (words) App.go("search", book ? { query: words, book } : { query: words });
  };
  return el("form.search", { role: "search", onsubmit: submit }, input, el("button", { type: "submit" }, t.search));
}

// A tool call the reader does not wait for (saving their place, say): nothing is redrawn, and a
// failure costs nothing worse than a place not saved.
const quietly = (tool, args) => Bridge.callTool(tool, args).catch(() => null);

// How much is read, as a thin bar: of a book (a "meter"), or of the book at this page ("progress").
// Styles are set through the CSSOM, which a host's CSP allows even where style attributes are not.
function meter(percent, kind = "meter") {
  const bar = el("span");
  bar.style.width = `${percent}%`;
  return el(`span.${kind}`, { "aria-hidden": "true" }, bar);
}

// A drawn cover: the title's first letter on a colour picked by the slug, so books look different.
function jacket(book, className) {
  let hue = 0;
  for (const char of book.slug) hue = (hue * 31 + char.codePointAt(0)) % 360;
  const node = el("span", { class: className, lang: book.language, "aria-hidden": "true" }, [...book.title.trim()][0] || "?");
  node.style.setProperty("--hue", hue);
  return node;
}

const App = (() => {
  const root = document.documentElement;
  const main = document.getElementById("app");
  const announcer = document.getElementById("announce");
  t = stringsFor(Bridge.locale); // the widget's strings (_i18n.js), in the host's language
  let coming = "any"; // what the first result will be (from the tool's arguments): the loading text
  let shown = null; // {view, result}, drawn again when the language or display mode changes
  let layout = "";
  let busy = false;

  const textOf = (result) => result.content.map((block) => block.text || "").join("\n").trim();
  const viewOf = (data) => data && Object.values(Views).find((view) => view.accepts(data));

  // Busy: a bar sweeps across the top, and assistive technology hears that the page is not ready.
  function showBusy(on) {
    root.classList.toggle("busy", on);
    main.setAttribute("aria-busy", on);
  }

  function setBusy(on) {
    busy = on;
    showBusy(on);
    // A sent suggestion stays disabled: enabling it would invite asking twice.
    for (const node of main.querySelectorAll("button:not([data-done])")) node.disabled = on;
  }

  // Before the first result: the loading text, or why none will come.
  function status(text, waiting) {
    main.replaceChildren(el(waiting ? "p.status" : "p.notice", text));
    showBusy(waiting);
  }
  const loading = () => status(t.loading[coming], true);

  function draw(result, quiet) {
    const data = result.structuredContent;
    const view = viewOf(data);
    if (!view) return false;
    shown = { view, result };
    main.replaceChildren(...view.render(data, result).flat().filter(Boolean));
    setBusy(busy);
    if (!quiet) {
      // The reader hears where they are; the model is told in the server's words (app/tools/).
      const about = view.describe(data);
      announcer.textContent = t.nowShowing(about.announce);
      Bridge.updateModelContext(result._meta["chapterwise/context"], about.state);
    }
    return true;
  }

  // An error keeps the view it interrupts, so the reader can try again or go elsewhere.
  function showError(message) {
    main.querySelector(".error")?.remove();
    const box = el("div.error", { role: "alert" }, el("strong", t.error), el("p", message || t.error),
      shown && button(t.dismiss, () => box.remove()));
    if (shown) main.prepend(box);
    else main.replaceChildren(box);
    setBusy(busy);
  }

  // Call a tool for the reader (a save, a delete): busy meanwhile; the result, or null after
  // showing why it failed.
  async function act(tool, args) {
    if (busy) return null;
    setBusy(true);
    try {
      const result = await Bridge.callTool(tool, args);
      if (!result.isError) return result;
      showError(textOf(result));
    } catch (error) {
      showError(Bridge.isUnsupported(error) ? t.cannotCall : error.message);
    } finally {
      setBusy(false);
    }
    return null;
  }

  // Call a tool and draw what it answers, in place: how the reader moves between views.
  async function go(tool, args) {
    const focused = document.activeElement;
    const result = await act(tool, args);
    if (result && draw(result, false)) arrive(true);
    else if (focused?.isConnected) focused.focus();
  }

  // A new page starts at its top, with focus on its heading for keyboard and screen reader users;
  // one opened at a passage (a search hit, a link, a citation) starts there, the passage lit for a
  // moment. `focus` is false for the host's own first result: the page around it keeps the keyboard.
  function arrive(focus) {
    const target = shown.view.arrival?.(shown.result.structuredContent);
    if (target) {
      target.setAttribute("tabindex", "-1");
      target.classList.remove("arrived");
      void target.offsetWidth; // restart the highlight when the same passage is opened again
      target.classList.add("arrived");
      target.scrollIntoView({ block: "center" });
      if (focus) target.focus({ preventScroll: true });
      return;
    }
    if (!focus) return;
    window.scrollTo(0, 0);
    main.querySelector("h1")?.focus({ preventScroll: true });
  }

  // Theme is pure CSS; the language and the display mode change what is drawn.
  function onContext(context) {
    t = stringsFor(Bridge.locale); // the widget's strings (_i18n.js), in the host's language
    root.lang = t.lang;
    const next = [t.lang, context.displayMode, Bridge.canRequestDisplayMode("fullscreen")].join();
    if (next === layout) return;
    layout = next;
    if (shown) draw(shown.result, true);
    else if (main.querySelector(".status")) loading();
  }

  // Where a saved state (see Bridge.savedState) takes the reader back to: the state each view's
  // describe() gives is enough to ask for that view again.
  const RESUME = {
    chapter: ({ book, chapter, page }) => ["read-chapter", { book, chapter, page }],
    book: ({ book }) => ["open-book", { book }],
    library: ({ query, page }) => ["list-books", query ? { query, page } : { page }],
    search: ({ query, book, page }) => ["search", book ? { query, book, page } : { query, page }],
    notes: ({ book }) => ["read-notes", book ? { book } : {}],
  };

  // The host's result is what the conversation asked for; the saved state is where the reader
  // went from there. Reopened, the widget goes back to the latter.
  function resumeFrom(result) {
    const saved = Bridge.savedState;
    const data = result.structuredContent;
    const view = viewOf(data);
    if (!view || !RESUME[saved?.view] || !Views[saved.view]) return null;
    const now = view.describe(data).state;
    const [there, here] = [RESUME[saved.view](saved), RESUME[now.view](now)];
    return JSON.stringify(there) === JSON.stringify(here) ? null : there;
  }

  // Before the result, the tool's arguments say what it will be: a chapter, a book or the library.
  function expect(args) {
    coming = "chapter" in args || "at" in args ? "chapter" : "query" in args ? "search" : "book" in args ? "book" : "library";
    if (!shown) loading();
  }

  function start() {
    root.lang = t.lang;
    loading();
    let firstResult = true;
    Bridge.on("input", expect);
    Bridge.on("result", (result) => {
      if (result.isError) return showError(textOf(result));
      const resume = firstResult && resumeFrom(result);
      firstResult = false;
      draw(result, Boolean(resume)); // quietly when resuming: the saved state must not be overwritten yet
      if (resume) go(...resume);
      else arrive(false);
    });
    Bridge.on("context", onContext);
    Bridge.on("cancelled", () => shown || status(t.cancelled, false));
    Bridge.connect().then((dialect) => dialect === "none" && !shown && status(t.noHost, false));
  }

  return { start, go, act, textOf };
})();

// As on an e-reader, ← and → turn the page (or the chapter, or the shelf) once the widget has the
// keyboard: they press the row of buttons at the bottom, so they do only what a click could.
document.addEventListener("keydown", (event) => {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  if (event.target.closest?.("input, textarea, select, [contenteditable]")) return;
  const side = { ArrowLeft: "back", ArrowRight: "forward" }[event.key];
  const turn = side && document.querySelector(`nav.turn button.turn-${side}`);
  if (!turn || turn.disabled) return;
  event.preventDefault();
  turn.click();
});
