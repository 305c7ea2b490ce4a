"""A tool's huge result (or error) is cut to ``max_result_chars``, with a marker."""

from __future__ import annotations

import json

import pytest

from fcplayground import ToolRegistry


def huge_registry(**options) -> ToolRegistry:
    tools = ToolRegistry(**options)

    @tools.tool
    def dump(n: int) -> str:
        """Return ``n`` characters of text.

        Args:
            n: How many characters.
        """
        return "x" * n

    @tools.tool
    def rows(n: int) -> list[dict]:
        """Return ``n`` rows of JSON.

        Args:
            n: How many rows.
        """
        return [{"id": i, "name": f"row {i}"} for i in range(n)]

    return tools


def test_default_limit_is_20000():
    assert ToolRegistry().max_result_chars == 20_000


def test_short_result_is_untouched():
    result = huge_registry().call("dump", {"n": 20_000})
    assert result.content == "x" * 20_000
    assert not result.is_error


@pytest.mark.fault(
    "tool execution",
    "a tool returns a huge result",
    "cut at max_result_chars (20,000) with a marker saying so",
)
def test_huge_string_is_cut_with_a_marker():
    result = huge_registry().call("dump", {"n": 123_456})
    assert not result.is_error
    head, marker = result.content[:20_000], result.content[20_000:]
    assert head == "x" * 20_000
    assert marker == (
        "\n[truncated: 123456 characters, showing the first 20000. "
        "Ask for less, or raise max_result_chars.]"
    )


@pytest.mark.fault(
    "tool execution",
    "a tool returns a huge result",
    "cut at max_result_chars (20,000) with a marker saying so",
)
def test_huge_json_is_cut_at_the_limit():
    tools = huge_registry(max_result_chars=500)
    full = json.dumps([{"id": i, "name": f"row {i}"} for i in range(5000)])
    result = tools.call("rows", {"n": 5000})
    assert not result.is_error
    assert result.content.startswith(full[:500] + "\n[truncated: ")
    assert f"{len(full)} characters, showing the first 500." in result.content


def test_per_call_override():
    tools = huge_registry(max_result_chars=100)
    assert len(tools.call("dump", {"n": 1000}, max_chars=1000).content) == 1000
    assert tools.call("dump", {"n": 1000}, max_chars=10).content.startswith("x" * 10 + "\n[")


def test_none_means_no_limit():
    result = huge_registry(max_result_chars=None).call("dump", {"n": 50_000})
    assert result.content == "x" * 50_000


@pytest.mark.parametrize("parallel", [True, False])
def test_call_many_and_acall_truncate_too(parallel):
    tools = huge_registry(max_result_chars=50)
    results = tools.call_many([("dump", {"n": 60}), ("dump", {"n": 40})], parallel=parallel)
    assert results[0].content.startswith("x" * 50 + "\n[truncated: 60 characters")
    assert results[1].content == "x" * 40
    assert not any(r.is_error for r in results)


def test_errors_are_cut_at_the_limit_too_keeping_their_start():
    tools = huge_registry(max_result_chars=30)
    result = tools.call("dump", {"n": "many"})
    assert result.is_error
    assert result.content.startswith("The arguments for dump are inv\n[truncated: ")


def test_copy_keeps_the_limit():
    assert huge_registry(max_result_chars=7).copy().max_result_chars == 7


def test_negative_limit_is_refused():
    with pytest.raises(ValueError, match="max_result_chars"):
        ToolRegistry(max_result_chars=-1)
