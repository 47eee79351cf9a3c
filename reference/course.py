#!/usr/bin/env python3
"""The asyncio course in Python: the reference @aio/asyncio is compared with.

The course has two parts. "python_async_function" builds up from one coroutine that waits a
random delay to many of them run concurrently, with and without Tasks; "python_async_
comprehension" yields random numbers from an async generator and collects them. Each function
below is the course's, written as plainly as the course asks; `main()` runs one of them from
the command line and prints its result as Python's print() does, so that the TypeScript port
(`deno run src/cli.ts ...`, `npx aio-asyncio ...`) can be compared with it byte for byte:

    python3 reference/course.py wait_n 5 5 --seed 7
    python3 reference/course.py async_comprehension --seed 0
    python3 reference/course.py random_vectors --seed 42   # JSON: the random module's outputs

--seed S calls random.seed(S) first, so the delays and numbers are the same on every run (and
the same as the port's with the same seed). The waits are real: measure_runtime takes ten
seconds. Standard library only; Python 3.8 or later.

One caveat, from CPython itself: wait_n returns its delays in the order the sleeps finish. For
a few delays that is ascending order; with hundreds, timers closer together than the event
loop's clock resolution finish in one batch, in the order they were started, so the list is
only roughly ascending. The port's loop keeps exact order for any n.
"""
import argparse
import asyncio
import json
import random
import time
from typing import AsyncGenerator, List


# python_async_function -------------------------------------------------------------------

async def wait_random(max_delay: int = 10) -> float:
    """0. Wait a random delay between 0 and max_delay seconds, and return it."""
    delay = random.uniform(0, max_delay)
    await asyncio.sleep(delay)
    return delay


async def wait_n(n: int, max_delay: int) -> List[float]:
    """1. Run wait_random(max_delay) n times at once; return the delays as they finish.

    The delays come out shortest first without any sorting: that is concurrency.
    """
    waits = [wait_random(max_delay) for _ in range(n)]
    return [await finished for finished in asyncio.as_completed(waits)]


def measure_time(n: int, max_delay: int) -> float:
    """2. Return how long wait_n(n, max_delay) takes, divided by n.

    The total is about the longest delay, not the sum of the delays.
    """
    start = time.perf_counter()
    asyncio.run(wait_n(n, max_delay))
    total = time.perf_counter() - start
    return total / n


def task_wait_random(max_delay: int) -> asyncio.Task:
    """3. Return a Task running wait_random(max_delay): it starts without being awaited."""
    return asyncio.create_task(wait_random(max_delay))


async def task_wait_n(n: int, max_delay: int) -> List[float]:
    """4. wait_n again, with the Tasks of task_wait_random."""
    tasks = [task_wait_random(max_delay) for _ in range(n)]
    return [await finished for finished in asyncio.as_completed(tasks)]


# python_async_comprehension --------------------------------------------------------------

async def async_generator() -> AsyncGenerator[float, None]:
    """0. Ten times: wait one second, then yield a random number between 0 and 10."""
    for _ in range(10):
        await asyncio.sleep(1)
        yield random.uniform(0, 10)


async def async_comprehension() -> List[float]:
    """1. Collect the ten numbers of async_generator with an async comprehension."""
    return [number async for number in async_generator()]


async def measure_runtime() -> float:
    """2. Run async_comprehension four times at once; return how long that took.

    About 10 seconds, not 40: the four generators wait at the same time.
    """
    start = time.perf_counter()
    await asyncio.gather(*(async_comprehension() for _ in range(4)))
    return time.perf_counter() - start


# The random module, for the port's bit-exact Random -----------------------------------------

def random_vectors() -> dict:
    """What each random function returns first after the current seed, by name.

    Every entry starts from the same state, so each list is what a program calling only that
    function would see.
    """
    start = random.getstate()

    def shuffled() -> List[int]:
        numbers = list(range(10))
        random.shuffle(numbers)
        return numbers

    draws = {
        "random": lambda: [random.random() for _ in range(8)],
        "uniform_0_10": lambda: [random.uniform(0, 10) for _ in range(8)],
        "randint_1_6": lambda: [random.randint(1, 6) for _ in range(12)],
        "randrange_0_1000_7": lambda: [random.randrange(0, 1000, 7) for _ in range(8)],
        "shuffle_10": shuffled,
        "choice_abcdefg": lambda: [random.choice("abcdefg") for _ in range(8)],
        "sample_range20_5": lambda: random.sample(range(20), 5),
        # As strings: JSON numbers lose the bits of integers beyond 2 ** 53.
        "getrandbits_1_7_32_33_64_100": lambda: [
            str(random.getrandbits(k)) for k in (1, 7, 32, 33, 64, 100)
        ],
        "gauss_0_1": lambda: [random.gauss(0, 1) for _ in range(6)],
    }
    vectors = {}
    for name, draw in draws.items():
        random.setstate(start)
        vectors[name] = draw()
    random.setstate(start)
    return vectors


# The command line --------------------------------------------------------------------------

async def await_task_wait_random(max_delay: int) -> float:
    """task_wait_random needs a running loop: make the Task inside one, and await it."""
    return await task_wait_random(max_delay)


async def collect_async_generator() -> List[float]:
    """async_generator's numbers as a list, to print them."""
    return [number async for number in async_generator()]


COMMANDS = {
    "wait_random": lambda *nums: asyncio.run(wait_random(*nums)),
    "wait_n": lambda *nums: asyncio.run(wait_n(*nums)),
    "measure_time": measure_time,
    "task_wait_random": lambda *nums: asyncio.run(await_task_wait_random(*nums)),
    "task_wait_n": lambda *nums: asyncio.run(task_wait_n(*nums)),
    "async_generator": lambda: asyncio.run(collect_async_generator()),
    "async_comprehension": lambda: asyncio.run(async_comprehension()),
    "measure_runtime": lambda: asyncio.run(measure_runtime()),
}


def main() -> None:
    """Run the command named on the command line and print its result."""
    parser = argparse.ArgumentParser(
        description="Run one function of the asyncio course and print its result.",
        epilog="commands: " + ", ".join([*COMMANDS, "random_vectors"]),
    )
    parser.add_argument("command", help="the course function to run")
    parser.add_argument("args", nargs="*", type=float, help="its numbers (N, MAX)")
    parser.add_argument("--seed", type=int, help="call random.seed(SEED) first")
    options = parser.parse_args()
    if options.seed is not None:
        random.seed(options.seed)
    # Whole numbers are passed as ints (wait_n 5 5 is wait_n(5, 5)), others as floats.
    nums = [int(x) if x == int(x) else x for x in options.args]
    if options.command == "random_vectors":
        print(json.dumps(random_vectors()))
    elif options.command in COMMANDS:
        print(COMMANDS[options.command](*nums))
    else:
        parser.error(f"unknown command {options.command!r}")


if __name__ == "__main__":
    main()
