"""Large tool catalogs for the tool search tests: 200 tools in 20 domains (19 made from
templates, one written by hand), in each API's shape, deferred or not."""

from __future__ import annotations

from typing import Any

DOMAINS = {
    "calendar": ("Calendar tools: events, meetings and reminders.", ["event", "meeting", "reminder", "invitation", "room"]),
    "email": ("Email tools: messages, drafts, folders and contacts.", ["message", "draft", "folder", "contact", "signature"]),
    "crm": ("CRM tools for customer lookup and order management.", ["customer", "order", "lead", "deal", "note"]),
    "billing": ("Billing tools: invoices, payments and refunds.", ["invoice", "payment", "refund", "subscription", "coupon"]),
    "shipping": ("Shipping tools: parcels, labels and deliveries.", ["parcel", "label", "delivery", "pickup", "customs_form"]),
    "hr": ("Human resources tools: employees, leave and payroll.", ["employee", "leave_request", "payslip", "review", "team"]),
    "files": ("File storage tools: documents, shares and versions.", ["document", "share", "version", "comment", "upload"]),
    "music": ("Music tools: songs, playlists and albums.", ["song", "playlist", "album", "artist", "lyric"]),
    "maps": ("Map tools: places, routes and traffic.", ["place", "route", "traffic_report", "address", "parking_spot"]),
    "recipes": ("Cooking tools: recipes, ingredients and meal plans.", ["recipe", "ingredient", "meal_plan", "shopping_list", "pantry_item"]),
    "fitness": ("Fitness tools: workouts, steps and heart rate.", ["workout", "step_count", "heart_rate", "sleep_log", "goal"]),
    "banking": ("Banking tools: accounts, transfers and cards.", ["account", "transfer", "card", "statement", "beneficiary"]),
    "travel": ("Travel tools: flights, trains and bookings.", ["flight", "train", "booking", "boarding_pass", "seat"]),
    "home": ("Smart home tools: lights, thermostat and locks.", ["light", "thermostat", "door_lock", "camera", "scene"]),
    "support": ("Support desk tools: tickets, agents and replies.", ["ticket", "agent", "reply", "macro", "queue"]),
    "inventory": ("Warehouse tools: stock, suppliers and purchase orders.", ["stock_item", "supplier", "purchase_order", "shelf", "batch"]),
    "social": ("Social media tools: posts, followers and mentions.", ["post", "follower", "mention", "hashtag", "story"]),
    "school": ("School tools: courses, grades and homework.", ["course", "grade", "homework", "student", "timetable"]),
    "garden": ("Garden tools: plants, beds and harvests.", ["plant", "bed", "harvest", "seed_packet", "compost_bin"]),
}  # fmt: skip
VERBS = [
    ("get", "Returns one {obj} of the {domain} system by its id, with all its details."),
    ("list", "Lists the {obj}s of the {domain} system, newest first, a page at a time."),
]
# The domain written by hand: what the searches are expected to find.
WEATHER = (
    "Weather tools: forecasts, alerts and air quality for cities.",
    [
        ("get_forecast", "Returns the weather forecast for a city: temperature, rain and wind for the coming days.", "city", "The city, e.g. Lisbon."),
        ("get_air_quality", "Returns the air quality index and pollutants measured in a city today.", "city", "The city, e.g. Delhi."),
        ("get_uv_index", "Returns today's ultraviolet index and sunburn risk for a city.", "city", "The city."),
        ("get_pollen_count", "Returns the pollen count (grass, tree, weed) for a city.", "city", "The city."),
        ("get_storm_alerts", "Returns active storm and flood warnings issued for a region.", "region", "The region or county."),
        ("get_sunrise", "Returns the sunrise and sunset times for a city on a date.", "city", "The city."),
        ("get_tide_times", "Returns high and low tide times for a coastal town.", "town", "The coastal town."),
        ("get_snow_report", "Returns snow depth and open slopes at a ski resort.", "resort", "The ski resort."),
        ("get_historical_weather", "Returns the weather recorded in a city on a past date.", "city", "The city."),
        ("get_wind", "Returns wind speed, gusts and direction in a city now.", "city", "The city."),
    ],
)  # fmt: skip


def _schema(**properties: str) -> dict[str, Any]:
    props = {name: {"type": "string", "description": about} for name, about in properties.items()}
    for name in ("minutes", "grams"):
        if name in props:
            props[name]["type"] = "integer"
    return {"type": "object", "properties": props, "required": list(props)}


def domains() -> dict[str, tuple[str, list[tuple[str, str, dict[str, Any]]]]]:
    """namespace -> (description, [(function name, description, parameters)]): 200 tools."""
    out: dict[str, tuple[str, list[tuple[str, str, dict[str, Any]]]]] = {}
    for domain, (about, objects) in DOMAINS.items():
        tools = []
        for obj in objects:
            words = obj.replace("_", " ")
            for verb, text in VERBS:
                params = _schema(**{f"{obj}_id": f"The id of the {words}."})
                if verb == "list":
                    params = _schema(page="Which page of results, from 1.")
                name = f"{verb}_{obj}" + ("s" if verb == "list" else "")
                tools.append((name, text.format(obj=words, domain=domain), params))
        out[domain] = (about, tools)
    about, written = WEATHER
    out["weather"] = (
        about,
        [(name, text, _schema(**{param: desc})) for name, text, param, desc in written],
    )
    return out


def openai_function(
    name: str, about: str, params: dict[str, Any], deferred: bool
) -> dict[str, Any]:
    tool = {"type": "function", "name": name, "description": about, "parameters": params}
    return tool | ({"defer_loading": True} if deferred else {})


def openai_namespaces(deferred: bool = True) -> list[dict[str, Any]]:
    """The 200 tools as 20 namespaces of 10 functions (within the 128-tool limit)."""
    return [
        {
            "type": "namespace",
            "name": domain,
            "description": about,
            "tools": [openai_function(n, d, p, deferred) for n, d, p in tools],
        }
        for domain, (about, tools) in domains().items()
    ]


def anthropic_tools(deferred: bool = True) -> list[dict[str, Any]]:
    """The 200 tools as Anthropic custom tools named ``<domain>_<function>``."""
    out = []
    for domain, (_, tools) in domains().items():
        for name, about, params in tools:
            tool = {"name": f"{domain}_{name}", "description": about, "input_schema": params}
            out.append(tool | ({"defer_loading": True} if deferred else {}))
    return out


# Tools a learner might write, in words no catalog above uses: for the "never seen" tests.
LEARNER = [
    ("water_the_garden", "Turns on the garden sprinklers for a number of minutes.", _schema(minutes="How long to run them, in minutes.")),
    ("feed_the_cat", "Drops one portion of dry food into Miso's bowl.", _schema(grams="How much food, in grams.")),
    ("find_my_keys", "Makes the key fob beep so that you can hear where you left your keys.", _schema()),
]  # fmt: skip

CLOCK = ("get_time", "Returns the current time in a time zone.", _schema(zone="An IANA time zone."))
