// The bridge to the host (docs/host-contract.md): the MCP Apps standard, JSON-RPC 2.0
// over postMessage, with ChatGPT's window.openai aliases as the fallback when the handshake goes
// unanswered. Widget code gets one API and one result shape from either dialect.
const Bridge = (() => {
  const root = document.documentElement;
  const openai = () => window.openai;
  const NOT_FOUND = -32601;
  const pending = new Map(); // request id → {resolve, reject}
  const listeners = { input: [], result: [], context: [], cancelled: [] };
  const emit = (kind, value) => listeners[kind].forEach((listener) => listener(value));
  const post = (message) => window.parent.postMessage({ jsonrpc: "2.0", ...message }, "*");
  const notify = (method, params = {}) => post({ method, params });
  const unsupported = () => Object.assign(new Error("unsupported"), { code: NOT_FOUND });
  let nextId = 1;
  let dialect = "pending"; // then "mcp-apps", "openai", or "none" when nobody answered
  let context = {};
  let capabilities = {}; // what the MCP Apps host said it can do (hostCapabilities)

  function request(method, params) {
    const id = nextId++;
    post({ id, method, params });
    return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
  }

  // window.openai.callTool has been seen to put _meta at `meta`, and to wrap the result.
  function normalise(raw) {
    let r = raw && typeof raw === "object" ? raw : {};
    if (!("content" in r || "structuredContent" in r) && typeof r.result === "object") r = r.result || {};
    return {
      content: Array.isArray(r.content) ? r.content : [],
      structuredContent: r.structuredContent ?? null,
      _meta: r._meta ?? r.meta ?? {},
      isError: r.isError === true,
    };
  }

  // In ChatGPT one result can arrive through both dialects: draw it once.
  let delivered = "";
  function deliver(raw) {
    const result = normalise(raw);
    const key = JSON.stringify([result.isError ? result.content : result.structuredContent, Object.keys(result._meta)]);
    if (key !== delivered) emit("result", result);
    delivered = key;
  }

  // Theme and CSS variables from the host; with no theme given, the system's.
  const dark = matchMedia("(prefers-color-scheme: dark)");
  let variables = [];
  function merge(partial) {
    context = { ...context, ...partial };
    root.dataset.theme = ["light", "dark"].includes(context.theme) ? context.theme : dark.matches ? "dark" : "light";
    const given = context.styles?.variables || {};
    variables.forEach((name) => root.style.removeProperty(name));
    variables = Object.keys(given).filter((name) => name.startsWith("--") && typeof given[name] === "string");
    variables.forEach((name) => root.style.setProperty(name, given[name]));
    emit("context", context);
  }
  dark.addEventListener("change", () => merge({}));

  // 1. Listen before anything is sent: only to our parent, and only to JSON-RPC 2.0.
  window.addEventListener("message", ({ source, data: message }) => {
    if (source !== window.parent || message?.jsonrpc !== "2.0") return;
    const { id, method, params } = message;
    if (method === undefined) {
      const waiter = pending.get(id);
      pending.delete(id);
      const { error } = message;
      if (error) waiter?.reject(Object.assign(new Error(error.message || "The host refused."), { code: error.code }));
      else waiter?.resolve(message.result);
      return;
    }
    switch (method) {
      case "ui/notifications/tool-result": return deliver(params);
      case "ui/notifications/host-context-changed": return merge(params);
      case "ui/notifications/tool-cancelled": return emit("cancelled", params?.reason);
      // The arguments tell what is coming (a chapter, a book, the library) before the result does.
      case "ui/notifications/tool-input": return emit("input", params?.arguments || {});
      // The widget keeps no state outside the page: nothing to save before it goes.
      case "ui/resource-teardown": case "ping": return post({ id, result: {} });
    }
    // Any other notification (partial tool input, say) needs nothing; any other request is refused.
    if (id !== undefined) post({ id, error: { code: NOT_FOUND, message: `Unknown method ${method}` } });
  });

  // ChatGPT's globals and their changes (toolOutput and its _meta may come in separate events).
  function readGlobals(globals) {
    const changed = {};
    for (const key of ["theme", "locale", "displayMode"]) if (globals[key]) changed[key] = globals[key];
    if (Object.keys(changed).length) merge(changed);
    if (globals.toolInput) emit("input", globals.toolInput);
    const output = globals.toolOutput ?? (globals.toolResponseMetadata && openai()?.toolOutput);
    if (output) deliver({ structuredContent: output, _meta: globals.toolResponseMetadata ?? openai()?.toolResponseMetadata });
  }
  window.addEventListener("openai:set_globals", (event) => readGlobals(event.detail?.globals || {}));

  // 2–3. The handshake. Calls wait for it, then go through whichever dialect answered.
  let settle;
  const ready = new Promise((resolve) => { settle = resolve; });
  function choose(chosen) {
    if (dialect !== "pending") return false;
    settle((dialect = chosen));
    emit("context", context); // what the widget can offer (full screen) depends on the dialect
    return true;
  }

  function connect() {
    merge({});
    if (openai()) readGlobals(openai());
    request("ui/initialize", {
      protocolVersion: "2026-01-26",
      appInfo: { name: "chapterwise", version: {{ version|tojson }} },
      appCapabilities: { availableDisplayModes: ["inline", "fullscreen"] },
    }).then((result) => {
      if (!choose("mcp-apps")) return; // too late: we already settled for window.openai
      capabilities = result?.hostCapabilities || {};
      merge(result?.hostContext || {});
      notify("ui/notifications/initialized");
      reportSize(true);
    }, () => choose(openai() ? "openai" : "none"));
    // Silence means a host with only window.openai; with no window.openai, a late answer still counts.
    setTimeout(() => openai() && choose("openai"), 1500);
    return ready;
  }

  // The host sizes the frame from our height, reported once per burst of layout changes.
  let lastHeight = 0;
  let timer;
  function reportSize(force) {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const height = Math.ceil(root.getBoundingClientRect().height);
      if (height === lastHeight && !force) return;
      lastHeight = height;
      if (dialect === "mcp-apps") notify("ui/notifications/size-changed", { height });
      openai()?.notifyIntrinsicHeight?.(height);
    }, 30);
  }
  new ResizeObserver(() => reportSize(false)).observe(root);

  // The API. Every call is feature-detected; nothing asks which host this is.
  async function callTool(name, args) {
    if ((await ready) === "mcp-apps") return normalise(await request("tools/call", { name, arguments: args }));
    if (!openai()?.callTool) throw unsupported();
    return normalise(await openai().callTool(name, args));
  }

  // A request to the MCP Apps host; where it refuses (or the other dialect is spoken), the
  // window.openai alias that does the same. Throws when neither takes it: the caller shows that.
  async function askHost(method, params, alias, aliasParams) {
    if ((await ready) === "mcp-apps") {
      const answer = await request(method, params).catch((error) => ({ isError: true, error }));
      if (!answer?.isError) return answer;
      if (!openai()?.[alias]) throw answer.error || new Error(`The host refused ${method}.`);
    }
    if (!openai()?.[alias]) throw unsupported();
    return openai()[alias](aliasParams);
  }

  // What the widget says to the host is one text block.
  const textBlocks = (text) => [{ type: "text", text }];

  const sendFollowUpMessage = (text) =>
    askHost("ui/message", { role: "user", content: textBlocks(text) }, "sendFollowUpMessage", { prompt: text });

  // Replaces what the model was last told (`text`, if there is any, and the view's state); it
  // reads it with the user's next message. ChatGPT also keeps the widget state with the message and
  // hands it back (savedState) when the conversation is opened again, whichever dialect is spoken:
  // that is where the reader was.
  async function updateModelContext(text, structuredContent) {
    if ((await ready) === "mcp-apps") {
      request("ui/update-model-context", { content: text ? textBlocks(text) : [], structuredContent }).catch(() => {});
    }
    openai()?.setWidgetState?.(structuredContent);
  }

  const openLink = (url) => askHost("ui/open-link", { url }, "openExternal", { href: url }).catch(() => {});

  // Saving a file is the host's to offer (ui/download-file, in some MCP Apps hosts): where it is
  // missing, the widget offers no button rather than one that does nothing.
  const canDownload = () => dialect === "mcp-apps" && Boolean(capabilities.downloadFile);
  async function downloadFile(name, text) {
    const answer = await request("ui/download-file", {
      contents: [{ type: "resource", resource: { uri: "file:///" + name, mimeType: "text/markdown", text } }],
    });
    if (answer?.isError) throw new Error("The host did not save the file.");
  }

  function canRequestDisplayMode(mode) {
    if (dialect === "mcp-apps") return (context.availableDisplayModes || []).includes(mode);
    return dialect === "openai" && Boolean(openai()?.requestDisplayMode);
  }

  // The host may grant another mode than asked for: it answers with the one it chose.
  async function requestDisplayMode(mode) {
    const answer = await askHost("ui/request-display-mode", { mode }, "requestDisplayMode", { mode });
    merge({ displayMode: answer?.mode || mode });
  }

  return {
    connect, callTool, sendFollowUpMessage, updateModelContext, openLink, canRequestDisplayMode, requestDisplayMode,
    canDownload, downloadFile,
    isUnsupported: (error) => error?.code === NOT_FOUND,
    // kind: "input" (the tool's arguments), "result", "context" (theme, locale…) or "cancelled".
    on: (kind, listener) => listeners[kind].push(listener),
    get context() { return context; },
    get locale() { return context.locale || openai()?.locale || navigator.language; },
    get savedState() { return openai()?.widgetState ?? null; },
  };
})();
