// The bridge between this widget and its host. It speaks the MCP Apps standard first
// (JSON-RPC 2.0 over postMessage: ui/initialize, ui/notifications/*, tools/call, ui/message)
// and falls back to ChatGPT's window.openai aliases when the standard handshake gets no answer.
const Bridge = (() => {
  const PROTOCOL_VERSION = "2026-01-26";
  const HANDSHAKE_TIMEOUT_MS = 1500;
  const pending = new Map();
  const resultListeners = [];
  const contextListeners = [];
  let nextId = 1;
  let dialect = "pending"; // "mcp-apps" once the host answers ui/initialize, "openai" on the fallback
  let hostContext = {};

  const openai = () => window.openai;

  function post(message) {
    window.parent.postMessage({ jsonrpc: "2.0", ...message }, "*");
  }

  function request(method, params) {
    const id = nextId++;
    post({ id, method, params });
    return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
  }

  function notify(method, params) {
    post({ method, params });
  }

  // A result from either dialect, in one shape: {content, structuredContent, _meta, isError}.
  function normalise(result) {
    if (!result || typeof result !== "object") return { content: [], structuredContent: null, _meta: {} };
    const inner = result.result && typeof result.result === "object" && !result.content ? result.result : result;
    return {
      content: inner.content || [],
      structuredContent: inner.structuredContent ?? inner.structured_content ?? null,
      _meta: inner._meta || inner.meta || {},
      isError: Boolean(inner.isError),
    };
  }

  function emitResult(result) {
    const normalised = normalise(result);
    resultListeners.forEach((listener) => listener(normalised));
  }

  function mergeContext(partial) {
    hostContext = { ...hostContext, ...(partial || {}) };
    applyContext();
    contextListeners.forEach((listener) => listener(hostContext));
  }

  function applyContext() {
    const root = document.documentElement;
    const theme = hostContext.theme || openai()?.theme;
    if (theme === "dark" || theme === "light") root.dataset.theme = theme;
    const variables = hostContext.styles?.variables || {};
    for (const [name, value] of Object.entries(variables)) {
      if (name.startsWith("--") && typeof value === "string") root.style.setProperty(name, value);
    }
  }

  // Messages from the host: only from our parent window, and only JSON-RPC.
  window.addEventListener("message", (event) => {
    if (event.source !== window.parent) return;
    const message = event.data;
    if (!message || message.jsonrpc !== "2.0") return;
    if (message.id !== undefined && !message.method) {
      const waiter = pending.get(message.id);
      if (!waiter) return;
      pending.delete(message.id);
      if (message.error) waiter.reject(new Error(message.error.message || "The host refused the request"));
      else waiter.resolve(message.result);
      return;
    }
    switch (message.method) {
      case "ui/notifications/tool-result":
        emitResult(message.params);
        break;
      case "ui/notifications/host-context-changed":
        mergeContext(message.params);
        break;
      case "ui/resource-teardown":
        post({ id: message.id, result: {} });
        break;
      case "ui/notifications/tool-input":
      case "ui/notifications/tool-cancelled":
        break;
      default:
        if (message.id !== undefined) {
          post({ id: message.id, error: { code: -32601, message: `Unknown method ${message.method}` } });
        }
    }
  });

  // ChatGPT's dialect: data arrives as window.openai globals and the openai:set_globals event.
  function readOpenAIGlobals() {
    const globals = openai();
    if (!globals) return;
    if (globals.theme || globals.locale) mergeContext({ theme: globals.theme, locale: globals.locale });
    if (globals.toolOutput) {
      emitResult({ structuredContent: globals.toolOutput, _meta: globals.toolResponseMetadata || {} });
    }
  }
  window.addEventListener("openai:set_globals", (event) => {
    const globals = event.detail?.globals || {};
    if (globals.theme || globals.locale) mergeContext({ theme: globals.theme, locale: globals.locale });
    if (dialect === "openai" && "toolOutput" in globals && globals.toolOutput) {
      emitResult({ structuredContent: globals.toolOutput, _meta: globals.toolResponseMetadata || openai()?.toolResponseMetadata || {} });
    }
  });

  async function connect() {
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error("no answer")), HANDSHAKE_TIMEOUT_MS));
    try {
      const result = await Promise.race([
        request("ui/initialize", {
          protocolVersion: PROTOCOL_VERSION,
          appInfo: { name: "chapterwise", version: "0.1.0" },
          appCapabilities: { availableDisplayModes: ["inline", "fullscreen"] },
        }),
        timeout,
      ]);
      dialect = "mcp-apps";
      mergeContext(result?.hostContext);
      notify("ui/notifications/initialized", {});
    } catch (error) {
      if (!openai()) throw error;
      dialect = "openai";
      readOpenAIGlobals();
    }
  }

  // Report our height so the host can size the frame; hosts without the standard get the alias.
  let lastHeight = 0;
  new ResizeObserver(() => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === lastHeight) return;
    lastHeight = height;
    if (dialect === "mcp-apps") notify("ui/notifications/size-changed", { height });
    else openai()?.notifyIntrinsicHeight?.(height);
  }).observe(document.documentElement);

  return {
    get dialect() { return dialect; },
    get context() { return hostContext; },
    get locale() { return hostContext.locale || openai()?.locale || navigator.language; },
    connect,
    onResult(listener) { resultListeners.push(listener); },
    onContext(listener) { contextListeners.push(listener); },

    async callTool(name, args) {
      if (dialect === "mcp-apps") return normalise(await request("tools/call", { name, arguments: args }));
      if (openai()?.callTool) return normalise(await openai().callTool(name, args));
      throw new Error("This host cannot call tools from a widget.");
    },

    async sendFollowUpMessage(text) {
      if (dialect === "mcp-apps") {
        const result = await request("ui/message", { role: "user", content: [{ type: "text", text }] });
        if (result?.isError) throw new Error("The host did not accept the message.");
        return;
      }
      if (openai()?.sendFollowUpMessage) return openai().sendFollowUpMessage({ prompt: text });
      throw new Error("This host cannot post messages from a widget.");
    },

    // Tell the model what is on screen; it reads this with the user's next message.
    updateModelContext(text, structuredContent) {
      if (dialect === "mcp-apps") {
        request("ui/update-model-context", { content: [{ type: "text", text }], structuredContent }).catch(() => {});
      } else {
        openai()?.setWidgetState?.(structuredContent);
      }
    },

    openLink(url) {
      if (dialect === "mcp-apps") request("ui/open-link", { url }).catch(() => {});
      else openai()?.openExternal?.({ href: url });
    },
  };
})();
