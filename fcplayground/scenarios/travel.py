"""A small travel scenario for parallel tool calls.

``Travel()`` offers ``get_weather``, ``search_flights`` and ``search_hotels`` over fixed data
for eight cities. Each tool waits ``latency`` seconds, as a real web API would, so running
independent calls in parallel visibly saves time; ``travel.log`` records when each call
started and finished (``time.perf_counter`` seconds) to show the overlap.
"""

from __future__ import annotations

import math
import random
import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from fcplayground.tools import ToolRegistry


@dataclass(frozen=True)
class City:
    """A city the scenario knows: airport code, position, today's weather and hotels."""

    name: str
    code: str
    lat: float
    lon: float
    sky: str
    celsius: int
    hotels: tuple[tuple[str, int, float], ...]  # (name, price per night in EUR, rating)


_PLACES = [  # name, airport code, latitude, longitude, sky, degrees Celsius
    ("Paris", "PAR", 48.86, 2.35, "sunny", 22),
    ("London", "LON", 51.51, -0.13, "light rain", 16),
    ("Tokyo", "TYO", 35.68, 139.69, "cloudy", 24),
    ("New York", "NYC", 40.71, -74.01, "partly cloudy", 21),
    ("Berlin", "BER", 52.52, 13.40, "windy", 18),
    ("Rome", "ROM", 41.90, 12.50, "sunny", 27),
    ("Barcelona", "BCN", 41.39, 2.17, "sunny", 25),
    ("Lisbon", "LIS", 38.72, -9.14, "clear", 23),
]
_HOTELS = {  # name, price per night in EUR, guest rating
    "Paris": (("Hôtel Lumière", 189, 4.5), ("Le Petit Marais", 142, 4.3),
              ("Gare du Nord Inn", 98, 3.9)),
    "London": (("The Kensington Arms", 210, 4.4), ("Southbank Rooms", 155, 4.1),
               ("Camden Lodge", 99, 3.8)),
    "Tokyo": (("Shinjuku Garden Hotel", 170, 4.6), ("Asakusa Ryokan", 130, 4.7),
              ("Capsule Ginza", 45, 4.0)),
    "New York": (("Hudson Park Hotel", 265, 4.3), ("Brooklyn Loft Inn", 180, 4.2),
                 ("Midtown Pods", 120, 3.7)),
    "Berlin": (("Hotel Spree", 135, 4.4), ("Kreuzberg Hostel & Suites", 72, 4.0),
               ("Mitte Residenz", 160, 4.5)),
    "Rome": (("Albergo del Pantheon", 198, 4.6), ("Trastevere House", 121, 4.4),
             ("Termini Comfort", 85, 3.8)),
    "Barcelona": (("Casa Gràcia", 150, 4.5), ("Hotel Barceloneta Mar", 175, 4.3),
                  ("Raval Rooms", 78, 3.9)),
    "Lisbon": (("Alfama Terrace", 138, 4.7), ("Baixa Grand", 165, 4.4),
               ("Bairro Alto Guesthouse", 69, 4.1)),
}  # fmt: skip
CITIES = [City(*place, hotels=_HOTELS[place[0]]) for place in _PLACES]
_AIRLINES = ["SkyBridge", "Aurora Air", "Meridian", "Coastline Airways"]


@dataclass(frozen=True)
class CallRecord:
    """One tool run: which tool, and when it started and finished (perf_counter seconds)."""

    tool: str
    started: float
    finished: float


