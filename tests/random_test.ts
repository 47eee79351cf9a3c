import assert from "node:assert/strict";
import fixtures from "./fixtures/random.json" with { type: "json" };
import { Random, random, type RandomState } from "../src/random.ts";

// Made by scripts/gen_random_fixtures.py from CPython 3.11; every case starts from a fresh seed.

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const times = <T>(n: number, draw: () => T): T[] => Array.from({ length: n }, draw);
const shuffled = (r: Random, xs: number[]): number[] => (r.shuffle(xs), xs);
const after = (r: Random, calls: number): number[] => {
  times(calls, () => r.random());
  return times(3, () => r.random());
};
const COLORS = fixtures.colors;

/** Each fixture case as TypeScript: the call it makes and how it runs on a seeded Random. */
const CASES: Record<string, [call: string, run: (r: Random) => unknown]> = {
  "random": ["random()", (r) => times(10, () => r.random())],
  "uniform_0_10": ["uniform(0, 10)", (r) => times(10, () => r.uniform(0, 10))],
  "uniform_0_5": ["uniform(0, 5)", (r) => times(5, () => r.uniform(0, 5))],
  "uniform_m3_7.5": ["uniform(-3, 7.5)", (r) => times(10, () => r.uniform(-3, 7.5))],
  "randint_1_6": ["randint(1, 6)", (r) => times(20, () => r.randint(1, 6))],
  "randint_0_2**40": ["randint(0, 2 ** 40)", (r) => times(10, () => r.randint(0, 2 ** 40))],
  "randrange_0_1000_7": ["randrange(0, 1000, 7)", (r) => times(10, () => r.randrange(0, 1000, 7))],
  "randrange_10": ["randrange(10)", (r) => times(10, () => r.randrange(10))],
  "randrange_3": ["randrange(3)", (r) => times(20, () => r.randrange(3))],
  "randrange_m50_50_3": ["randrange(-50, 50, 3)", (r) => times(10, () => r.randrange(-50, 50, 3))],
  "randrange_0_100_5": ["randrange(0, 100, 5)", (r) => times(10, () => r.randrange(0, 100, 5))],
  "randrange_50_m50_m5": [
    "randrange(50, -50, -5)",
    (r) => times(10, () => r.randrange(50, -50, -5)),
  ],
  "randrange_50_m50_m3": [
    "randrange(50, -50, -3)",
    (r) => times(10, () => r.randrange(50, -50, -3)),
  ],
  "randrange_2**32-1": ["randrange(2 ** 32 - 1)", (r) => times(5, () => r.randrange(2 ** 32 - 1))],
  "randrange_2**32": ["randrange(2 ** 32)", (r) => times(5, () => r.randrange(2 ** 32))],
  "randrange_2**32+1": ["randrange(2 ** 32 + 1)", (r) => times(5, () => r.randrange(2 ** 32 + 1))],
  "randrange_2**53-1": [
    "randrange(2 ** 53 - 1)",
    (r) => times(5, () => r.randrange(Number.MAX_SAFE_INTEGER)),
  ],
  "randrange_2**60": [
    "randrange(2n ** 60n)",
    (r) => times(5, () => String(r.randrange(2n ** 60n))),
  ],
  "randint_m2**52_2**52": [
    "randint(-(2 ** 52), 2 ** 52)",
    (r) => times(5, () => r.randint(-(2 ** 52), 2 ** 52)),
  ],
  "randint_m2**70_2**70": [
    "randint(-(2n ** 70n), 2n ** 70n)",
    (r) => times(5, () => String(r.randint(-(2n ** 70n), 2n ** 70n))),
  ],
  "choice_abcdefg": ['choice("abcdefg")', (r) => times(10, () => r.choice("abcdefg"))],
  "choice_astral": ['choice("a😀bé")', (r) => times(10, () => r.choice("a\u{1F600}b\u00e9"))],
  "choice_colors": ["choice(colors)", (r) => times(10, () => r.choice(COLORS))],
  "shuffle_20": ["shuffle(range(20))", (r) => shuffled(r, range(20))],
  "shuffle_100": ["shuffle(range(100))", (r) => shuffled(r, range(100))],
  "sample_range20_5": ["sample(range(20), 5) (pool)", (r) => r.sample(range(20), 5)],
  "sample_range200_50": ["sample(range(200), 50) (pool)", (r) => r.sample(range(200), 50)],
  "sample_range30_5": ["sample(range(30), 5) (set)", (r) => r.sample(range(30), 5)],
  "sample_range1000_50": ["sample(range(1000), 50) (set)", (r) => r.sample(range(1000), 50)],
  "sample_range21_5": ["sample(range(21), 5) (pool)", (r) => r.sample(range(21), 5)],
  "sample_range22_5": ["sample(range(22), 5) (set)", (r) => r.sample(range(22), 5)],
  "sample_range85_6": ["sample(range(85), 6) (pool)", (r) => r.sample(range(85), 6)],
  "sample_range86_6": ["sample(range(86), 6) (set)", (r) => r.sample(range(86), 6)],
  "sample_range20_20": ["sample(range(20), 20) (pool)", (r) => r.sample(range(20), 20)],
  "sample_alphabet_3": [
    "sample(alphabet, 3) (set)",
    (r) => r.sample("abcdefghijklmnopqrstuvwxyz", 3),
  ],
  "getrandbits": [
    "getrandbits(k)",
    (r) => fixtures.getrandbitsK.map((k) => String(r.getrandbits(k))),
  ],
  "random_after_700": ["random() after 700 calls", (r) => after(r, 700)],
  "random_after_1000": ["random() after 1000 calls", (r) => after(r, 1000)],
};
const GAUSS_CASES: Record<string, [call: string, run: (r: Random) => number[]]> = {
  "gauss_0_1": ["gauss(0, 1)", (r) => times(8, () => r.gauss(0, 1))],
  "gauss_10_2.5": ["gauss(10, 2.5)", (r) => times(5, () => r.gauss(10, 2.5))],
};

