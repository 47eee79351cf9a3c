/**
 * Builds the npm package into `npm/`, from scratch, driven by `deno.json`:
 *
 * - `npm/esm/` (ES modules) and `npm/script/` (CommonJS), each with `.d.ts` beside the
 *   JavaScript, compiled by the TypeScript compiler with relative `.ts` imports rewritten
 *   to `.js`. The library (every `deno.json` export) is compiled with Web-standard,
 *   ES2023 and `Symbol.dispose` types only, so a `Deno.*` or Node API in it fails the
 *   build; `src/cli.ts` (the `aio-asyncio` bin) may use `node:` modules (`@types/node`).
 * - Declaration maps (`.d.ts.map`) beside each `.d.ts`, and the TypeScript sources they
 *   point at in `npm/src/` (the repository's layout: `src/mod.ts`, `src/src/sleep.ts`), so
 *   go-to-definition in an editor lands in the TypeScript, as with dnt. A `.d.ts` that
 *   names `Disposable` or `Symbol.dispose` carries `/// <reference lib="esnext.disposable" />`,
 *   so consumers need neither `@types/node` nor that `lib` setting.
 * - `npm/package.json` (name, version, description, license, repository, homepage, bugs
 *   and author from deno.json; exports with `./package.json`; `typesVersions` so that
 *   `@aio/asyncio/testing` resolves under `moduleResolution: node10`), README.md and
 *   LICENSE; `npm pack --dry-run` must list nothing but those, the compiled `esm/` and
 *   `script/` files and the sources in `src/`.
 * - `npm/test_node/` and `npm/test_node_cjs/`: the `tests/` files transpiled to run under
 *   Node and Bun against the BUILT package, the ES build (`../mod.ts` becomes
 *   `esm/mod.js`) and the CommonJS one (`script/mod.js`), `Deno.test` from
 *   `@deno/shim-deno-test`, and the runner from `scripts/node_test_runner.ts`.
 *   `deno task test:npm` runs them.
 *
 * Nothing here stops a later switch back to dnt: the same entry points, the same layout
 * (`esm/`, `script/`, `package.json` exports), the same test shim.
 *
 * @example Build
 * ```sh
 * deno run -A scripts/build_npm.ts
 * ```
 *
 * @module
 */
import ts from "typescript";
import { basename, dirname, join, relative, resolve } from "node:path";
import {
  BASE_COMPILER_OPTIONS,
  type DenoConfig,
  done,
  formatDiagnostics,
  NPM_DIR,
  readConfig,
  ROOT,
  run,
  TEST_DIR,
  TEST_DIR_CJS,
} from "./_npm.ts";

/** The CLI, published as the `aio-asyncio` bin when it exists. */
const BIN = { name: "aio-asyncio", source: "src/cli.ts" };
const KEYWORDS = ["asyncio", "async", "deno", "node", "timers", "concurrency", "course"];
/** Deno's default test file names: `test.ts`, `*_test.ts`, `*.test.ts`. */
const TEST_FILE = /(?:^|[_.])test\.(?:ts|mts|tsx)$/;

/**
 * Node's test skip list: file (its path in tests/, as `cli/e2e_test.ts`) -> reason,
 * test name -> reason.
 */
interface SkipList {
  files: Record<string, string>;
  tests: Record<string, string>;
}

const config: DenoConfig = await readConfig();
const exportsMap = typeof config.exports === "string" ? { ".": config.exports } : config.exports;
const entries = Object.entries(exportsMap).map(([subpath, file]) => {
  if (!/^\.\/.+\.ts$/.test(file)) {
    throw new Error(`deno.json export "${subpath}" must be a ./*.ts file, found "${file}"`);
  }
  return { subpath, file: file.slice(2) };
});
const hasBin = await exists(join(ROOT, BIN.source));

/**
 * Type-checks `rootNames` (with what they import) and writes `.js` and `.d.ts` files
 * into `npm/<dir>`, failing on any diagnostic.
 */
