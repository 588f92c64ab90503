// The TypeScript SDK's own client against Chapterwise: connect (HTTP URL, or a stdio command),
// list tools, call each one and read each widget, then print a JSON report for the Python test.
// The SDK validates structuredContent against each tool's outputSchema on its own.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [target, ...command] = process.argv.slice(2);
const transport = target === "--stdio"
  ? new StdioClientTransport({ command: command[0], args: command.slice(1), stderr: "ignore" })
  : new StreamableHTTPClientTransport(new URL(target));

const client = new Client({ name: "chapterwise-interop", version: "1.0.0" });
await client.connect(transport);

const { tools } = await client.listTools();
const calls = {
  "list-books": {},
  "open-book": { book: "chapterwise-guide" },
  "read-chapter": { book: "chapterwise-guide", chapter: 2 },
  search: { query: "widget" },
  "read-notes": {},
};
const report = { tools: {}, errors: {} };
for (const tool of tools) {
  // Tools only the widget calls (visibility ["app"]) are listed for hosts but not called here.
  if (tool._meta?.ui?.visibility?.length === 1 && tool._meta.ui.visibility[0] === "app") {
    report.appOnly = [...(report.appOnly || []), tool.name].sort();
    continue;
  }
  const result = await client.callTool({ name: tool.name, arguments: calls[tool.name] });
  const uri = tool._meta?.ui?.resourceUri;
  const resource = uri ? await client.readResource({ uri }) : null;
  report.tools[tool.name] = {
    resourceUri: uri,
    hasOutputSchema: Boolean(tool.outputSchema),
    isError: Boolean(result.isError),
    structuredKeys: Object.keys(result.structuredContent ?? {}).sort(),
    text: result.content?.[0]?.text?.slice(0, 200),
    mimeType: resource?.contents?.[0]?.mimeType,
    htmlBytes: resource?.contents?.[0]?.text?.length ?? 0,
  };
}
const { resourceTemplates } = await client.listResourceTemplates();
report.resourceTemplates = resourceTemplates.map((template) => template.uriTemplate).sort();
const chapter = await client.readResource({ uri: "chapterwise://books/chapterwise-guide/chapters/2" });
report.chapterResource = { mimeType: chapter.contents[0].mimeType, start: chapter.contents[0].text.slice(0, 40) };
const missing = await client.callTool({ name: "read-chapter", arguments: { book: "chapterwise-guide", chapter: 99 } });
report.errors.missingChapter = { isError: Boolean(missing.isError), text: missing.content?.[0]?.text };

await client.close();
console.log(JSON.stringify(report));