function seeded(seed: string): Random {
  return new Random(BigInt(seed));
}

function caseOf(seedIndex: number, name: string): unknown {
  return (fixtures.seeds[seedIndex]!.cases as Record<string, unknown>)[name];
}

/** How many doubles lie between a and b (0 when equal, 1 for neighbours). */
function ulpDistance(a: number, b: number): number {
  const view = new DataView(new ArrayBuffer(8));
  const ordered = (x: number) => {
    view.setFloat64(0, x);
    const bits = view.getBigInt64(0);
    return bits < 0n ? -(bits & 0x7fffffffffffffffn) : bits;
  };
  const d = ordered(a) - ordered(b);
  return Number(d < 0n ? -d : d);
}

function assertClose(actual: number[], expected: number[], label: string): void {
  assert.equal(actual.length, expected.length, label);
  actual.forEach((x, i) => {
    const ulps = ulpDistance(x, expected[i]!);
    assert.ok(ulps <= 2, `${label} [${i}]: ${x} vs ${expected[i]} is ${ulps} ulp apart`);
  });
}

Deno.test("the fixture and the test cover the same cases", () => {
  const names = Object.keys(fixtures.seeds[0]!.cases).sort();
  assert.deepEqual(names, [...Object.keys(CASES), ...Object.keys(GAUSS_CASES)].sort());
  assert.deepEqual(fixtures.seeds.map((s) => s.seed), [
    "0",
    "1",
    "42",
    "4294967297",
    "18446744073709551623",
    "-5",
    "123456789012345678901234567890",
  ]);
});

for (const [name, [call, run]] of Object.entries(CASES)) {
  Deno.test(`Random ${call} equals CPython for every seed`, () => {
    fixtures.seeds.forEach(({ seed }, i) => {
      assert.deepEqual(run(seeded(seed)), caseOf(i, name), `seed ${seed}`);
    });
  });
}

