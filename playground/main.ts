/// <reference lib="dom" />
/**
 * The playground page: the course's functions with their arguments, a seed and real or
 * virtual time; a live SVG timeline of the run; the result as Python prints it; a Cancel
 * button. Everything it shows comes from the CLI's own pieces, so the page and
 * `deno task demo … --timeline` agree: the commands and how they run
 * (`src/cli/commands.ts`), the draws a run makes (`src/cli/record.ts`), the timeline built
 * from them (`src/cli/timeline.ts`) and Python's `repr` (`src/cli/py_repr.ts`).
 *
 * Functions come from `COMMANDS`: a command added there (such as `parallel`, from the
 * parallelism work) appears in the menu with its arguments; a picture this page does not
 * know yet (`picture` other than waits, numbers, runtime) runs without a timeline.
 *
 * Cancelling: browsers have no ambient cancel scope, so the run's Task passes its signal
 * to the course function (`command.run(nums, { signal })`), which hands it to every wait.
 *
 * @module
 */
import { CancelledError, createTask, loopTime, random, type Task, VirtualClock } from "../mod.ts";
import { type Command, COMMANDS, type Param } from "../src/cli/commands.ts";
import { pyRepr } from "../src/cli/py_repr.ts";
import { type Draw, recordDraws } from "../src/cli/record.ts";
import { buildTimeline, type Timeline } from "../src/cli/timeline.ts";
import { drawTimeline } from "./svg_timeline.ts";

const PICTURES = new Set(["waits", "numbers", "runtime"]);
/** Rows drawn at most (the rest are counted: "… and 30 more"). */
const MAX_ROWS = 40;
/** Default argument values, by parameter name. */
const DEFAULTS: Record<string, string> = { N: "5", MAX: "5" };
const DESCRIPTIONS: Record<string, string> = {
  N: "how many waits",
  MAX: "the longest delay, in seconds",
};

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = $<HTMLFormElement>("controls");
const select = $<HTMLSelectElement>("command");
const summary = $<HTMLParagraphElement>("summary");
const argsBox = $<HTMLFieldSetElement>("args");
const seedInput = $<HTMLInputElement>("seed");
const runButton = $<HTMLButtonElement>("run");
const cancelButton = $<HTMLButtonElement>("cancel");
const errorBox = $<HTMLParagraphElement>("error");
const caption = $<HTMLParagraphElement>("caption");
const picture = $<HTMLDivElement>("timeline");
const footer = $<HTMLParagraphElement>("footer");
const output = $<HTMLPreElement>("output");
const elapsed = $<HTMLParagraphElement>("elapsed");
const commandLine = $<HTMLElement>("command-line");
const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)");

/** The run under way, if any. */
let current: { task: Task<number | number[]> } | undefined;
/** What the timeline shows now, redrawn when the page is resized. */
let shown: { timeline: Timeline; cancelledAt?: number | undefined } | undefined;

for (const command of COMMANDS) {
  select.append(new Option(command.name, command.name));
}
select.value = "wait_n";
select.addEventListener("change", showCommand);
form.addEventListener("input", updateCommandLine);
form.addEventListener("submit", (event) => {
  event.preventDefault();
  if (current === undefined) void start();
});
cancelButton.addEventListener("click", cancel);
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && current !== undefined) cancel();
});
new ResizeObserver(redraw).observe(picture);
showCommand();
document.body.dataset.run = "idle";

function selected(): Command {
  return COMMANDS.find((c) => c.name === select.value)!;
}

/** Shows the chosen function's summary and one labelled field per argument. */
function showCommand(): void {
  const command = selected();
  summary.textContent = command.summary;
  argsBox.replaceChildren();
  const legend = document.createElement("legend");
  legend.textContent = command.params.length === 0 ? "Arguments: none" : "Arguments";
  argsBox.append(legend);
  command.params.forEach((param, i) => argsBox.append(field(command, param, i)));
  updateCommandLine();
}

function field(command: Command, param: Param, i: number): HTMLElement {
  const box = document.createElement("div");
  box.className = "field";
  const id = `arg-${param.name}`;
  const label = document.createElement("label");
  label.htmlFor = id;
  const optional = i >= command.required ? ", optional" : "";
  label.textContent = `${param.name} (${DESCRIPTIONS[param.name] ?? param.kind}${optional})`;
  const input = document.createElement("input");
  input.id = id;
  input.name = param.name;
  input.type = "number";
  input.inputMode = param.kind === "count" ? "numeric" : "decimal";
  input.min = String(param.kind === "count" ? param.min ?? 0 : 0);
  input.step = param.kind === "count" ? "1" : "any";
  input.required = i < command.required;
  input.value = i < command.required ? DEFAULTS[param.name] ?? "" : "";
  box.append(label, input);
  return box;
}

/** The arguments as numbers, or an error naming the first bad one (as the CLI words it). */
function readArgs(command: Command): number[] {
  const nums: number[] = [];
  for (const [i, param] of command.params.entries()) {
    const input = $<HTMLInputElement>(`arg-${param.name}`);
    input.removeAttribute("aria-invalid");
    const text = input.value.trim();
    if (text === "" && i >= command.required) break;
    const value = text === "" ? NaN : Number(text);
    const min = param.min ?? 0;
    const rule = param.kind === "count"
      ? Number.isInteger(value) && value >= min ? "" : `an integer >= ${min}`
      : Number.isFinite(value) && value >= 0
      ? ""
      : "a finite number >= 0";
    if (rule !== "") {
      input.setAttribute("aria-invalid", "true");
      input.focus();
      throw new Error(
        `Cannot run ${command.name}: "${param.name}" must be ${rule}, received ${
          JSON.stringify(input.value)
        }`,
      );
    }
    nums.push(value);
  }
  return nums;
}