function compile(rootNames: string[], dir: string, module: ts.ModuleKind, types: string[]): void {
  const options: ts.CompilerOptions = {
    ...BASE_COMPILER_OPTIONS,
    // What Node 22 and the browsers have: ES2023, Symbol.dispose (for `using`), and from
    // the DOM types AbortSignal, EventTarget, performance...
    lib: ["lib.es2023.d.ts", "lib.esnext.disposable.d.ts", "lib.dom.d.ts"],
    module,
    moduleResolution: module === ts.ModuleKind.CommonJS
      ? ts.ModuleResolutionKind.Node10
      : ts.ModuleResolutionKind.Bundler,
    types,
    noImplicitOverride: true,
    esModuleInterop: true,
    skipLibCheck: true,
    declaration: true,
    declarationMap: true,
    allowImportingTsExtensions: true,
    rewriteRelativeImportExtensions: true,
    rootDir: ROOT,
    outDir: join(NPM_DIR, dir),
    newLine: ts.NewLineKind.LineFeed,
  };
  const program = ts.createProgram(rootNames, options);
  let diagnostics = ts.getPreEmitDiagnostics(program);
  if (diagnostics.length === 0) {
    const transformers = {
      afterDeclarations: [specifierTransformer(tsToJs), disposableLibReference],
    };
    diagnostics = program.emit(undefined, undefined, undefined, false, transformers).diagnostics;
  }
  if (diagnostics.length > 0) {
    console.error(formatDiagnostics(diagnostics));
    const hint = dir === "script"
      ? "\nThe library (deno.json exports) must use Web-standard and ES2023 APIs only:" +
        " no Deno.*, no node: modules, no Node globals."
      : "";
    throw new Error(`npm: compiling npm/${dir}/ failed${hint}`);
  }
}

/** Where a declaration names them, `esnext.disposable` must be in the consumer's lib. */
const USES_DISPOSABLE = /\b(?:Async)?Disposable\b|\bSymbol\.(?:async)?[dD]ispose\b|SuppressedError/;

/**
 * Adds `/// <reference lib="esnext.disposable" />` to a declaration file whose source
 * names `Disposable`, `AsyncDisposable`, `Symbol.dispose` or `SuppressedError`: those
 * types come from that lib, which a consumer without `@types/node` (which declares them)
 * or `lib: ["esnext.disposable"]` lacks. Node 22+, Deno, Bun and current browsers all
 * have `Symbol.dispose` and `Symbol.asyncDispose` at run time.
 */
const disposableLibReference: ts.TransformerFactory<ts.SourceFile | ts.Bundle> =
  (context) => (node) => {
    if (!ts.isSourceFile(node) || !USES_DISPOSABLE.test(Deno.readTextFileSync(node.fileName))) {
      return node;
    }
    const lib = { fileName: "esnext.disposable", pos: -1, end: -1, preserve: true };
    return context.factory.updateSourceFile(
      node,
      node.statements,
      node.isDeclarationFile,
      node.referencedFiles,
      node.typeReferenceDirectives,
      node.hasNoDefaultLib,
      [...node.libReferenceDirectives, lib],
    );
  };

/**
 * Copies the TypeScript sources of the compiled files into `npm/src/` and points every
 * declaration map there (`npm/esm/mod.d.ts.map` -> `../src/mod.ts`), so that the package
 * holds what its maps name.
 */
async function shipSources(): Promise<number> {
  const sources = new Set<string>();
  for (const dir of ["esm", "script"]) {
    for (const map of await walk(join(NPM_DIR, dir), ".d.ts.map")) {
      const json = JSON.parse(await Deno.readTextFile(map));
      json.sources = json.sources.map((source: string) => {
        const file = resolve(dirname(map), json.sourceRoot ?? "", source);
        const inRoot = relative(ROOT, file);
        if (inRoot.startsWith("..")) throw new Error(`${map} maps to ${file}, outside the project`);
        sources.add(inRoot);
        return relative(dirname(map), join(NPM_DIR, "src", inRoot));
      });
      delete json.sourceRoot;
      await Deno.writeTextFile(map, JSON.stringify(json));
    }
  }
  for (const source of sources) {
    const to = join(NPM_DIR, "src", source);
    await Deno.mkdir(dirname(to), { recursive: true });
    await Deno.copyFile(join(ROOT, source), to);
  }
  return sources.size;
}

