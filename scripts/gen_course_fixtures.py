#!/usr/bin/env python3
"""Print tests/fixtures/course.json: what the Python asyncio course prints, per command.

Self-contained (standard library only). For each seed and command it computes the result
the course's function returns and the line Python's print() writes for it, without waiting
in real time: wait_random's delay is its uniform draw, wait_n / task_wait_n return their
draws in ascending order (exact for the small n used here, where no two delays are closer
than the clock resolution), async_generator yields its ten draws in order.

    python3 scripts/gen_course_fixtures.py > tests/fixtures/course.json
    python3 scripts/gen_course_fixtures.py --verify   # also run the real course (slow)

--verify runs each case through the real asyncio course (reference/course.py in this
repository, or the path in COURSE_PY) and checks the printed line is the same.
"""
import json
import os
import random
import subprocess
import sys

SEEDS = [0, 1, 7, 42, 2026]
CASES = [
    ["wait_random"],
    ["wait_random", "3"],
    ["wait_n", "5", "5"],
    ["wait_n", "10", "1"],
    ["wait_n", "3", "0"],
    ["task_wait_random", "7"],
    ["task_wait_n", "5", "5"],
    ["task_wait_n", "4", "2.5"],
    ["async_generator"],
    ["async_comprehension"],
]


def number(text):
    value = float(text)
    return int(value) if value == int(value) else value


def result(command, args):
    """The value the course function returns, for the current random state."""
    nums = [number(a) for a in args]
    if command in ("wait_random", "task_wait_random"):
        return random.uniform(0, nums[0] if nums else 10)
    if command in ("wait_n", "task_wait_n"):
        n, max_delay = nums
        return sorted(random.uniform(0, max_delay) for _ in range(n))
    if command in ("async_generator", "async_comprehension"):
        return [random.uniform(0, 10) for _ in range(10)]
    raise ValueError(command)


def main():
    verify = "--verify" in sys.argv
    course = os.environ.get("COURSE_PY", os.path.join(
        os.path.dirname(__file__), "..", "reference", "course.py"))
    cases = []
    for seed in SEEDS:
        for case in CASES:
            random.seed(seed)
            value = result(case[0], case[1:])
            stdout = f"{value}\n"
            args = case + ["--seed", str(seed)]
            if verify and not case[0].startswith("async") and number((case[1:] or ["10"])[-1]) <= 3:
                real = subprocess.run([sys.executable, course, *args], capture_output=True, text=True, check=True).stdout
                assert real == stdout, (args, real, stdout)
            cases.append({"args": args, "value": value, "stdout": stdout})
    json.dump({"generator": "scripts/gen_course_fixtures.py", "cases": cases}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
