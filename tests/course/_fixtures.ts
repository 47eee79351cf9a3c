/** The Python course's results, from scripts/gen_course_fixtures.py (see tests/fixtures). */
import fixtures from "../fixtures/course.json" with { type: "json" };

/** One case: the course.py command line, the value it returns and the line it prints. */
export interface CourseCase {
  args: string[];
  value: number | number[];
  stdout: string;
}

/** Every case. */
export const cases: CourseCase[] = fixtures.cases;

/** The cases of one command, with the seed and numeric arguments parsed. */
export function casesOf(command: string): { seed: number; nums: number[]; value: unknown }[] {
  const matching = cases.filter((c) => c.args[0] === command);
  // Five seeds per command line: an empty list would let a test pass having checked nothing.
  if (matching.length < 5) {
    throw new Error(`Too few fixture cases for ${command}: ${matching.length}`);
  }
  return matching.map((c) => ({
    seed: Number(c.args[c.args.indexOf("--seed") + 1]),
    nums: c.args.slice(1, c.args.indexOf("--seed")).map(Number),
    value: c.value,
  }));
}