for (const [name, [call, run]] of Object.entries(GAUSS_CASES)) {
  Deno.test(`Random ${call} is within 2 ulp of CPython for every seed`, () => {
    fixtures.seeds.forEach(({ seed }, i) => {
      assertClose(run(seeded(seed)), caseOf(i, name) as number[], `seed ${seed}`);
    });
  });
}

Deno.test("ulpDistance() counts the doubles between two numbers", () => {
  assert.equal(ulpDistance(1, 1), 0);
  assert.equal(ulpDistance(0, -0), 0);
  assert.equal(ulpDistance(1, 1 + Number.EPSILON), 1);
  assert.equal(ulpDistance(1 + 3 * Number.EPSILON, 1), 3);
  assert.equal(ulpDistance(-Number.MIN_VALUE, Number.MIN_VALUE), 2);
  assert.throws(() => assertClose([1 + 3 * Number.EPSILON], [1], "x"), {
    name: "AssertionError",
  });
});

Deno.test("Random(n) with a number seed equals Random(BigInt(n)) and Random(-n)", () => {
  for (const seed of [0, 1, 42, 2 ** 32 + 1, -5, 2 ** 64]) {
    const expected = new Random(BigInt(seed)).getrandbits(1000);
    assert.equal(new Random(seed).getrandbits(1000), expected, `seed ${seed}`);
    assert.equal(new Random(-seed).getrandbits(1000), expected, `seed ${-seed}`);
  }
});

Deno.test("getstate() after seeding equals CPython's getstate()", () => {
  const { next: _, ...expected } = fixtures.state;
  const rng = new Random(42);
  rng.random();
  rng.gauss(0, 1);
  const { gaussNext, ...state } = rng.getstate();
  const { gaussNext: expectedGauss, ...expectedState } = expected;
  assert.deepEqual(state, expectedState);
  assertClose([gaussNext as number], [expectedGauss], "gaussNext");
});

Deno.test("setstate() takes CPython's state and continues as CPython", () => {
  const { next, ...state } = fixtures.state;
  const rng = new Random();
  rng.setstate(state as RandomState);
  assert.deepEqual([rng.gauss(0, 1), rng.random(), rng.random()], next);
});

Deno.test("getstate() and setstate() round trip through JSON", () => {
  const rng = new Random(42);
  times(623, () => rng.random());
  rng.gauss(); // draws 4 words: crosses into the next block of 624
  const state: RandomState = JSON.parse(JSON.stringify(rng.getstate()));
  assert.equal(state.index, 2);
  assert.equal(typeof state.gaussNext, "number");
  const draw = (
    r: Random,
  ) => [r.gauss(), r.gauss(), r.random(), r.getrandbits(100), r.randint(1, 6)];
  const expected = draw(rng);
  const other = new Random(1);
  other.setstate(state);
  assert.deepEqual(draw(other), expected);
  rng.setstate(state);
  assert.deepEqual(draw(rng), expected);
});

Deno.test("getstate() returns a copy that later draws do not change", () => {
  const rng = new Random(3);
  const state = rng.getstate();
  const copy = structuredClone(state);
  rng.random();
  assert.deepEqual(state, copy);
});

Deno.test("seed() forgets the value cached by gauss()", () => {
  const rng = new Random(42);
  const first = rng.gauss();
  rng.seed(42);
  assert.equal(rng.gauss(), first);
});

Deno.test("seed() without an argument seeds from crypto, differently each time", () => {
  const rng = new Random(42);
  const draws = new Set<bigint>();
  for (let i = 0; i < 5; i++) {
    rng.seed();
    draws.add(rng.getrandbits(64));
    draws.add(new Random().getrandbits(64));
  }
  assert.equal(draws.size, 10);
});

Deno.test("random is a default Random that seeds like Python's module functions", () => {
  assert.ok(random instanceof Random);
  random.seed(0);
  assert.deepEqual(times(5, () => random.uniform(0, 5)), caseOf(0, "uniform_0_5"));
  random.seed();
});