class Travel:
    """Weather, flights and hotels for eight cities, each tool taking ``latency`` seconds.

    Use ``latency=0`` for fast tests; ``log`` lists every call's start and finish times.
    """

    def __init__(self, latency: float = 0.2) -> None:
        self.latency = latency
        self.log: list[CallRecord] = []
        self._lock = threading.Lock()  # tools append to the log from worker threads
        self.tools = self._make_tools()

    def _wait(self, tool: str) -> None:
        """Stand in for a remote API: sleep ``latency`` seconds and record the call."""
        started = time.perf_counter()
        if self.latency > 0:
            time.sleep(self.latency)
        with self._lock:
            self.log.append(CallRecord(tool, started, time.perf_counter()))

    def _make_tools(self) -> ToolRegistry:
        tools = ToolRegistry()

        @tools.tool
        def get_weather(city: str) -> dict[str, Any]:
            """Gets the current weather in a city and returns the sky conditions and the
            temperature in degrees Celsius.

            Use it when someone asks about the weather or what to pack. Knows Paris, London,
            Tokyo, New York, Berlin, Rome, Barcelona and Lisbon.

            Args:
                city: The city name, e.g. Paris.
            """
            self._wait("get_weather")
            c = find_city(city)
            return {"city": c.name, "sky": c.sky, "celsius": c.celsius}

        @tools.tool
        def search_flights(origin: str, destination: str, date: str) -> list[dict[str, Any]]:
            """Searches for flights from one city to another on a given date and returns
            the options, cheapest first, with airline, flight number, departure and arrival
            times, duration and price in euros.

            Use it when someone wants to fly somewhere or compare flight prices.

            Args:
                origin: The city to fly from, e.g. London.
                destination: The city to fly to, e.g. Rome.
                date: The departure date as YYYY-MM-DD, e.g. 2025-07-14.
            """
            self._wait("search_flights")
            return flights(find_city(origin), find_city(destination), _parse_date(date))

        @tools.tool
        def search_hotels(city: str, check_in: str, nights: int = 1) -> list[dict[str, Any]]:
            """Searches for hotels in a city for a stay and returns the available hotels,
            cheapest first, with price per night, total price in euros and guest rating.

            Use it when someone needs a place to stay.

            Args:
                city: The city to stay in, e.g. Lisbon.
                check_in: The arrival date as YYYY-MM-DD, e.g. 2025-07-14.
                nights: How many nights to stay, 1 to 30.
            """
            self._wait("search_hotels")
            c, start = find_city(city), _parse_date(check_in)
            if not 1 <= nights <= 30:
                raise ValueError(f"nights must be between 1 and 30, not {nights}.")
            check_out = (start + timedelta(days=nights)).isoformat()
            return [
                {
                    "hotel": name,
                    "city": c.name,
                    "check_in": start.isoformat(),
                    "check_out": check_out,
                    "price_per_night": price,
                    "total_price": price * nights,
                    "rating": rating,
                }
                for name, price, rating in sorted(c.hotels, key=lambda h: h[1])
            ]

        return tools


def find_city(name: str) -> City:
    """The known city called ``name`` (or with that airport code); LookupError if none."""
    key = name.strip().lower()
    for c in CITIES:
        if key in (c.name.lower(), c.code.lower()):
            return c
    known = ", ".join(c.name for c in CITIES)
    raise LookupError(f"No data for {name!r}; this demo knows: {known}.")


def flights(origin: City, destination: City, day: date) -> list[dict[str, Any]]:
    """Three flights from ``origin`` to ``destination`` on ``day``, cheapest first.

    Durations follow the great-circle distance; times and prices come from a random
    generator seeded with the route and date, so the same search gives the same flights.
    """
    if origin == destination:
        raise ValueError("origin and destination are the same city.")
    km = _distance_km(origin, destination)
    minutes = round(km / 800 * 60 + 40)  # cruise at ~800 km/h plus taxi, climb and descent
    rng = random.Random(f"{origin.code}-{destination.code}-{day.isoformat()}")
    options = []
    for _ in range(3):
        departs = rng.randrange(6 * 60, 21 * 60, 5)
        airline = rng.choice(_AIRLINES)
        options.append(
            {
                "airline": airline,
                "flight": f"{airline[:2].upper()}{rng.randrange(100, 1000)}",
                "origin": origin.name,
                "destination": destination.name,
                "date": day.isoformat(),
                "departs": _clock(departs),
                "arrives": _clock(departs + minutes),  # local time of origin, for simplicity
                "duration_minutes": minutes,
                "price_eur": round(40 + km * rng.uniform(0.06, 0.12)),
            }
        )
    return sorted(options, key=lambda f: f["price_eur"])


def _distance_km(a: City, b: City) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


def _clock(minutes: int) -> str:
    days, minutes = divmod(minutes, 24 * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}" + (f" (+{days}d)" if days else "")


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(
            f"Dates must be written YYYY-MM-DD, e.g. 2025-07-14; got {text!r}."
        ) from None
