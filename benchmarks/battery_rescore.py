"""How long re-scoring a routing battery takes with the simulated model (no HTTP).

This is what the DescriptionLab does after each edit. Two sizes: 12 requests x 5 tools
(the support desk's tools) and 50 requests x 20 tools (the same plus 15 of the lab's
default distractors, with requests written for them). Three timings, median over repeats:

- ``warm``: ``score_battery`` with descriptions already seen (word caches warm).
- ``after edit``: one tool's description changed before each run (its words are new), as
  when a learner types.
- ``lab.describe``: the whole DescriptionLab step: edit, score, and re-render the HTML.

    python benchmarks/battery_rescore.py [--repeats 30]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from dataclasses import replace

from fcplayground.chat import ToolSpec
from fcplayground.evals.battery import Probe, default_distractors, score_battery
from fcplayground.models import SimulatedModel
from fcplayground.scenarios import SupportDesk
from fcplayground.tools import ToolRegistry
from fcplayground.widgets import DescriptionLab

SUPPORT = [
    Probe("What plan is jane@example.com on?", "lookup_customer"),
    Probe("Is the billing status of jane@example.com past due?", "lookup_customer"),
    Probe("Find the customer record for bob@example.com", "lookup_customer"),
    Probe("Where is order ORD-1234?", "get_order"),
    Probe("Has order ORD-2211 shipped yet?", "get_order"),
    Probe("How do I reset my password?", "search_knowledge_base"),
    Probe("Search the help center for the refund policy", "search_knowledge_base"),
    Probe("Open a ticket for customer C-1001 about a damaged package", "create_ticket"),
    Probe("Email jane@example.com that her refund is on its way", "send_response"),
    Probe("Reply to bob@example.com with subject 'Your order' saying it shipped", "send_response"),
    Probe("Tell me a joke", None),
    Probe("What's the weather in Paris?", None),
]

# Two requests for each default distractor (the first 15 are offered at 20 tools).
DISTRACTOR_REQUESTS = {
    "get_invoice": ["Show me invoice INV-2024-0042", "What is the total due on INV-2024-0107?"],
    "list_products": ["List the headphones in the catalog", "Which chargers do you sell?"],
    "update_address": [
        "Change the shipping address of C-1001 to 5 Rue Cler, Paris 75007",
        "Customer C-2040 moved: update the address to 10 Main St, Leeds LS1 4AP",
    ],
    "cancel_subscription": [
        "Cancel the subscription of customer C-1001, it is too expensive",
        "C-2040 wants to end their subscription at the end of the billing period",
    ],
    "refund_payment": ["Refund payment PAY-7781 in full", "Refund 19.99 of payment PAY-1200"],
    "get_shipping_rates": [
        "How much is shipping a 2 kg parcel to Canada?",
        "Shipping rates and delivery times to Tokyo for 5 kg",
    ],
    "track_shipment": [
        "Track parcel 1Z999AA10123456784",
        "Where is my parcel with tracking number 1Z999AA10123456799?",
    ],
    "list_orders": ["List the orders of customer C-1001", "Show C-2040's refunded orders"],
    "send_sms": [
        "Text +44 7700 900123 that the courier is on the way",
        "Send an SMS to +1 202 555 0142 saying the store opens at 9",
    ],
    "schedule_callback": [
        "Book a call back to +44 7700 900123 at 2025-06-03 14:00",
        "Schedule a phone callback for +1 202 555 0142 tomorrow at 10:00",
    ],
    "apply_discount": [
        "Apply coupon SUMMER10 to order ORD-1234",
        "Use discount code WELCOME5 on ORD-2211",
    ],
    "get_exchange_rate": ["What's the EUR to USD exchange rate today?", "Rate from GBP to JPY"],
    "check_inventory": ["How many units of SKU-0042 are in stock?", "Check stock for SKU-0107"],
    "reset_password": [
        "Send a password reset link to jane@example.com",
        "bob@example.com forgot his password, send him a reset link",
    ],
    "change_plan": ["Move C-1001 to the Business plan", "Downgrade customer C-2040 to Free"],
    "create_invoice": ["Bill customer C-1001 49.00", "Issue an invoice of 120 to C-2040"],
    "log_feedback": ["Record a rating of 5 with the comment 'great help'", "Log feedback: 2, slow"],
}
NONE = [
    Probe("Write a haiku about autumn", None),
    Probe("Who won the 1998 World Cup?", None),
    Probe("Translate 'good morning' into Italian", None),
    Probe("What is 17 times 23?", None),
    Probe("Recommend a good science fiction novel", None),
    Probe("Thanks, that's all for today!", None),
    Probe("Explain what a REST API is", None),
    Probe("Can you summarise our conversation?", None),
]


def support_tools() -> ToolRegistry:
    return SupportDesk().tools.copy()  # the scenario's five tools, with their descriptions


def big_case() -> tuple[list[ToolSpec], list[Probe]]:
    distractors = default_distractors()[:15]
    specs = support_tools().specs() + distractors
    probes = list(SUPPORT)
    probes += [Probe(text, d.name) for d in distractors for text in DISTRACTOR_REQUESTS[d.name]]
    probes += NONE
    return specs, probes[:50]


def median_ms(run: Callable[[int], object], repeats: int) -> float:
    run(-1)  # warm up
    times = []
    for i in range(repeats):
        start = time.perf_counter()
        run(i)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure(
    tools: ToolRegistry, specs: list[ToolSpec], probes: list[Probe], k: int, repeats: int
) -> tuple[float, float, float, str]:
    """Median ms: warm, after an edit, and a whole lab.describe step; and the score."""
    model = SimulatedModel()
    warm = median_ms(lambda _i: score_battery(specs, probes, model), repeats)

    def edited(i: int) -> None:
        first = specs[0]
        text = f"{first.description} Revision {i} mentions account number {i * 7919}."
        score_battery([replace(first, description=text), *specs[1:]], probes, model)

    lab = DescriptionLab(tools, probes, debounce=0)  # offers the same tools as `specs`
    lab.set_distractors(k)
    name = tools.names[0]
    original = tools[name].description

    def describe(i: int) -> None:
        lab.describe(name, f"{original} Revision {i}.")

    summary = score_battery(specs, probes, model).summary.split(",")[0]
    return warm, median_ms(edited, repeats), median_ms(describe, repeats), summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()

    tools = support_tools()
    big_specs, big_probes = big_case()
    cases = [
        ("12 x 5", tools.specs(), SUPPORT, 0),
        (f"{len(big_probes)} x {len(big_specs)}", big_specs, big_probes, 15),
    ]
    print(f"Re-scoring a battery with SimulatedModel: median ms over {args.repeats} runs")
    print(f"{'requests x tools':<18}{'warm':>8}{'after edit':>12}{'lab.describe':>14}  accuracy")
    for label, specs, probes, k in cases:
        warm, after_edit, lab_ms, summary = measure(tools, specs, probes, k, args.repeats)
        print(f"{label:<18}{warm:>8.1f}{after_edit:>12.1f}{lab_ms:>14.1f}  {summary}")


if __name__ == "__main__":
    main()