/** `./x.ts` -> `./x.js` for relative specifiers; anything else unchanged. */
function tsToJs(specifier: string): string {
  if (!/^\.\.?\//.test(specifier) || specifier.endsWith(".d.ts")) return specifier;
  return specifier.replace(/\.(m|c)?ts$/, ".$1js").replace(/\.tsx$/, ".js");
}

/**
 * A transformer that maps the specifier of every import, export, `import()` call and
 * `import("…")` type through `map`.
 */
function specifierTransformer<T extends ts.SourceFile | ts.Bundle>(
  map: (specifier: string) => string,
): ts.TransformerFactory<T> {
  return (context) => {
    const f = context.factory;
    const literal = (node: ts.StringLiteralLike) => {
      const to = map(node.text);
      return to === node.text ? node : f.createStringLiteral(to);
    };
    const visit = (node: ts.Node): ts.Node => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        return f.updateImportDeclaration(
          node,
          node.modifiers,
          node.importClause,
          literal(node.moduleSpecifier),
          node.attributes,
        );
      }
      if (
        ts.isExportDeclaration(node) && node.moduleSpecifier &&
        ts.isStringLiteral(node.moduleSpecifier)
      ) {
        return f.updateExportDeclaration(
          node,
          node.modifiers,
          node.isTypeOnly,
          node.exportClause,
          literal(node.moduleSpecifier),
          node.attributes,
        );
      }
      if (
        ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        node.arguments[0] !== undefined && ts.isStringLiteralLike(node.arguments[0])
      ) {
        const [first, ...rest] = node.arguments;
        return f.updateCallExpression(node, node.expression, node.typeArguments, [
          literal(first as ts.StringLiteralLike),
          ...rest,
        ]);
      }
      if (
        ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) &&
        ts.isStringLiteral(node.argument.literal)
      ) {
        const argument = f.updateLiteralTypeNode(node.argument, literal(node.argument.literal));
        return f.updateImportTypeNode(
          node,
          argument,
          node.attributes,
          node.qualifier,
          node.typeArguments,
          node.isTypeOf,
        );
      }
      return ts.visitEachChild(node, visit, context);
    };
    return (node) => ts.isSourceFile(node) ? ts.visitEachChild(node, visit, context) as T : node;
  };
}

/** Makes the emitted CLI runnable as a bin: a node shebang and the executable bit. */
async function makeBin(file: string): Promise<void> {
  const text = await Deno.readTextFile(file);
  if (!text.startsWith("#!")) await Deno.writeTextFile(file, `#!/usr/bin/env node\n${text}`);
  await Deno.chmod(file, 0o755);
}

