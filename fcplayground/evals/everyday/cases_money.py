"""Everyday cases about numbers: maths, unit conversion, currency conversion and finance.

Rows are ``(category, request, expected calls[, TODAY])``; see :mod:`.common`. The hard
parts a hosted model gets right: direction words ("how many yen for 500 dollars" converts
USD to JPY), numbers by their cue words ("a loan of 250,000 at 4.5% over 30 years"),
thousands separators and number words, ISO codes for currency names, a rate "as a
decimal" when the description asks for one (4.5% is 0.045), and "pounds" read as weight
or money by what it is converted to.
"""

from __future__ import annotations

from ..cases import expect, one_of
from .common import Row, unit


def _times(a: float, b: float) -> dict:
    return expect("multiply", a=a, b=b)


def _percent(percent: float, whole: float) -> dict:
    return expect("percentage_of", percent=percent, whole=whole)


def _units(value: float, source: str, target: str) -> dict:
    return expect("convert_units", value=value, from_unit=unit(source), to_unit=unit(target))


def _money(amount: float, source: str, target: str) -> dict:
    return expect("convert_money", amount=amount, from_currency=source, to_currency=target)


def _loan(principal: float, rate: float, years: int) -> dict:
    return expect("loan_payment", principal=principal, annual_rate=rate, years=years)


def _quote(ticker: object) -> dict:
    return expect("get_stock_quote", ticker=ticker)


