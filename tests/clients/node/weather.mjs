// The two tools, the question and the report that every Node client script shares: the
// twin of ../scripts/weather_tools.py. A case returns the final text; the tools record their
// calls; one JSON object is printed: {client, version, cases: {key: {calls, text} | {error}}}.
import { readFileSync } from "node:fs";

export const QUESTION =
  "What is the weather in Paris right now, and what is that temperature in Fahrenheit?";
export const SYSTEM = "You are a helpful assistant. Use the tools to answer.";
export const OPENAI_MODEL = "gpt-5.4-mini";
export const ANTHROPIC_MODEL = "claude-haiku-4-5";
export const MAX_TOKENS = 1024;
export const MAX_TURNS = 6;

const root = (process.argv[2] ?? "").replace(/\/+$/, "");
export const OPENAI_URL = `${root}/v1`;
export const ANTHROPIC_URL = root;

export const CALLS = [];

export function getWeather({ city }) {
  CALLS.push({ name: "get_weather", arguments: { city } });
  return JSON.stringify({ city, celsius: 18, conditions: "sunny" });
}

export function convertTemperature({ celsius, to }) {
  CALLS.push({ name: "convert_temperature", arguments: { celsius, to } });
  const value = to === "fahrenheit" ? (celsius * 9) / 5 + 32 : celsius + 273.15;
  return JSON.stringify({ value: Math.round(value * 100) / 100, unit: to });
}

export const TOOLS = { get_weather: getWeather, convert_temperature: convertTemperature };

export const SPECS = [
  {
    name: "get_weather",
    description:
      "Get the current weather for a city: temperature in degrees Celsius and conditions.",
    parameters: {
      type: "object",
      properties: { city: { type: "string", description: "City name, e.g. Paris" } },
      required: ["city"],
    },
  },
  {
    name: "convert_temperature",
    description: "Convert a temperature in degrees Celsius to Fahrenheit or Kelvin.",
    parameters: {
      type: "object",
      properties: {
        celsius: { type: "number", description: "Temperature in degrees Celsius" },
        to: { type: "string", enum: ["fahrenheit", "kelvin"], description: "Target unit" },
      },
      required: ["celsius", "to"],
    },
  },
];

export function callTool(name, args) {
  return TOOLS[name](typeof args === "string" ? JSON.parse(args) : args);
}

export function version(pkg) {
  // Read the file itself: packages whose "exports" omit package.json refuse require().
  const file = new URL(`./node_modules/${pkg}/package.json`, import.meta.url);
  return JSON.parse(readFileSync(file, "utf8")).version;
}

export async function runCases(client, pkg, cases) {
  const report = { client, version: version(pkg), cases: {} };
  for (const [key, run] of Object.entries(cases)) {
    CALLS.length = 0;
    try {
      const text = await run();
      report.cases[key] = { calls: [...CALLS], text: String(text) };
    } catch (error) {
      const trace = String(error?.stack ?? "").split("\n").slice(0, 4).join("\n");
      report.cases[key] = { calls: [...CALLS], error: String(error), trace };
    }
  }
  process.stdout.write(`${JSON.stringify(report)}\n`);
}
