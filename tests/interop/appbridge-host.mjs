// A minimal host built on the MCP Apps project's own AppBridge, bundled for the browser by the
// test with esbuild. Tool calls go back to Python (window.callServer, exposed by Playwright),
// which forwards them to the real Chapterwise server.
import { AppBridge, PostMessageTransport } from "@modelcontextprotocol/ext-apps/app-bridge";

window.seen = { toolCalls: [], messages: [], contexts: [] };

window.startHost = async ({ html, toolArgs, toolResult }) => {
  const iframe = document.getElementById("app");
  const bridge = new AppBridge(
    null,
    { name: "appbridge-interop-host", version: "1.0.0" },
    { openLinks: {}, serverTools: {}, updateModelContext: { text: {} }, message: { text: {} } },
    { hostContext: { theme: "light", locale: "en-US", displayMode: "inline", availableDisplayModes: ["inline"] } },
  );
  bridge.oncalltool = async (params) => {
    window.seen.toolCalls.push(params);
    return await window.callServer("tools/call", params);
  };
  bridge.onmessage = async (params) => {
    window.seen.messages.push(params);
    return {};
  };
  bridge.onupdatemodelcontext = async (params) => {
    window.seen.contexts.push(params);
    return {};
  };
  bridge.oninitialized = async () => {
    await bridge.sendToolInput({ arguments: toolArgs });
    await bridge.sendToolResult(toolResult);
  };
  await bridge.connect(new PostMessageTransport(iframe.contentWindow, iframe.contentWindow));
  iframe.srcdoc = html;
};