Deno.test("randrange() and randint() return a bigint when an argument is a bigint", () => {
  assert.equal(new Random(7).randrange(10), 5);
  assert.equal(new Random(7).randrange(10n), 5n);
  assert.equal(new Random(7).randint(-3n, 3n), BigInt(new Random(7).randint(-3, 3)));
  // Mixed arguments (outside the typed overloads) give a bigint too.
  const mixed = new Random(7).randint as (a: number | bigint, b: number | bigint) => unknown;
  assert.equal(mixed.call(new Random(7), 0, 10n), BigInt(new Random(7).randint(0, 10)));
});

Deno.test("choice() and sample() take a string as its code points", () => {
  assert.deepEqual(new Random(1).sample("😀😀😀", 3), ["😀", "😀", "😀"]);
  assert.equal(new Random(1).choice("😀"), "😀");
});

Deno.test("sample() leaves the population unchanged and shuffle() returns nothing", () => {
  const population = range(10);
  const rng = new Random(0);
  assert.deepEqual(rng.sample(population, 10).sort((a, b) => a - b), range(10));
  assert.deepEqual(population, range(10));
  assert.equal(rng.shuffle(population), undefined);
  assert.notDeepEqual(population, range(10));
  assert.deepEqual(rng.sample([], 0), []);
});

Deno.test("getrandbits(0) returns 0n without drawing", () => {
  const rng = new Random(42);
  assert.equal(rng.getrandbits(0), 0n);
  assert.equal(rng.random(), fixtures.seeds[2]!.cases.random[0]);
});

