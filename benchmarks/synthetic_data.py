"""What the synthetic population costs: time per beneficiary and per MBI lookup, and the portal's
memory, at populations of 1,000 and 1,000,000 (they should match: nothing is stored), beside
plain Faker making the same fields.

Run from the project root: ``.venv/bin/python -m benchmarks.synthetic_data``. It takes well under
a minute, much of it starting the portal twice. Times are the best of a few repeats, so
other work on the machine disturbs them little.
"""

from __future__ import annotations

import itertools
import os
import random
import sys
import timeit
from collections.abc import Callable
from dataclasses import dataclass

import faker
from faker import Faker

from benchmarks.servers import start_portal
from mock_portal.population.providers.medicare import Provider as MedicareProvider
from mock_portal.population.seeded import Population

SIZES = (1_000, 1_000_000)
SEED = 0
CALLS = 300
REPEATS = 7
START_TIMEOUT = 30.0


@dataclass(frozen=True)
class PopulationCost:
    size: int
    per_beneficiary: float  # seconds per beneficiary(i)
    per_lookup: float  # seconds per find(mbi): decode the index, then build the person
    per_decode: float  # seconds per index_of(mbi) alone
    rss_kib: int  # the portal serving this population, once started


def best_per_call(call: Callable[[], object], calls: int = CALLS) -> float:
    return min(timeit.repeat(call, number=calls, repeat=REPEATS)) / calls


def measure_population(size: int) -> PopulationCost:
    people = Population(SEED, size, recent=0)  # the cost of building, not of remembering
    chooser = random.Random(1)
    indices = [chooser.randrange(size) for _ in range(CALLS)]
    # Each call takes the next index or MBI, so no answer comes from a warm cache.
    next_index = itertools.cycle(indices).__next__
    next_mbi = itertools.cycle([people.mbi(i) for i in indices]).__next__
    return PopulationCost(
        size,
        per_beneficiary=best_per_call(lambda: people.beneficiary(next_index())),
        per_lookup=best_per_call(lambda: people.find(next_mbi())),
        per_decode=best_per_call(lambda: people.index_of(next_mbi()), calls=CALLS * 10),
        rss_kib=portal_rss_kib(size),
    )


def measure_faker() -> tuple[float, float]:
    """Plain Faker making the fields a beneficiary has, and the provider's whole beneficiary."""
    fake = Faker("en_US")
    fake.add_provider(MedicareProvider)
    fake.seed_instance(SEED)

    def plain_fields() -> object:
        return (
            fake.first_name(),
            fake.last_name(),
            fake.date_of_birth(minimum_age=65, maximum_age=100),
            fake.street_address(),
            fake.city(),
            fake.zipcode_in_state("FL"),
            fake.date_between("-20y", "today"),
            fake.company(),
        )

    return best_per_call(plain_fields), best_per_call(fake.beneficiary)


def portal_rss_kib(size: int) -> int:
    """The resident memory of ``serve --population size`` once its health check answers."""
    with start_portal("--population", str(size)) as portal:
        return portal.rss_kib()


def _micro(seconds: float) -> str:
    return f"{seconds * 1e6:,.1f} µs"


def _per_second(seconds: float) -> str:
    return f"{1 / seconds:,.0f}/s"


def _ratio(large: float, small: float) -> str:
    return f"{large / small:.2f}x"


def table(small: PopulationCost, large: PopulationCost, plain: float, provider: float) -> str:
    header = ("", "beneficiary(i)", "per second", "MBI lookup", "MBI -> index", "portal RSS")
    rows = [
        (
            f"population {cost.size:,}",
            _micro(cost.per_beneficiary),
            _per_second(cost.per_beneficiary),
            _micro(cost.per_lookup),
            _micro(cost.per_decode),
            f"{cost.rss_kib / 1024:,.1f} MiB",
        )
        for cost in (small, large)
    ]
    rows.append(
        (
            f"ratio {large.size:,} / {small.size:,}",
            _ratio(large.per_beneficiary, small.per_beneficiary),
            "",
            _ratio(large.per_lookup, small.per_lookup),
            _ratio(large.per_decode, small.per_decode),
            _ratio(large.rss_kib, small.rss_kib),
        )
    )
    rows.append(("Faker alone, the same fields", _micro(plain), _per_second(plain), "", "", ""))
    rows.append(("Faker + provider, no index", _micro(provider), _per_second(provider), "", "", ""))
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]

    def line(cells: tuple[str, ...]) -> str:
        first = cells[0].ljust(widths[0])
        rest = (cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))
        return "  ".join((first, *rest)).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(header), rule, *(line(row) for row in rows)])


def main() -> int:
    small, large = (measure_population(size) for size in SIZES)
    plain, provider = measure_faker()
    print(
        f"Synthetic population, seed {SEED}: Python {sys.version.split()[0]}, "
        f"Faker {faker.VERSION}, {os.cpu_count()} CPUs, best of {REPEATS} x {CALLS} calls\n"
    )
    print(table(small, large, plain, provider))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