ROWS: list[Row] = [
    # -- maths ------------------------------------------------------------------------
    ("maths", "19 times 23", [_times(19, 23)]),
    ("maths", "19 x 23", [_times(19, 23)]),
    ("maths", "what is 7*6", [_times(7, 6)]),
    ("maths", "Multiply 1,250 by 4.", [_times(1250, 4)]),
    ("maths", "what's twelve times eleven?", [_times(12, 11)]),
    ("maths", "product of 3.5 and 8", [_times(3.5, 8)]),
    ("maths", "-4 times 2.5", [_times(-4, 2.5)]),
    ("maths", "calculate 0.5 × 18", [_times(0.5, 18)]),
    ("maths", "square root of 144", [expect("square_root", number=144)]),
    ("maths", "sqrt 2", [expect("square_root", number=2)]),
    ("maths", "What is the square root of 1,000,000?", [expect("square_root", number=1000000)]),
    ("maths", "what's 15% of 80", [_percent(15, 80)]),
    ("maths", "How much is a 20 percent tip on 64.50?", [_percent(20, 64.5)]),
    ("maths", "how much is 8% sales tax on $1,299?", [_percent(8, 1299)]),
    ("parallel", "what's 12 x 12 and the square root of 169?",
     [_times(12, 12), expect("square_root", number=169)]),
    ("parallel", "multiply 6 by 7 and 8 by 9", [_times(6, 7), _times(8, 9)]),
    ("parallel", "What's 15% of 200 and 20% of 200?", [_percent(15, 200), _percent(20, 200)]),
    ("parallel", "square roots of 81 and 121",
     [expect("square_root", number=81), expect("square_root", number=121)]),
    ("chains", "What's 12 times 12, and then the square root of the answer?",
     [_times(12, 12)]),
    ("asks", "multiply these two numbers for me", []),
    ("no tool", "what's 2 plus 2?", []),
    # -- units ------------------------------------------------------------------------
    ("units", "convert 5 km to miles", [_units(5, "km", "miles")]),
    ("units", "How many pounds is 10 kg?", [_units(10, "kg", "lb")]),
    ("units", "70 fahrenheit in celsius", [_units(70, "fahrenheit", "celsius")]),
    ("units", "how tall is 180 cm in feet?", [_units(180, "cm", "feet")]),
    ("units", "6 feet to meters", [_units(6, "feet", "meters")]),
    ("units", "how many ml in 2 cups?", [_units(2, "cups", "ml")]),
    ("units", "3.5 gallons in litres", [_units(3.5, "gallons", "liters")]),
    ("units", "I ran 10k this morning, how many miles is that?", [_units(10, "km", "miles")]),
    ("units", "Convert 150 pounds to kilograms.", [_units(150, "lb", "kg")]),
    ("units", "what's 30 degrees C in F", [_units(30, "celsius", "fahrenheit")]),
    ("units", "12 inches to centimeters", [_units(12, "inches", "cm")]),
    ("units", "16 oz in grams", [_units(16, "oz", "g")]),
    ("parallel", "convert 5 km to miles and 10 kg to pounds",
     [_units(5, "km", "miles"), _units(10, "kg", "lb")]),
    ("parallel", "Convert 30 celsius to fahrenheit and 100 fahrenheit to celsius.",
     [_units(30, "celsius", "fahrenheit"), _units(100, "fahrenheit", "celsius")]),
    ("parallel", "convert 1 mile to km, 1 pound to kg and 1 gallon to litres",
     [_units(1, "miles", "km"), _units(1, "lb", "kg"), _units(1, "gallons", "liters")]),
    ("asks", "convert my height to centimetres", []),
    # -- currency ---------------------------------------------------------------------
    ("currency", "Change 60 euros to dollars", [_money(60, "EUR", "USD")]),
    ("currency", "Swap 60 EUR into USD", [_money(60, "EUR", "USD")]),
    ("currency", "how many yen for 500 dollars?", [_money(500, "USD", "JPY")]),
    ("currency", "300 euros in pounds", [_money(300, "EUR", "GBP")]),
    ("currency", "What's 1,200 Swiss francs in euros?", [_money(1200, "CHF", "EUR")]),
    ("currency", "how much is £45 in US dollars", [_money(45, "GBP", "USD")]),
    ("currency", "how many dollars do I get for 10000 yen", [_money(10000, "JPY", "USD")]),
    ("currency", "convert 250 CAD to USD", [_money(250, "CAD", "USD")]),
    ("currency", "what's 99.99 USD in mexican pesos", [_money(99.99, "USD", "MXN")]),
    ("currency", "I have 80 pounds, what's that in euros?", [_money(80, "GBP", "EUR")]),
    ("currency", "exchange two thousand rupees to dollars", [_money(2000, "INR", "USD")]),
    ("currency", "€15 → $", [_money(15, "EUR", "USD")]),
    ("parallel", "What's 100 USD in EUR and in GBP?",
     [_money(100, "USD", "EUR"), _money(100, "USD", "GBP")]),
    ("parallel", "how much is 50 euros in dollars and 50 pounds in dollars",
     [_money(50, "EUR", "USD"), _money(50, "GBP", "USD")]),
    ("chains", "convert 100 USD to EUR, then take 15% of that", [_money(100, "USD", "EUR")]),
    ("asks", "how much is that in pounds?", []),
    ("asks", "I want to convert some dollars into euros", []),
    ("no tool", "tell me something nice about money", []),
    # -- finance ----------------------------------------------------------------------
    ("finance", "how's Apple stock doing?", [_quote("AAPL")]),
    ("finance", "price of MSFT", [_quote("MSFT")]),
    ("finance", "What's Tesla trading at?", [_quote("TSLA")]),
    ("finance", "quote for BRK.B", [_quote("BRK.B")]),
    ("finance", "nvidia share price", [_quote("NVDA")]),
    ("finance", "a loan of 250,000 at 4.5% over 30 years", [_loan(250000, 0.045, 30)]),
    ("finance", "Monthly payment on a $20k car loan, 6 percent, 5 years?",
     [_loan(20000, 0.06, 5)]),
    ("finance", "mortgage 400000, rate 3.75, 25 yrs", [_loan(400000, 0.0375, 25)]),
    ("finance", "If I borrow fifteen thousand for three years at 7%, what's the monthly?",
     [_loan(15000, 0.07, 3)]),
    ("finance", "what would I pay each month on a 1.2 million mortgage over 20 years at 5.25%",
     [_loan(1200000, 0.0525, 20)]),
    ("parallel", "compare AAPL and GOOGL", [_quote("AAPL"), _quote(one_of("GOOGL", "GOOG"))]),
    ("parallel", "Quote for TSLA, and the payment on 30,000 at 5% over 4 years.",
     [_quote("TSLA"), _loan(30000, 0.05, 4)]),
    ("parallel", "price of AMZN, META and NFLX",
     [_quote("AMZN"), _quote("META"), _quote("NFLX")]),
    ("chains", "what's AAPL at, and how much would 10 shares cost?", [_quote("AAPL")]),
    ("asks", "What would my mortgage payment be?", []),
    ("asks", "what's the monthly payment on 300k over 30 years?", []),
    ("asks", "what's the stock price?", []),
    ("no tool", "how do mortgages work?", []),
    ("no tool", "What is a stock split?", []),
]  # fmt: skip
"""The number cases, as rows for :func:`fcplayground.evals.everyday.everyday_cases`."""
