"""A hand-written stdio MCP server that writes what no SDK server would: answers of any
size with the id first or last, answers that are not valid, and lines that are not
JSON-RPC. ``python tests/mcp_servers/raw.py [noisy]``: ``noisy`` prints three lines that
are not JSON-RPC before it serves. Starts at once (it imports no MCP SDK).

Its tools: ``echo(text)``; ``huge(size, shape)`` answers with a message of ``size`` bytes
or more shaped ``id_first`` (as the Python SDK writes it), ``id_last`` (as the TypeScript
SDK does) or ``no_id`` (naming no request); ``broken()`` answers with a line that is not
JSON; ``chatter(lines)`` prints that many lines that are not JSON-RPC, then answers."""

from __future__ import annotations

import json
import sys
from typing import Any

ANY = {"type": "object", "properties": {}, "additionalProperties": True}
TOOLS = [
    {"name": "echo", "inputSchema": ANY},
    {"name": "huge", "inputSchema": ANY},
    {"name": "broken", "inputSchema": ANY},
    {"name": "chatter", "inputSchema": ANY},
]


def write(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def answer(request: dict[str, Any], result: dict[str, Any]) -> None:
    write(json.dumps({"jsonrpc": "2.0", "id": request["id"], "result": result}))


def text_result(text: str) -> dict[str, Any]:
    return {"content": [{"type": "text", "text": text}], "isError": False}


def huge(request: dict[str, Any], size: int, shape: str) -> None:
    body = json.dumps(text_result("x" * size))
    ident = json.dumps(request["id"])
    lines = {
        "id_first": f'{{"jsonrpc":"2.0","id":{ident},"result":{body}}}',
        "id_last": f'{{"result":{body},"jsonrpc":"2.0","id":{ident}}}',
        "no_id": f'{{"result":{body},"jsonrpc":"2.0"}}',
    }
    write(lines[shape])


def call(request: dict[str, Any]) -> None:
    name = request["params"]["name"]
    arguments = request["params"].get("arguments") or {}
    if name == "echo":
        answer(request, text_result(str(arguments.get("text"))))
    elif name == "huge":
        huge(request, int(arguments["size"]), str(arguments["shape"]))
    elif name == "broken":
        write(f'{{"jsonrpc":"2.0","id":{json.dumps(request["id"])},"result":{{"content":[')
    elif name == "chatter":
        for i in range(int(arguments["lines"])):
            write(f"chatter {i}: not JSON-RPC")
        answer(request, text_result("chattered"))


def handle(request: dict[str, Any]) -> None:
    method = request.get("method")
    if "id" not in request:
        return  # a notification: nothing to answer
    if method == "initialize":
        info = {"name": "raw", "version": "1"}
        version = request["params"]["protocolVersion"]
        answer(
            request, {"protocolVersion": version, "capabilities": {"tools": {}}, "serverInfo": info}
        )
    elif method == "tools/list":
        answer(request, {"tools": TOOLS})
    elif method == "tools/call":
        call(request)
    else:
        error = {"code": -32601, "message": f"Method not found: {method}"}
        write(json.dumps({"jsonrpc": "2.0", "id": request["id"], "error": error}))


def main() -> None:
    if "noisy" in sys.argv[1:]:
        for text in ("Starting up... (not JSON-RPC)", "{not json either", "[1, 2, 3]"):
            write(text)
    for line in sys.stdin:
        if line.strip():
            handle(json.loads(line))


if __name__ == "__main__":
    main()
