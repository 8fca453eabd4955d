/**
 * The API's layering, checked (ARCHITECTURE.md, "Layers"). Every import in a source file points
 * down the list below or stays in its own layer; a module imports another module only through
 * that module's public.ts; and no two files import each other, however indirectly (an ESM
 * cycle among decorated classes breaks at runtime: a class is read before it is defined).
 *
 * Tests and test-support may import anything; source may not import them. Type-only imports
 * count like any other: a lower layer that needs a higher one's shape declares the shape.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/** Top to bottom. A path is a folder (ending in "/") or a file, relative to src/. */
const LAYERS: ReadonlyArray<{ readonly name: string; readonly paths: readonly string[] }> = [
  // Puts the parts together: the process, the HTTP server and its plugins, the schema.
  { name: "composition", paths: ["main.ts", "server/", "schema/", "telemetry/"] },
  // Features, one folder each; see the module rule below.
  { name: "modules", paths: ["modules/"] },
  // What many modules share: who may call, paging, input rules.
  { name: "shared", paths: ["guards/", "pagination/", "validation/"] },
  // The per-request context: who asks, the operation, loaders.
  { name: "context", paths: ["context/"] },
  // Field-level privacy: the decision inputs, the gate, the recorder, @Personal.
  { name: "privacy", paths: ["privacy/"] },
  // Needs nothing above it: HTTP details, the error table, settings, the log, the enums.
  {
    name: "foundation",
    paths: ["http/", "errors/", "config.ts", "log/", "vocabulary/"],
  },
];

/** A module's surface for other modules and for composition. */
const PUBLIC_FILE = "public.ts";
/** A module's resolver classes: for schema/resolvers.ts alone. */
const RESOLVERS_FILE = "resolvers.ts";

const SRC = dirname(fileURLToPath(import.meta.url));

function isTestCode(file: string): boolean {
  return file.endsWith(".test.ts") || file.startsWith("test-support/");
}

function layerIndex(file: string): number {
  return LAYERS.findIndex((layer) =>
    layer.paths.some((path) => (path.endsWith("/") ? file.startsWith(path) : file === path)),
  );
}

/** "modules/consent/record-consent.ts" → "consent". */
function moduleOf(file: string): string | null {
  const match = /^modules\/([^/]+)\//.exec(file);
  return match?.[1] ?? null;
}

/** One import of one file: who imports, the text as written, the file it names. */
interface Import {
  readonly from: string;
  readonly specifier: string;
  readonly to: string;
}

/** Every relative import of a file (static, re-export, side-effect, dynamic, type-only). */
function importsOf(file: string, source: string): Import[] {
  const { importedFiles } = ts.preProcessFile(source, true, true);
  return importedFiles
    .map((imported) => imported.fileName)
    .filter((specifier) => specifier.startsWith("."))
    .map((specifier) => ({
      from: file,
      specifier,
      to: posix.normalize(posix.join(posix.dirname(file), specifier)).replace(/\.js$/, ".ts"),
    }));
}

/** Why an import breaks the layering, or null when it is allowed. */
function ruleBroken({ from, to }: Import): string | null {
  if (isTestCode(from)) return null;
  if (isTestCode(to)) return `source may not import test code (${to})`;
  const fromLayer = layerIndex(from);
  const toLayer = layerIndex(to);
  if (toLayer === -1) return `${to} is in no layer: add its folder to LAYERS`;
  if (toLayer < fromLayer) {
    return `imports point down: ${LAYERS[fromLayer]?.name} may not import ${LAYERS[toLayer]?.name} (${to})`;
  }
  const target = moduleOf(to);
  if (target === null || target === moduleOf(from)) return null;
  const file = to.slice(`modules/${target}/`.length);
  if (file === PUBLIC_FILE) return null;
  if (file === RESOLVERS_FILE && from === "schema/resolvers.ts") return null;
  return `another module's files are its own: import modules/${target}/${PUBLIC_FILE}, not ${to}`;
}

/** Each import cycle among `files`, as the chain of files that closes it. */
function cyclesAmong(imports: readonly Import[]): string[][] {
  const edges = new Map<string, string[]>();
  for (const { from, to } of imports) edges.set(from, [...(edges.get(from) ?? []), to]);
  // Tarjan's strongly connected components; a component of more than one file is a cycle.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file) ?? 0);
    stack.push(file);
    onStack.add(file);
    for (const next of edges.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1 || edges.get(file)?.includes(file)) components.push(component);
    }
  };
  for (const file of edges.keys()) if (!index.has(file)) visit(file);
  // Shown as the shortest way round each component from its first file in name order.
  return components.map((component) => {
    const members = new Set(component);
    const start = [...component].sort()[0] ?? "";
    const cameFrom = new Map<string, string>();
    const queue = [start];
    while (queue.length > 0) {
      const at = queue.shift() ?? start;
      const next = (edges.get(at) ?? []).filter((to) => members.has(to)).sort();
      if (next.includes(start)) {
        const path = [start];
        for (let step: string | undefined = at; step !== undefined && step !== start; ) {
          path.splice(1, 0, step);
          step = cameFrom.get(step);
        }
        return [...path, start];
      }
      for (const to of next) {
        if (cameFrom.has(to) || to === start) continue;
        cameFrom.set(to, at);
        queue.push(to);
      }
    }
    return [...component, start];
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [relative(SRC, path).split("\\").join("/")] : [];
  });
}

