#!/usr/bin/env python3
"""Print the JSON fixture for tests/random_test.ts: CPython's random.Random outputs.

Usage (from the project root, stdlib only, Python 3.11 semantics):

    python3 scripts/gen_random_fixtures.py > tests/fixtures/random.json

Every case starts from a fresh `Random(seed)`. Integers that may not fit a JavaScript
number exactly (getrandbits, bigint ranges) and every seed are written as decimal strings.
Floats are written with repr precision, so JSON.parse gives back the exact double.
"""

import json
import platform
import random
import sys

SEEDS = [0, 1, 42, 2**32 + 1, 2**64 + 7, -5, 123456789012345678901234567890]
GETRANDBITS_K = [0, 1, 7, 31, 32, 33, 53, 64, 100, 1000]
COLORS = ["red", "green", "blue", "cyan", "magenta"]


def shuffled(r, xs):
    r.shuffle(xs)
    return xs


def after(r, calls, then):
    for _ in range(calls):
        r.random()
    return then()


# (name, function of a seeded Random); every name is asserted by tests/random_test.ts.
CASES = [
    ("random", lambda r: [r.random() for _ in range(10)]),
    ("uniform_0_10", lambda r: [r.uniform(0, 10) for _ in range(10)]),
    ("uniform_0_5", lambda r: [r.uniform(0, 5) for _ in range(5)]),
    ("uniform_m3_7.5", lambda r: [r.uniform(-3, 7.5) for _ in range(10)]),
    ("randint_1_6", lambda r: [r.randint(1, 6) for _ in range(20)]),
    ("randint_0_2**40", lambda r: [r.randint(0, 2**40) for _ in range(10)]),
    ("randrange_0_1000_7", lambda r: [r.randrange(0, 1000, 7) for _ in range(10)]),
    ("randrange_10", lambda r: [r.randrange(10) for _ in range(10)]),
    ("randrange_3", lambda r: [r.randrange(3) for _ in range(20)]),
    ("randrange_m50_50_3", lambda r: [r.randrange(-50, 50, 3) for _ in range(10)]),
    ("randrange_0_100_5", lambda r: [r.randrange(0, 100, 5) for _ in range(10)]),
    ("randrange_50_m50_m5", lambda r: [r.randrange(50, -50, -5) for _ in range(10)]),
    ("randrange_50_m50_m3", lambda r: [r.randrange(50, -50, -3) for _ in range(10)]),
    ("randrange_2**32-1", lambda r: [r.randrange(2**32 - 1) for _ in range(5)]),
    ("randrange_2**32", lambda r: [r.randrange(2**32) for _ in range(5)]),
    ("randrange_2**32+1", lambda r: [r.randrange(2**32 + 1) for _ in range(5)]),
    ("randrange_2**53-1", lambda r: [r.randrange(2**53 - 1) for _ in range(5)]),
    ("randrange_2**60", lambda r: [str(r.randrange(2**60)) for _ in range(5)]),
    ("randint_m2**52_2**52", lambda r: [r.randint(-(2**52), 2**52) for _ in range(5)]),
    ("randint_m2**70_2**70", lambda r: [str(r.randint(-(2**70), 2**70)) for _ in range(5)]),
    ("choice_abcdefg", lambda r: [r.choice("abcdefg") for _ in range(10)]),
    ("choice_astral", lambda r: [r.choice("a\U0001F600b\u00e9") for _ in range(10)]),
    ("choice_colors", lambda r: [r.choice(COLORS) for _ in range(10)]),
    ("shuffle_20", lambda r: shuffled(r, list(range(20)))),
    ("shuffle_100", lambda r: shuffled(r, list(range(100)))),
    # sample(): pool branch (n <= setsize) and set branch (n > setsize), k <= 5 and k > 5.
    ("sample_range20_5", lambda r: r.sample(range(20), 5)),
    ("sample_range200_50", lambda r: r.sample(range(200), 50)),
    ("sample_range30_5", lambda r: r.sample(range(30), 5)),
    ("sample_range1000_50", lambda r: r.sample(range(1000), 50)),
    # The branch boundaries: setsize is 21 for k <= 5 and 21 + 4**3 = 85 for k = 6.
    ("sample_range21_5", lambda r: r.sample(range(21), 5)),
    ("sample_range22_5", lambda r: r.sample(range(22), 5)),
    ("sample_range85_6", lambda r: r.sample(range(85), 6)),
    ("sample_range86_6", lambda r: r.sample(range(86), 6)),
    ("sample_range20_20", lambda r: r.sample(range(20), 20)),
    ("sample_alphabet_3", lambda r: r.sample("abcdefghijklmnopqrstuvwxyz", 3)),
    ("getrandbits", lambda r: [str(r.getrandbits(k)) for k in GETRANDBITS_K]),
    ("gauss_0_1", lambda r: [r.gauss(0, 1) for _ in range(8)]),
    ("gauss_10_2.5", lambda r: [r.gauss(10, 2.5) for _ in range(5)]),
    ("random_after_700", lambda r: after(r, 700, lambda: [r.random() for _ in range(3)])),
    ("random_after_1000", lambda r: after(r, 1000, lambda: [r.random() for _ in range(3)])),
]


def python_state(seed):
    """CPython's getstate() mid-stream (with a cached gauss value) and what follows it."""
    r = random.Random(seed)
    r.random()
    r.gauss(0, 1)
    version, internal, gauss_next = r.getstate()
    return {
        "version": version,
        "mt": list(internal[:-1]),
        "index": internal[-1],
        "gaussNext": gauss_next,
        "next": [r.gauss(0, 1), r.random(), r.random()],
    }


def main():
    seeds = []
    for seed in SEEDS:
        cases = {}
        for name, case in CASES:
            cases[name] = case(random.Random(seed))
        seeds.append({"seed": str(seed), "cases": cases})
    fixture = {
        "generator": "scripts/gen_random_fixtures.py",
        "python": platform.python_version(),
        "getrandbitsK": GETRANDBITS_K,
        "colors": COLORS,
        "seeds": seeds,
        "state": python_state(42),
    }
    json.dump(fixture, sys.stdout, indent=2)  # the layout deno fmt keeps
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