async function writePackageJson(): Promise<void> {
  const exportsField: Record<string, unknown> = {};
  for (const { subpath, file } of entries) {
    const js = file.replace(/\.ts$/, ".js");
    const dts = file.replace(/\.ts$/, ".d.ts");
    exportsField[subpath] = {
      import: { types: `./esm/${dts}`, default: `./esm/${js}` },
      require: { types: `./script/${dts}`, default: `./script/${js}` },
    };
  }
  exportsField["./package.json"] = "./package.json";
  // moduleResolution node10 ignores exports: map each subpath to its types (the root has
  // "types").
  const subpathTypes = Object.fromEntries(
    entries.filter((e) => e.subpath !== ".").map((e) => [
      e.subpath.slice(2),
      [`./esm/${e.file.replace(/\.ts$/, ".d.ts")}`],
    ]),
  );
  const main = entries.find((e) => e.subpath === ".")?.file.replace(/\.ts$/, "");
  const pkg = {
    name: config.name,
    version: config.version,
    description: config.description,
    license: config.license,
    ...(config.author === undefined ? {} : { author: config.author }),
    ...(config.homepage === undefined ? {} : { homepage: config.homepage }),
    ...(config.repository === undefined ? {} : { repository: config.repository }),
    ...(config.bugs === undefined ? {} : { bugs: config.bugs }),
    keywords: KEYWORDS,
    type: "module",
    ...(main === undefined ? {} : {
      main: `./script/${main}.js`,
      module: `./esm/${main}.js`,
      types: `./esm/${main}.d.ts`,
    }),
    exports: exportsField,
    ...(Object.keys(subpathTypes).length === 0 ? {} : { typesVersions: { "*": subpathTypes } }),
    ...(hasBin ? { bin: { [BIN.name]: `./esm/${BIN.source.replace(/\.ts$/, ".js")}` } } : {}),
    files: ["esm/", "script/", "src/", "README.md", "LICENSE"],
    engines: { node: ">=22.12" },
    sideEffects: false,
    dependencies: {},
  };
  await Deno.writeTextFile(join(NPM_DIR, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
}

/**
 * Fails unless `npm pack` would publish exactly package.json, README.md, LICENSE and
 * compiled `.js`/`.d.ts`/`.d.ts.map` files under esm/ and script/, and the sources under
 * src/ (no test, no fixture, no script), including every file that package.json points at.
 */
async function checkPackList(): Promise<void> {
  const out = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: NPM_DIR,
    quiet: true,
  });
  const files: string[] = JSON.parse(out)[0].files.map((f: { path: string }) => f.path);
  const allowed = (path: string) =>
    ["package.json", "README.md", "LICENSE", "script/package.json"].includes(path) ||
    (/^(esm|script)\/.+(?<!\.d)\.js$|^(esm|script)\/.+\.d\.ts(\.map)?$|^src\/.+\.ts$/.test(path) &&
      !/(^|\/)(tests?|fixtures?|test_node\w*|scripts)\/|[_.]test\.(d\.ts(\.map)?|js|ts)$/.test(
        path,
      ));
  const bad = files.filter((f) => !allowed(f));
  const needed = entries.flatMap(({ file }) => {
    const [js, dts] = [file.replace(/\.ts$/, ".js"), file.replace(/\.ts$/, ".d.ts")];
    return [`esm/${js}`, `esm/${dts}`, `script/${js}`, `script/${dts}`];
  });
  if (hasBin) needed.push(`esm/${BIN.source.replace(/\.ts$/, ".js")}`);
  const missing = needed.filter((f) => !files.includes(f));
  if (bad.length > 0 || missing.length > 0) {
    throw new Error(
      `npm pack would publish the wrong files:\n  unexpected: ${bad.join(", ") || "none"}` +
        `\n  missing: ${missing.join(", ") || "none"}`,
    );
  }
  console.log(`npm: npm pack lists ${files.length} files, no tests, fixtures or scripts`);
}

/** A test tree: the tests of tests/, transpiled to import one build of the package. */
interface TestTree {
  /** Where it is written: npm/test_node/ (ES build) or npm/test_node_cjs/ (CommonJS build). */
  dir: string;
  /** The build the tests import: `esm` or `script` (CommonJS). */
  build: "esm" | "script";
}

/**
 * Transpiles tests/ into `tree.dir`/tests/ so that they import the built package,
 * copies what they read (fixtures, JSON they import), and writes the runner and its
 * manifest. The test files stay ES modules in both trees; in the CommonJS tree every
 * import of the package reaches `script/` (Node's ES-imports-CommonJS interop: the
 * package's own modules `require` each other). A test file that imports a module only
 * the ES build has (the CLI, which ships as the ES-module bin) is left out of the
 * CommonJS tree, with that reason. Returns the number of test files.
 */
