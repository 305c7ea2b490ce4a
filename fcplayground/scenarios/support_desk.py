"""A customer-support desk backed by a real SQLite database.

``SupportDesk()`` builds a small company's support data (customers, orders, help-center
articles with full-text search, tickets and an outbox) and five tools a model can use on
it. The data is generated from a fixed seed and fixed dates, so every instance, and every
``reset()``, holds exactly the same rows.

One customer is fixed so that lessons can rely on her::

    C-1001  Jane Doe  jane@example.com  plan Pro  billing past_due  created 2023-03-14
    her recent order: ORD-1234  Noise-cancelling headphones  199.00  shipped  2025-05-28

The scenario's "today" is :data:`TODAY` (2025-06-02); nothing reads the clock.
"""

from __future__ import annotations

import random
import re
import sqlite3
import threading
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from fcplayground.tools import ToolRegistry

from .support_desk_data import INJECTED_ARTICLE, JANE, JANE_ORDER, SCHEMA, TABLES, TODAY, populate

__all__ = ["INJECTED_ARTICLE", "JANE", "JANE_ORDER", "TODAY", "SupportDesk"]

_STOPWORDS = {
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "do", "does", "for", "from",
    "how", "i", "if", "in", "is", "it", "its", "me", "my", "of", "on", "or", "so", "that",
    "the", "this", "to", "was", "what", "when", "where", "which", "why", "with", "you", "your",
}  # fmt: skip


