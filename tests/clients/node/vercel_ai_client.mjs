// The Vercel AI SDK's own tool loop (generateText / streamText with stopWhen) over
// @ai-sdk/openai (Chat and Responses) and @ai-sdk/anthropic.
import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { generateText, jsonSchema, stepCountIs, streamText, tool } from "ai";
import {
  ANTHROPIC_MODEL, ANTHROPIC_URL, MAX_TOKENS, MAX_TURNS, OPENAI_MODEL, OPENAI_URL, QUESTION,
  SPECS, SYSTEM, callTool, runCases,
} from "./weather.mjs";

const openai = createOpenAI({ baseURL: OPENAI_URL, apiKey: "offline" });
const anthropic = createAnthropic({ baseURL: `${ANTHROPIC_URL}/v1`, apiKey: "offline" });
const MODELS = {
  chat: () => openai.chat(OPENAI_MODEL),
  responses: () => openai.responses(OPENAI_MODEL),
  anthropic: () => anthropic(ANTHROPIC_MODEL),
};
const tools = Object.fromEntries(
  SPECS.map(({ name, description, parameters }) => [
    name,
    tool({ description, inputSchema: jsonSchema(parameters), execute: (args) => callTool(name, args) }),
  ]),
);

async function run(api, stream) {
  const options = {
    model: MODELS[api](),
    system: SYSTEM,
    prompt: QUESTION,
    tools,
    maxOutputTokens: MAX_TOKENS,
    maxRetries: 0,
    stopWhen: stepCountIs(MAX_TURNS),
  };
  if (!stream) return (await generateText(options)).text;
  let failure;
  const result = streamText({ ...options, onError: ({ error }) => { failure = error; } });
  const text = await result.text;
  if (failure) throw failure;
  return text;
}

const cases = {};
for (const api of Object.keys(MODELS)) {
  cases[`${api}/plain`] = () => run(api, false);
  cases[`${api}/stream`] = () => run(api, true);
}
await runCases("Vercel AI SDK", "ai", cases);
