// @anthropic-ai/sdk: a manual tool loop on Messages, and beta.messages.toolRunner in its
// default mode (message threads), each plain and streaming.
import Anthropic from "@anthropic-ai/sdk";
import { betaTool } from "@anthropic-ai/sdk/helpers/beta/json-schema";
import {
  ANTHROPIC_MODEL, ANTHROPIC_URL, MAX_TOKENS, MAX_TURNS, QUESTION, SPECS, SYSTEM, callTool,
  runCases,
} from "./weather.mjs";

const client = new Anthropic({ baseURL: ANTHROPIC_URL, apiKey: "offline", maxRetries: 0 });
const tools = SPECS.map(({ name, description, parameters }) => ({
  name, description, input_schema: parameters,
}));

function text(message) {
  return message.content.filter((block) => block.type === "text").map((b) => b.text).join("");
}

async function manualLoop(stream) {
  const messages = [{ role: "user", content: QUESTION }];
  for (let turn = 0; turn < MAX_TURNS; turn++) {
    const body = { model: ANTHROPIC_MODEL, max_tokens: MAX_TOKENS, system: SYSTEM, messages, tools };
    const message = stream
      ? await client.messages.stream(body).finalMessage()
      : await client.messages.create(body);
    const uses = message.content.filter((block) => block.type === "tool_use");
    if (!uses.length) return text(message);
    messages.push({ role: "assistant", content: message.content });
    messages.push({
      role: "user",
      content: uses.map((use) => ({
        type: "tool_result", tool_use_id: use.id, content: callTool(use.name, use.input),
      })),
    });
  }
  throw new Error(`no final answer after ${MAX_TURNS} turns`);
}

async function toolRunner(stream) {
  const runnable = SPECS.map(({ name, description, parameters }) =>
    betaTool({ name, description, inputSchema: parameters, run: (args) => callTool(name, args) }),
  );
  const runner = client.beta.messages.toolRunner({
    model: ANTHROPIC_MODEL,
    max_tokens: MAX_TOKENS,
    system: SYSTEM,
    messages: [{ role: "user", content: QUESTION }],
    tools: runnable,
    ...(stream ? { stream: true } : {}),
  });
  return text(await runner.runUntilDone());
}

await runCases("@anthropic-ai/sdk (Node)", "@anthropic-ai/sdk", {
  "anthropic/plain": () => manualLoop(false),
  "anthropic/stream": () => manualLoop(true),
  "anthropic-runner/plain": () => toolRunner(false),
  "anthropic-runner/stream": () => toolRunner(true),
});