async function buildNodeTests(tree: TestTree): Promise<number> {
  const testsDir = join(ROOT, "tests");
  const skip: SkipList = JSON.parse(
    await Deno.readTextFile(join(ROOT, "scripts/node_skip.json")),
  );
  const testFiles: string[] = [];
  const skipFiles: Record<string, string> = {};
  const skipped = new Set<string>();
  /** Per transpiled file of tests/: the tests/ files it imports, the ES-only modules. */
  const graph = new Map<string, { local: string[]; esmOnly: string[] }>();
  for (const source of await walk(testsDir)) {
    const rel = relative(ROOT, source);
    const out = join(tree.dir, rel);
    await Deno.mkdir(dirname(out), { recursive: true });
    if (!/\.(m?ts|tsx)$/.test(source) || source.endsWith(".d.ts")) {
      await Deno.copyFile(source, out);
      continue;
    }
    const outJs = out.replace(/\.(m?)tsx?$/, ".$1js");
    const imports = { local: [] as string[], esmOnly: [] as string[] };
    graph.set(source, imports);
    await Deno.writeTextFile(outJs, await transpileTest(source, outJs, tree, imports));
    if (!TEST_FILE.test(basename(source))) continue;
    const relJs = relative(tree.dir, outJs);
    testFiles.push(relJs);
    const inTests = relative(testsDir, source);
    const reason = skip.files[inTests];
    if (reason !== undefined) {
      skipFiles[relJs] = reason;
      skipped.add(inTests);
    }
  }
  const stale = Object.keys(skip.files).filter((f) => !skipped.has(f));
  if (stale.length > 0) {
    throw new Error(`scripts/node_skip.json names test files that do not exist: ${stale}`);
  }
  for (const relJs of testFiles) {
    const esmOnly = esmOnlyImports(join(tree.dir, relJs), tree, graph);
    if (esmOnly.length > 0 && skipFiles[relJs] === undefined) {
      skipFiles[relJs] = `imports ${esmOnly.join(", ")}, which the package ships as ES ` +
        "modules only (the aio-asyncio bin): it runs in the ES-module tree";
    }
  }
  const runner = await Deno.readTextFile(join(ROOT, "scripts/node_test_runner.ts"));
  await Deno.writeTextFile(join(tree.dir, "runner.js"), transpile(runner, "runner.ts"));
  await Deno.writeTextFile(join(tree.dir, "package.json"), '{ "type": "module" }\n');
  const manifest = { files: testFiles.sort(), skip: { files: skipFiles, tests: skip.tests } };
  await Deno.writeTextFile(join(tree.dir, "manifest.json"), JSON.stringify(manifest, null, 2));
  return testFiles.length;
}

/** The ES-only modules (paths in the project) a transpiled test file reaches. */
function esmOnlyImports(
  testJs: string,
  tree: TestTree,
  graph: Map<string, { local: string[]; esmOnly: string[] }>,
): string[] {
  const source = join(ROOT, relative(tree.dir, testJs)).replace(/\.(m?)js$/, ".$1ts");
  const found = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const node = graph.get(file);
    if (node === undefined) return;
    for (const m of node.esmOnly) found.add(m);
    for (const local of node.local) visit(local);
  };
  visit(source);
  return [...found].sort();
}

/** One test file (or test helper) as Node ES module JavaScript. */
async function transpileTest(
  source: string,
  outJs: string,
  tree: TestTree,
  imports: { local: string[]; esmOnly: string[] },
): Promise<string> {
  const text = await Deno.readTextFile(source);
  const copies: string[] = [];
  const map = (specifier: string): string => {
    const fromImportMap = config.imports?.[specifier];
    if (fromImportMap !== undefined) specifier = devDependency(fromImportMap) ?? fromImportMap;
    if (specifier.startsWith("jsr:")) {
      throw new Error(`${relative(ROOT, source)}: jsr: imports cannot run under Node`);
    }
    if (specifier.startsWith("npm:")) {
      // npm:@scope/name@1.2.3/sub -> @scope/name/sub
      return specifier.slice(4).replace(/^(@[^/]+\/[^@/]+|[^@/]+)@[^/]+/, "$1");
    }
    const self = specifier === config.name
      ? "."
      : specifier.startsWith(`${config.name}/`)
      ? `.${specifier.slice(config.name.length)}`
      : undefined;
    if (self !== undefined) {
      const entry = entries.find((e) => e.subpath === self);
      if (entry === undefined) throw new Error(`${specifier} is not an export of deno.json`);
      return packageFile(join(ROOT, entry.file));
    }
    if (!/^\.\.?\//.test(specifier)) return specifier;
    const target = resolve(dirname(source), specifier);
    const inTests = !relative(join(ROOT, "tests"), target).startsWith("..");
    if (/\.(m?ts|tsx)$/.test(target)) {
      if (!inTests) return packageFile(target);
      imports.local.push(target);
      return tsToJs(specifier);
    }
    if (!inTests) copies.push(target); // say ../deno.json: copied to the same place
    return specifier;
  };
  const packageFile = (target: string): string => {
    const inBuild = (build: string) =>
      join(NPM_DIR, build, relative(ROOT, target)).replace(/\.(m?)tsx?$/, ".$1js");
    let built = inBuild(tree.build);
    if (!existsSync(built) && tree.build === "script") {
      imports.esmOnly.push(relative(ROOT, target));
      built = inBuild("esm");
    }
    if (!existsSync(built)) {
      throw new Error(
        `${relative(ROOT, source)} imports ${relative(ROOT, target)}, which the package lacks`,
      );
    }
    const spec = relative(dirname(outJs), built);
    return spec.startsWith(".") ? spec : `./${spec}`;
  };
  let js = transpile(text, source, map);
  for (const file of copies) {
    const to = join(tree.dir, relative(ROOT, file));
    await Deno.mkdir(dirname(to), { recursive: true });
    await Deno.copyFile(file, to);
  }
  // Deno.test comes from the shim, as in dnt: a module binding that shadows the global.
  if (/\bDeno\b/.test(text)) js = `import { Deno } from "@deno/shim-deno-test";\n${js}`;
  return js;
}

/**
 * The `npm:` specifier behind an import-map entry that points at a module of
 * `scripts/deps/` (each re-exports one dev-only npm package), or `undefined`.
 */
function devDependency(target: string): string | undefined {
  if (!target.startsWith("./scripts/deps/")) return undefined;
  const text = Deno.readTextFileSync(join(ROOT, target));
  const npm = text.match(/from "(npm:[^"]+)"/)?.[1];
  if (npm === undefined) throw new Error(`${target} re-exports no npm: package`);
  return npm;
}

