// The openai package: a manual tool loop on Chat Completions and on Responses, and
// chat.completions.runTools, each plain and streaming.
import OpenAI from "openai";
import {
  MAX_TURNS, OPENAI_MODEL, OPENAI_URL, QUESTION, SPECS, SYSTEM, callTool, runCases,
} from "./weather.mjs";

const client = new OpenAI({ baseURL: OPENAI_URL, apiKey: "offline", maxRetries: 0 });
const chatTools = SPECS.map((spec) => ({ type: "function", function: spec }));
const responsesTools = SPECS.map((spec) => ({ type: "function", strict: false, ...spec }));

async function chatLoop(stream) {
  const messages = [
    { role: "system", content: SYSTEM },
    { role: "user", content: QUESTION },
  ];
  for (let turn = 0; turn < MAX_TURNS; turn++) {
    const body = { model: OPENAI_MODEL, messages, tools: chatTools };
    const completion = stream
      ? await client.chat.completions.stream(body).finalChatCompletion()
      : await client.chat.completions.create(body);
    const message = completion.choices[0].message;
    if (!message.tool_calls?.length) return message.content;
    messages.push(message);
    for (const call of message.tool_calls) {
      const content = callTool(call.function.name, call.function.arguments);
      messages.push({ role: "tool", tool_call_id: call.id, content });
    }
  }
  throw new Error(`no final answer after ${MAX_TURNS} turns`);
}

async function responsesLoop(stream) {
  const input = [{ role: "user", content: QUESTION }];
  for (let turn = 0; turn < MAX_TURNS; turn++) {
    const body = { model: OPENAI_MODEL, instructions: SYSTEM, input, tools: responsesTools };
    const response = stream
      ? await client.responses.stream(body).finalResponse()
      : await client.responses.create(body);
    const calls = response.output.filter((item) => item.type === "function_call");
    if (!calls.length) return response.output_text;
    for (const call of calls) {
      const { call_id, name, arguments: args } = call;
      input.push({ type: "function_call", call_id, name, arguments: args });
      input.push({ type: "function_call_output", call_id, output: callTool(name, args) });
    }
  }
  throw new Error(`no final answer after ${MAX_TURNS} turns`);
}

async function runTools(stream) {
  const tools = SPECS.map((spec) => ({
    type: "function",
    function: { ...spec, parse: JSON.parse, function: (args) => callTool(spec.name, args) },
  }));
  const runner = client.chat.completions.runTools({
    model: OPENAI_MODEL,
    messages: [
      { role: "system", content: SYSTEM },
      { role: "user", content: QUESTION },
    ],
    tools,
    ...(stream ? { stream: true } : {}),
  });
  return await runner.finalContent();
}

await runCases("openai (Node)", "openai", {
  "chat/plain": () => chatLoop(false),
  "chat/stream": () => chatLoop(true),
  "responses/plain": () => responsesLoop(false),
  "responses/stream": () => responsesLoop(true),
  "chat-runTools/plain": () => runTools(false),
  "chat-runTools/stream": () => runTools(true),
});