class SupportDesk:
    """A support desk over a real SQLite database, with tools for a model to use.

    ``tools`` holds ``lookup_customer``, ``get_order``, ``search_knowledge_base``,
    ``create_ticket`` and ``send_response`` (the last two change data). ``db`` is the
    open connection, for reading the tables yourself. ``reset()`` restores the data.
    ``path`` is a database file (its tables are replaced) or None for one in memory.
    ``injected=True`` adds one help-center article (:data:`INJECTED_ARTICLE`) whose body
    carries instructions aimed at the model: the prompt-injection demo.
    """

    def __init__(
        self, path: str | Path | None = None, seed: int = 7, injected: bool = False
    ) -> None:
        self.seed = seed
        self.injected = injected
        # Tools may run in worker threads (call_many), so the connection is shared
        # across threads and every use of it goes through one lock.
        self.db = sqlite3.connect(
            ":memory:" if path is None else str(path), check_same_thread=False
        )
        self.db.row_factory = sqlite3.Row
        self._lock = threading.RLock()
        self.tools = self._make_tools()
        self.reset()

    # --- Data ----------------------------------------------------------------------------

    def reset(self) -> None:
        """Drop every table and recreate the original data (the same every time)."""
        with self._lock:
            for table in TABLES:
                self.db.execute(f"DROP TABLE IF EXISTS {table}")
            self.db.executescript(SCHEMA)
            populate(self.db, random.Random(self.seed), self.injected)
            self.db.commit()

    def customers(self) -> list[dict[str, Any]]:
        """Every customer row, in id order."""
        return self._rows("SELECT * FROM customers ORDER BY id")

    def orders(self) -> list[dict[str, Any]]:
        """Every order row, in id order."""
        return self._rows("SELECT * FROM orders ORDER BY id")

    def tickets(self) -> list[dict[str, Any]]:
        """Every ticket row, in id order."""
        return self._rows("SELECT * FROM tickets ORDER BY id")

    def outbox(self) -> list[dict[str, Any]]:
        """Every message written by ``send_response``, in id order."""
        return self._rows("SELECT * FROM outbox ORDER BY id")

    def close(self) -> None:
        """Close the database connection."""
        self.db.close()

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(row) for row in self.db.execute(sql, params)]

    # --- Tools ---------------------------------------------------------------------------

    def _make_tools(self) -> ToolRegistry:
        tools = ToolRegistry()

        @tools.tool
        def lookup_customer(email: str) -> dict[str, Any]:
            """Searches for a customer record by email address and returns their account
            details including customer id, name, plan type, and billing status.

            Use it first whenever a request concerns a customer's account, plan or billing,
            or before creating a ticket for them. Returns customer_id (e.g. C-1001), name,
            email, plan (Free, Pro or Business), billing_status (active, past_due or
            cancelled) and the date the account was created. Fails if no customer has that
            email.

            Args:
                email: The customer's email address, e.g. jane@example.com.
            """
            rows = self._rows(
                "SELECT * FROM customers WHERE email = ? COLLATE NOCASE", (email.strip(),)
            )
            if not rows:
                raise LookupError(f"No customer has the email address {email!r}.")
            return _customer(rows[0])

        @tools.tool
        def get_order(order_id: str) -> dict[str, Any]:
            """Gets one order by its order id and returns its status, item, amount, order
            date and the id of the customer who placed it.

            Use it when someone asks where an order is, whether it shipped, or what it cost.
            Status is one of processing, shipped, delivered or refunded. Fails if the order
            id does not exist.

            Args:
                order_id: The order id, e.g. ORD-1234.
            """
            rows = self._rows("SELECT * FROM orders WHERE id = ?", (order_id.strip().upper(),))
            if not rows:
                raise LookupError(
                    f"No order has the id {order_id!r}; order ids look like ORD-1234."
                )
            return _order(rows[0])

        @tools.tool
        def search_knowledge_base(query: str, limit: int = 3) -> list[dict[str, Any]]:
            """Searches the help-center articles by keywords and returns the best matches,
            best first, each with its article id, title and a short snippet of the text.

            Use it for how-to questions and policies (password reset, refunds, billing,
            shipping, plans, security, data export) before answering from memory. Returns
            an empty list when nothing matches.

            Args:
                query: Keywords or the user's question, e.g. reset password.
                limit: How many articles to return at most, from 1 to 10.
            """
            match = _fts_query(query)
            if not match:
                return []
            return self._rows(
                "SELECT id, title, snippet(articles_fts, 2, '', '', '...', 16) AS snippet "
                "FROM articles_fts WHERE articles_fts MATCH ? "
                "ORDER BY bm25(articles_fts, 0.0, 5.0, 1.0) LIMIT ?",
                (match, max(1, min(limit, 10))),
            )

        @tools.tool(side_effect=True)
        def create_ticket(
            customer_id: str,
            subject: str,
            body: str = "",
            priority: Literal["low", "normal", "high"] = "normal",
        ) -> dict[str, Any]:
            """Creates a support ticket for a customer so the support team follows up, and
            returns the new ticket id and its status.

            Use it when a problem cannot be solved in the conversation (a damaged package,
            a billing dispute, a bug). Needs the customer id from lookup_customer. This
            writes to the ticket queue: call it once per problem.

            Args:
                customer_id: The customer's id from lookup_customer, e.g. C-1001.
                subject: A one-line summary of the problem.
                body: The details: what happened, order ids, what the customer wants.
                priority: How urgent it is: low, normal or high (high for money or access).
            """
            with self._lock:
                if not self._rows("SELECT id FROM customers WHERE id = ?", (customer_id,)):
                    raise LookupError(
                        f"No customer has the id {customer_id!r}; look the customer up by "
                        "email first to get their id."
                    )
                ticket_id = _next_id(self.db, "tickets", "T-", 5001)
                self.db.execute(
                    "INSERT INTO tickets VALUES (?, ?, ?, ?, 'open', ?)",
                    (ticket_id, customer_id, subject, body, priority),
                )
                self.db.commit()
            return {"ticket_id": ticket_id, "status": "open", "priority": priority}

        @tools.tool(side_effect=True)
        def send_response(to_email: str, subject: str, body: str) -> dict[str, Any]:
            """Sends an email reply to a customer and returns the message id.

            Use it as the last step, once you know the answer, to reply to the customer at
            their account email address. (In this demo the message is stored in the outbox
            table; nothing leaves the machine.)

            Args:
                to_email: The customer's email address, e.g. jane@example.com.
                subject: The subject line of the reply.
                body: The full text of the reply.
            """
            with self._lock:
                message_id = _next_id(self.db, "outbox", "MSG-", 1)
                # A fixed clock keeps runs identical: each message a minute after the last.
                count = int(message_id.split("-")[1]) - 1
                sent_at = datetime(2025, 6, 2, 9, 0) + timedelta(minutes=count)
                self.db.execute(
                    "INSERT INTO outbox VALUES (?, ?, ?, ?, ?)",
                    (message_id, to_email, subject, body, sent_at.isoformat()),
                )
                self.db.commit()
            return {"message_id": message_id, "to_email": to_email, "status": "queued"}

        return tools


# --- Helpers ---------------------------------------------------------------------------


def _customer(row: dict[str, Any]) -> dict[str, Any]:
    """A customer row as the tools return it (``id`` named ``customer_id`` for dataflow)."""
    return {"customer_id": row["id"], **{k: v for k, v in row.items() if k != "id"}}


def _order(row: dict[str, Any]) -> dict[str, Any]:
    return {"order_id": row["id"], **{k: v for k, v in row.items() if k != "id"}}


def _fts_query(text: str) -> str:
    """Turn free text into a safe FTS5 query: each word quoted, any word may match.

    Quoting makes FTS5 read every term as a plain string, so punctuation, ``*``, ``"``
    or words like NOT and NEAR in user text can never be taken as query syntax.
    """
    words = [w for w in re.findall(r"\w+", text.lower()) if w not in _STOPWORDS]
    return " OR ".join(f'"{w}"' for w in dict.fromkeys(words))


def _next_id(db: sqlite3.Connection, table: str, prefix: str, first: int) -> str:
    (last,) = db.execute(
        f"SELECT MAX(CAST(SUBSTR(id, {len(prefix) + 1}) AS INTEGER)) FROM {table}"
    ).fetchone()
    number = first if last is None else last + 1
    return f"{prefix}{number:04d}"
