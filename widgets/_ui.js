// The widget's shell. Every view draws in place, in this one frame: a host mounts no new widget
// for a tools/call the widget makes itself. Views register in `Views` (the _*_view.js partials)
// and the shape of a result's structuredContent picks one.
const Views = {};

// Children go in as text nodes: no string from a tool result ever becomes markup here.
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (value != null && value !== false) node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.flat().filter((child) => child != null && child !== false));
  return node;
}

const button = (label, onclick, className) => el("button", { type: "button", class: className, onclick }, label);

// One of the two buttons in a `nav.turn` row at the foot of a view: "back" or "forward", with
// where it goes (a chapter's title, say) under the direction when there is one.
const turnButton = (side, label, onclick, name, lang) => el("button", { type: "button", class: `turn-${side}`, onclick },
  el("span", { class: "dir" }, label), name && el("span", { class: "name", lang }, name));

// Book text set inside a sentence the widget writes (a message sent as the user, the model's
// context): one line, no quotation marks or guillemets of its own to break out of «…», and short.
// A title such as `Tides". Ignore the chapter and…` stays a title.
const safeTitle = (text, limit = 80) => {
  const flat = String(text).replace(/[\s"“”«»]+/g, " ").trim();
  return flat.length > limit ? `${flat.slice(0, limit - 1).trimEnd()}…` : flat;
};

// The search box: inside every book, or inside one. It asks the search tool, whose results the
// search view draws.
function searchForm(t, book, query) {
  const input = el("input", {
    type: "search", name: "query", maxlength: 200, enterkeyhint: "search", value: query || null,
    placeholder: book ? t.searchThisBook : t.searchBooks, "aria-label": book ? t.searchThisBook : t.searchBooks,
  });
  const submit = (event) => {
    event.preventDefault();
    const words = input.value.trim();
    if (words) App.go("search", book ? { query: words, book } : { query: words });
  };
  return el("form", { class: "search", role: "search", onsubmit: submit }, input, el("button", { type: "submit" }, t.search));
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
  let t = stringsFor(Bridge.locale);
  let coming = "any"; // what the first result will be (from the tool's arguments): the loading text
  let shown = null; // {view, result}, drawn again when the language or display mode changes
  let layout = "";
  let busy = false;

  const textOf = (result) => result.content.map((block) => block.text || "").join("\n").trim();

  function setBusy(on) {
    busy = on;
    root.classList.toggle("busy", on);
    main.setAttribute("aria-busy", on);
    // A sent suggestion stays disabled: enabling it would invite asking twice.
    for (const node of main.querySelectorAll("button:not([data-done])")) node.disabled = on;
  }

  // Before the first result: the loading text, or why none will come.
  function status(text, waiting) {
    main.replaceChildren(el("p", { class: waiting ? "status" : "notice" }, text));
    root.classList.toggle("busy", waiting);
    main.setAttribute("aria-busy", waiting);
  }

  function draw(result, quiet) {
    const data = result.structuredContent;
    const view = data && Object.values(Views).find((candidate) => candidate.accepts(data));
    if (!view) return false;
    shown = { view, result };
    main.replaceChildren(...view.render(data, result, t).filter(Boolean));
    setBusy(busy);
    if (!quiet) {
      // The reader hears where they are; the model is told (in English: it is for the model).
      const about = view.describe(data, t);
      announcer.textContent = about.announce;
      Bridge.updateModelContext({ content: [{ type: "text", text: about.text }], structuredContent: about.state });
    }
    return true;
  }

  // An error keeps the view it interrupts, so the reader can try again or go elsewhere.
  function showError(message) {
    main.querySelector(".error")?.remove();
    const box = el("div", { class: "error", role: "alert" }, el("strong", {}, t.error), el("p", {}, message || t.error),
      shown && button(t.dismiss, () => box.remove(), "quiet"));
    if (shown) main.prepend(box);
    else main.replaceChildren(box);
    setBusy(busy);
  }

  async function go(tool, args) {
    if (busy) return;
    const focused = document.activeElement;
    let moved = false;
    setBusy(true);
    try {
      const result = await Bridge.callTool(tool, args);
      if (result.isError) showError(textOf(result));
      else moved = draw(result, false);
    } catch (error) {
      showError(Bridge.isUnsupported(error) ? t.cannotCall : error.message);
    }
    setBusy(false);
    if (moved) arrive(true);
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
    t = stringsFor(Bridge.locale);
    root.lang = t.lang;
    const next = [t.lang, context.displayMode, Bridge.canRequestDisplayMode("fullscreen")].join();
    if (next === layout) return;
    layout = next;
    if (shown) draw(shown.result, true);
    else if (main.querySelector(".status")) status(t.loading[coming], true);
  }

  // Where a saved state (see Bridge.savedState) takes the reader back to: the state each view's
  // describe() gives is enough to ask for that view again.
  const RESUME = {
    chapter: ({ book, chapter, page }) => ["read-chapter", { book, chapter, page }],
    book: ({ book }) => ["open-book", { book }],
    library: ({ query, page }) => ["list-books", query ? { query, page } : { page }],
    search: ({ query, book, page }) => ["search", book ? { query, book, page } : { query, page }],
  };

  // The host's result is what the conversation asked for; the saved state is where the reader
  // went from there. Reopened, the widget goes back to the latter.
  function resumeFrom(result) {
    const saved = Bridge.savedState;
    const data = result.structuredContent;
    const view = data && Object.values(Views).find((candidate) => candidate.accepts(data));
    if (!view || !RESUME[saved?.view] || !Views[saved.view]) return null;
    const now = view.describe(data, t).state;
    const [there, here] = [RESUME[saved.view](saved), RESUME[now.view](now)];
    return JSON.stringify(there) === JSON.stringify(here) ? null : there;
  }

  // Before the result, the tool's arguments say what it will be: a chapter, a book or the library.
  function expect(args) {
    coming = "chapter" in args || "at" in args ? "chapter" : "query" in args ? "search" : "book" in args ? "book" : "library";
    if (!shown) status(t.loading[coming], true);
  }

  function start() {
    root.lang = t.lang;
    status(t.loading[coming], true);
    let firstResult = true;
    Bridge.onInput(expect);
    Bridge.onResult((result) => {
      if (result.isError) return showError(textOf(result));
      const resume = firstResult && resumeFrom(result);
      firstResult = false;
      draw(result, Boolean(resume)); // quietly when resuming: the saved state must not be overwritten yet
      if (resume) go(...resume);
      else arrive(false);
    });
    Bridge.onContext(onContext);
    Bridge.onCancelled(() => shown || status(t.cancelled, false));
    Bridge.connect().then((dialect) => dialect === "none" && !shown && status(t.noHost, false));
  }

  return { start, go, textOf, get strings() { return t; } };
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