const files = sourceFiles(SRC);
const sources = files.filter((file) => !isTestCode(file));
const imports = sources.flatMap((file) => importsOf(file, readFileSync(join(SRC, file), "utf8")));

describe("the API's layering", () => {
  it("finds the source to check", () => {
    expect(sources.length).toBeGreaterThan(250);
    expect(imports.length).toBeGreaterThan(700);
  });

  it("gives every source file a layer", () => {
    const unplaced = sources.filter((file) => layerIndex(file) === -1);
    expect(unplaced, "add their folders to LAYERS in architecture.test.ts").toEqual([]);
  });

  it("has every import point down, and reach another module only through its public.ts", () => {
    const broken = imports.flatMap((imported) => {
      const rule = ruleBroken(imported);
      return rule ? [`${imported.from} imports "${imported.specifier}": ${rule}`] : [];
    });
    expect(broken).toEqual([]);
  });

  it("keeps each module's public.ts to re-exports of its own files", () => {
    const publicFiles = sources.filter((file) => file.endsWith(`/${PUBLIC_FILE}`));
    expect(publicFiles.length).toBeGreaterThan(5);
    const problems = publicFiles.flatMap((file) => {
      const source = ts.createSourceFile(
        file,
        readFileSync(join(SRC, file), "utf8"),
        ts.ScriptTarget.Latest,
      );
      return source.statements.flatMap((statement) => {
        const specifier =
          ts.isExportDeclaration(statement) && statement.moduleSpecifier
            ? (statement.moduleSpecifier as ts.StringLiteral).text
            : null;
        if (specifier?.startsWith("./") && !specifier.slice(2).includes("/")) return [];
        const text = statement.getText(source).split("\n")[0];
        return [`${file}: "${text}" — a public.ts only re-exports its module's own files`];
      });
    });
    expect(problems).toEqual([]);
  });

  it("has no import cycles between files", () => {
    const cycles = cyclesAmong(imports).map((cycle) => cycle.join(" → "));
    expect(cycles).toEqual([]);
  });
});

describe("the layering check itself", () => {
  const edge = (from: string, specifier: string) => importsOf(from, `import "${specifier}";`)[0];
  const broken = (from: string, specifier: string) => {
    const imported = edge(from, specifier);
    return imported ? ruleBroken(imported) : "no import";
  };

  it("reads every kind of relative import, and ignores packages and comments", () => {
    const found = importsOf(
      "privacy/x.ts",
      [
        `import type { A } from "./a.js";`,
        `import { B } from "../errors/b.js";`,
        `import "./c.js";`,
        `export { D } from "./d.js";`,
        `const e = await import("./e.js");`,
        `import { z } from "graphql";`,
        `// import { f } from "./f.js";`,
      ].join("\n"),
    ).map((imported) => imported.to);
    expect(found).toEqual([
      "privacy/a.ts",
      "errors/b.ts",
      "privacy/c.ts",
      "privacy/d.ts",
      "privacy/e.ts",
    ]);
  });

  it("refuses an import up the layers and allows one down or within a layer", () => {
    expect(broken("privacy/plugin.ts", "../context/context.js")).toMatch(
      "privacy may not import context",
    );
    expect(broken("http/x.ts", "../server/logger.js")).toMatch(
      "foundation may not import composition",
    );
    expect(broken("context/create-context.ts", "../modules/consent/public.js")).toMatch(
      "context may not import modules",
    );
    expect(broken("context/create-context.ts", "../privacy/request-privacy.js")).toBeNull();
    expect(broken("pagination/cursor.ts", "../validation/validate-id.js")).toBeNull();
    expect(broken("server/create-server.ts", "./limits.js")).toBeNull();
  });

  it("lets a module reach another only through its public.ts, and its resolvers only from the schema", () => {
    expect(broken("modules/audit/x.ts", "../staff/access-log-entry.type.js")).toMatch(
      "import modules/staff/public.ts, not modules/staff/access-log-entry.type.ts",
    );
    expect(broken("modules/audit/x.ts", "../staff/public.js")).toBeNull();
    expect(broken("modules/audit/x.ts", "./y.js")).toBeNull();
    expect(broken("server/create-server.ts", "../modules/email/email-delivery.js")).toMatch(
      "import modules/email/public.ts",
    );
    expect(broken("schema/resolvers.ts", "../modules/email/resolvers.js")).toBeNull();
    expect(broken("modules/audit/x.ts", "../email/resolvers.js")).toMatch("another module's");
  });

  it("keeps test code out of source, and lets tests import anything", () => {
    expect(broken("modules/email/x.ts", "../../test-support/api.js")).toMatch(
      "source may not import test code",
    );
    expect(broken("privacy/x.test.ts", "../server/create-server.js")).toBeNull();
    expect(broken("test-support/api.ts", "../modules/staff/validate-id.js")).toBeNull();
  });

  it("names a file in no layer", () => {
    expect(broken("main.ts", "./stray/x.js")).toMatch("stray/x.ts is in no layer");
  });

  it("finds a cycle however long, and shows it as a path", () => {
    const chain = ["a.ts", "b.ts", "c.ts"].map((from, i, all) => ({
      from,
      specifier: "",
      to: all[(i + 1) % all.length] ?? "",
    }));
    expect(cyclesAmong([...chain, { from: "c.ts", specifier: "", to: "d.ts" }])).toEqual([
      ["a.ts", "b.ts", "c.ts", "a.ts"],
    ]);
    expect(cyclesAmong(chain.slice(0, 2))).toEqual([]);
  });
});