const BAD_INPUT: [string, () => unknown, string, string][] = [
  [
    "new Random(1.5)",
    () => new Random(1.5),
    "TypeError",
    'Cannot seed: "a" must be an integer number, a bigint or undefined, received 1.5',
  ],
  [
    'seed("abc")',
    () => random.seed("abc" as unknown as number),
    "TypeError",
    'Cannot seed: "a" must be an integer number, a bigint or undefined, received "abc"',
  ],
  [
    "seed(NaN)",
    () => random.seed(NaN),
    "TypeError",
    'Cannot seed: "a" must be an integer number, a bigint or undefined, received NaN',
  ],
  [
    "seed(null)",
    () => random.seed(null as unknown as number),
    "TypeError",
    'Cannot seed: "a" must be an integer number, a bigint or undefined, received null',
  ],
  [
    "randint(5, 1)",
    () => random.randint(5, 1),
    "RangeError",
    "Cannot randint: empty range for randint(5, 1)",
  ],
  [
    "randint(5n, 1n)",
    () => random.randint(5n, 1n),
    "RangeError",
    "Cannot randint: empty range for randint(5n, 1n)",
  ],
  [
    "randint(1.5, 3)",
    () => random.randint(1.5, 3),
    "TypeError",
    'Cannot randint: "a" must be an integer, received 1.5',
  ],
  [
    'randint(1, "6")',
    () => random.randint(1, "6" as unknown as number),
    "TypeError",
    'Cannot randint: "b" must be an integer, received "6"',
  ],
  [
    "randint(0, 2 ** 60)",
    () => random.randint(0, 2 ** 60),
    "RangeError",
    'Cannot randint: "b" must be a safe integer or a bigint, received 1152921504606847000',
  ],
  [
    "randrange(0)",
    () => random.randrange(0),
    "RangeError",
    "Cannot randrange: empty range for randrange(0)",
  ],
  [
    "randrange(-3n)",
    () => random.randrange(-3n),
    "RangeError",
    "Cannot randrange: empty range for randrange(-3n)",
  ],
  [
    "randrange(1.5)",
    () => random.randrange(1.5),
    "TypeError",
    'Cannot randrange: "start" must be an integer, received 1.5',
  ],
  [
    "randrange(10, 0)",
    () => random.randrange(10, 0),
    "RangeError",
    "Cannot randrange: empty range for randrange(10, 0)",
  ],
  [
    "randrange(0, 10, -1)",
    () => random.randrange(0, 10, -1),
    "RangeError",
    "Cannot randrange: empty range for randrange(0, 10, -1)",
  ],
  [
    "randrange(0, 10, 0)",
    () => random.randrange(0, 10, 0),
    "RangeError",
    "Cannot randrange: zero step for randrange(0, 10, 0)",
  ],
  [
    "randrange(0, 10.5)",
    () => random.randrange(0, 10.5),
    "TypeError",
    'Cannot randrange: "stop" must be an integer, received 10.5',
  ],
  [
    "randrange(0, 10, 0.5)",
    () => random.randrange(0, 10, 0.5),
    "TypeError",
    'Cannot randrange: "step" must be an integer, received 0.5',
  ],
  [
    "randrange(10, undefined, 2)",
    () => random.randrange(10, undefined, 2),
    "TypeError",
    'Cannot randrange: "stop" must be given with "step", received randrange(10)',
  ],
  [
    "choice([])",
    () => random.choice([]),
    "RangeError",
    'Cannot choice: "seq" must not be empty, received []',
  ],
  [
    'choice("")',
    () => random.choice(""),
    "RangeError",
    'Cannot choice: "seq" must not be empty, received ""',
  ],
  [
    "choice(42)",
    () => random.choice(42 as unknown as string),
    "TypeError",
    'Cannot choice: "seq" must be an array or a string, received 42',
  ],
  [
    'shuffle("abc")',
    () => random.shuffle("abc" as unknown as string[]),
    "TypeError",
    'Cannot shuffle: "x" must be an array, received "abc"',
  ],
  [
    "sample(range(5), 6)",
    () => random.sample(range(5), 6),
    "RangeError",
    'Cannot sample: "k" must be from 0 to the population size 5, received 6',
  ],
  [
    "sample(range(5), -1)",
    () => random.sample(range(5), -1),
    "RangeError",
    'Cannot sample: "k" must be from 0 to the population size 5, received -1',
  ],
  [
    "sample(range(5), 1.5)",
    () => random.sample(range(5), 1.5),
    "TypeError",
    'Cannot sample: "k" must be an integer, received 1.5',
  ],
  [
    "sample(new Set(), 1)",
    () => random.sample(new Set() as unknown as number[], 1),
    "TypeError",
    'Cannot sample: "population" must be an array or a string, received an object',
  ],
  [
    "getrandbits(-1)",
    () => random.getrandbits(-1),
    "RangeError",
    'Cannot getrandbits: "k" must be an integer from 0 to 16777216 (2 ** 24), received -1',
  ],
  [
    "getrandbits(1.5)",
    () => random.getrandbits(1.5),
    "TypeError",
    'Cannot getrandbits: "k" must be an integer, received 1.5',
  ],
  [
    "getrandbits(Infinity)",
    () => random.getrandbits(Infinity),
    "TypeError",
    'Cannot getrandbits: "k" must be an integer, received Infinity',
  ],
  [
    "getrandbits(2 ** 31)",
    () => random.getrandbits(2 ** 31),
    "RangeError",
    'Cannot getrandbits: "k" must be an integer from 0 to 16777216 (2 ** 24), received 2147483648',
  ],
  [
    "getrandbits(2 ** 24 + 1)",
    () => random.getrandbits(2 ** 24 + 1),
    "RangeError",
    'Cannot getrandbits: "k" must be an integer from 0 to 16777216 (2 ** 24), received 16777217',
  ],
  [
    'uniform("5", 1)',
    () => random.uniform("5" as unknown as number, 1),
    "TypeError",
    'Cannot uniform: "a" must be a number, received "5"',
  ],
  [
    "uniform(undefined, 1)",
    () => random.uniform(undefined as unknown as number, 1),
    "TypeError",
    'Cannot uniform: "a" must be a number, received undefined',
  ],
  [
    "uniform(0, 1n)",
    () => random.uniform(0, 1n as unknown as number),
    "TypeError",
    'Cannot uniform: "b" must be a number, received 1n',
  ],
  [
    'gauss("5", 1)',
    () => random.gauss("5" as unknown as number, 1),
    "TypeError",
    'Cannot gauss: "mu" must be a number, received "5"',
  ],
  [
    "gauss(0, null)",
    () => random.gauss(0, null as unknown as number),
    "TypeError",
    'Cannot gauss: "sigma" must be a number, received null',
  ],
  [
    "seed(a Proxy whose every trap throws)",
    () => random.seed(trapping() as unknown as number),
    "TypeError",
    'Cannot seed: "a" must be an integer number, a bigint or undefined, received an object',
  ],
  [
    "shuffle(a revoked Proxy)",
    () => random.shuffle(revoked() as unknown as number[]),
    "TypeError",
    'Cannot shuffle: "x" must be an array, received an object',
  ],
  [
    "sample([1], an array Proxy whose every trap throws)",
    () => random.sample([1], trapping([]) as unknown as number),
    "TypeError",
    'Cannot sample: "k" must be an integer, received an array',
  ],
];