function readSeed(): bigint | undefined {
  seedInput.removeAttribute("aria-invalid");
  const text = seedInput.value.trim();
  if (text === "") return undefined;
  if (!/^[+-]?\d(?:_?\d)*$/.test(text)) {
    seedInput.setAttribute("aria-invalid", "true");
    seedInput.focus();
    throw new Error(`Cannot seed: "seed" must be an integer, received ${JSON.stringify(text)}`);
  }
  return BigInt(text.replaceAll("_", ""));
}

function isVirtual(): boolean {
  return (form.elements.namedItem("time") as RadioNodeList).value === "virtual";
}

function updateCommandLine(): void {
  const command = selected();
  const nums = command.params
    .map((p) => ($<HTMLInputElement>(`arg-${p.name}`)?.value ?? "").trim())
    .filter((t) => t !== "");
  const seed = seedInput.value.trim();
  const parts = ["deno task demo", command.name, ...nums];
  if (seed !== "") parts.push("--seed", seed);
  if (isVirtual()) parts.push("--virtual");
  commandLine.textContent = [...parts, "--timeline"].join(" ");
}

/** Runs the chosen function as a Task, drawing the timeline as its clock goes. */
async function start(): Promise<void> {
  const command = selected();
  let nums: number[], seed: bigint | undefined;
  try {
    nums = readArgs(command);
    seed = readSeed();
  } catch (error) {
    errorBox.textContent = error instanceof Error ? error.message : String(error);
    return;
  }
  errorBox.textContent = "";
  const virtual = isVirtual();
  const title =
    `${command.name}(${nums.join(", ")})${seed === undefined ? "" : ` · seed ${seed}`}` +
    ` · ${virtual ? "virtual" : "real"} time`;
  if (seed !== undefined) random.seed(seed);
  const clock = virtual ? VirtualClock.install({ autojump: true }) : undefined;
  const draws: Draw[] = [];
  const stopRecording = recordDraws(random, draws);
  const origin = loopTime();
  const drawn = PICTURES.has(command.picture);
  const timeline = (now: number, observed?: readonly number[] | null) =>
    buildTimeline({
      picture: command.picture,
      title,
      draws,
      origin,
      now,
      maxRows: MAX_ROWS,
      ...(observed === undefined ? {} : { observed }),
    });
  const task = createTask((signal) => command.run(nums, { signal }), { name: command.name });
  current = { task };
  setRunning(true);
  output.textContent = "";
  elapsed.textContent = "Running…";
  caption.textContent = title;
  footer.textContent = "";
  let frames = true;
  const frame = () => {
    if (!frames) return;
    if (drawn) show(timeline(loopTime()));
    if (reducedMotion.matches) setTimeout(frame, 1000);
    else requestAnimationFrame(frame);
  };
  if (!virtual) frame();
  else if (!drawn) picture.replaceChildren();
  try {
    const result = await task;
    const end = loopTime();
    frames = false;
    const observed = command.observed(result) ?? null;
    if (drawn) {
      const done = timeline(end, observed);
      show(done);
      footer.textContent = done.footer.join(" ");
    } else {
      picture.replaceChildren();
      footer.textContent = "No timeline for this function yet.";
    }
    output.textContent = pyRepr(result) + "\n";
    elapsed.textContent = `Elapsed: ${time(end - origin, virtual)}`;
    document.body.dataset.run = "done";
  } catch (error) {
    const end = loopTime();
    frames = false;
    if (error instanceof CancelledError) {
      const now = end - origin;
      const t = timeline(end);
      if (drawn) show(t, now);
      const left = t.rows.filter((r) => !r.ghost && (r.end === undefined || r.end > now)).length;
      output.textContent = `asyncio.exceptions.CancelledError: ${error.message}\n`;
      elapsed.textContent = `Cancelled after ${time(now, virtual)}: ` +
        `${left} wait${left === 1 ? "" : "s"} cancelled`;
      footer.textContent = "Cancelling the task cancelled every wait still under way: " +
        "their bars stop at the cancel time (dashed: the time they had left).";
      document.body.dataset.run = "cancelled";
    } else {
      output.textContent = `${
        error instanceof Error ? `${error.name}: ${error.message}` : error
      }\n`;
      elapsed.textContent = "";
      document.body.dataset.run = "error";
    }
  } finally {
    stopRecording();
    clock?.uninstall();
    current = undefined;
    setRunning(false);
  }
}

function cancel(): void {
  current?.task.cancel("cancelled from the page");
}

function setRunning(running: boolean): void {
  document.body.dataset.run = running ? "running" : document.body.dataset.run;
  runButton.disabled = running;
  cancelButton.disabled = !running;
  select.disabled = running;
  if (running) cancelButton.focus();
  else if (document.activeElement === cancelButton || document.activeElement === document.body) {
    runButton.focus();
  }
}

function show(timeline: Timeline, cancelledAt?: number): void {
  shown = { timeline, cancelledAt };
  redraw();
}

function redraw(): void {
  if (shown === undefined) return;
  const width = picture.clientWidth || 600;
  picture.replaceChildren(drawTimeline(shown.timeline, { width, cancelledAt: shown.cancelledAt }));
}

function time(seconds: number, virtual: boolean): string {
  return virtual ? `${seconds} s of virtual time` : `${seconds.toFixed(3)} s`;
}