/**
 * Installs into node_modules/ (deno.json's `nodeModulesDir`) the dev packages the
 * transpiled tests import under Node and Bun: the test shim and the fake timers.
 */
async function installTestPackages(): Promise<void> {
  const entries = Object.values(config.imports ?? {}).filter((t) => devDependency(t) !== undefined)
    .filter((t) => !t.endsWith("/typescript.ts"));
  await run(Deno.execPath(), [
    "install",
    "--lock=deno.lock",
    "--quiet",
    "--entrypoint",
    ...entries,
  ]);
}

function existsSync(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** TypeScript to ES2022 module JavaScript without type checking (Deno checks tests). */
function transpile(text: string, fileName: string, map?: (s: string) => string): string {
  const result = ts.transpileModule(text, {
    fileName,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      newLine: ts.NewLineKind.LineFeed,
    },
    ...(map === undefined ? {} : { transformers: { after: [specifierTransformer(map)] } }),
  });
  return result.outputText;
}

/** Every file under `dir` (sorted), or only those ending with `ext`. */
async function walk(dir: string, ext = ""): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) found.push(...await walk(path, ext));
    else if (path.endsWith(ext)) found.push(path);
  }
  return found.sort();
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

// The build.
const start = performance.now();
await Deno.remove(NPM_DIR, { recursive: true }).catch((e) => {
  if (!(e instanceof Deno.errors.NotFound)) throw e;
});

// The library: every export, Web-standard types only. It is the CommonJS build.
const libraryFiles = entries.map((e) => join(ROOT, e.file));
compile(libraryFiles, "script", ts.ModuleKind.CommonJS, []);
// The ES build holds every src/ file (tests may import any of them) and the CLI.
const esmFiles = [...new Set([...libraryFiles, ...(await walk(join(ROOT, "src"), ".ts"))])];
compile(esmFiles, "esm", ts.ModuleKind.ESNext, ["node"]);
await Deno.writeTextFile(join(NPM_DIR, "script/package.json"), '{ "type": "commonjs" }\n');
if (hasBin) await makeBin(join(NPM_DIR, "esm", BIN.source.replace(/\.ts$/, ".js")));
const shipped = await shipSources();
await writePackageJson();
for (const file of ["README.md", "LICENSE"]) {
  if (await exists(join(ROOT, file))) await Deno.copyFile(join(ROOT, file), join(NPM_DIR, file));
  else console.warn(`npm: warning: ${file} is missing, the package goes without it`);
}
await checkPackList();
done(
  `built ${config.name}@${config.version} in npm/ (${shipped} TypeScript sources in src/)`,
  start,
);

const testStart = performance.now();
await installTestPackages();
const testCount = await buildNodeTests({ dir: TEST_DIR, build: "esm" });
await buildNodeTests({ dir: TEST_DIR_CJS, build: "script" });
done(`transpiled ${testCount} test files into npm/test_node/ and npm/test_node_cjs/`, testStart);