/** A Proxy whose every trap throws: describing it in a message must not run any of them. */
function trapping(target: object = {}): object {
  const handler = new Proxy({}, {
    get: () => () => {
      throw new Error("a trap ran");
    },
  });
  return new Proxy(target, handler);
}

/** A revoked Proxy: `Array.isArray` throws on it. */
function revoked(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

for (const [call, fn, name, message] of BAD_INPUT) {
  Deno.test(`${call} throws ${name}`, () => {
    assert.throws(fn, { name, message });
  });
}

Deno.test("setstate() rejects a bad state and keeps the current one", () => {
  const rng = new Random(42);
  const good = rng.getstate();
  const cases: [unknown, string, string][] = [
    [
      null,
      "TypeError",
      'Cannot setstate: "state" must be an object from getstate(), received null',
    ],
    [
      { ...good, version: 2 },
      "RangeError",
      'Cannot setstate: "state.version" must be 3, received 2',
    ],
    [
      { ...good, mt: good.mt.slice(1) },
      "TypeError",
      'Cannot setstate: "state.mt" must be an array of 624 integers from 0 to 4294967295, received an array of 623',
    ],
    [
      { ...good, mt: [...good.mt.slice(1), -1] },
      "TypeError",
      'Cannot setstate: "state.mt" must be an array of 624 integers from 0 to 4294967295, received an array of 624',
    ],
    [
      { ...good, index: 625 },
      "RangeError",
      'Cannot setstate: "state.index" must be an integer from 0 to 624, received 625',
    ],
    [
      { ...good, index: 1.5 },
      "RangeError",
      'Cannot setstate: "state.index" must be an integer from 0 to 624, received 1.5',
    ],
    [
      { ...good, gaussNext: "0.5" },
      "TypeError",
      'Cannot setstate: "state.gaussNext" must be a number or null, received "0.5"',
    ],
  ];
  for (const [state, name, message] of cases) {
    assert.throws(() => rng.setstate(state as RandomState), { name, message });
  }
  assert.equal(rng.random(), fixtures.seeds[2]!.cases.random[0]);
});

Deno.test("uniform() and gauss() with a bad argument throw before drawing", () => {
  const rng = new Random(7);
  const before = rng.getstate();
  assert.throws(() => rng.uniform(1, "2" as unknown as number), TypeError);
  assert.throws(() => rng.gauss(undefined, "1" as unknown as number), TypeError);
  assert.deepEqual(rng.getstate(), before);
  assert.equal(rng.uniform(0, 1), new Random(7).random(), "NaN and numbers still pass");
  assert.ok(Number.isNaN(rng.uniform(NaN, 1)), "NaN is a number, as in CPython");
});

Deno.test("getrandbits() refuses a huge k at once, before drawing", () => {
  const rng = new Random(7);
  const before = rng.getstate();
  assert.throws(() => rng.getrandbits(2 ** 40), RangeError); // drawing would take hours
  assert.deepEqual(rng.getstate(), before);
  assert.equal(rng.getrandbits(64), new Random(7).getrandbits(64));
});
