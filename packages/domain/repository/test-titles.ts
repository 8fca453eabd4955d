/**
 * The titles of every test in the repository, read from the source (TypeScript's parser, no
 * running): the first argument of each `it`, `test` or `describe` call — `.each(…)`, `.skip`,
 * `test.describe.serial` and the like included — when it is a string or a template (its
 * fixed parts). Titles built from `.each` tables are caught too: any string in a test file
 * that starts with a clause tag ("[P-08] consent ledger") counts as a title.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import ts from "typescript";

export const REPOSITORY_ROOT = join(import.meta.dirname, "..", "..", "..");

/** Folders that hold no test source of ours. */
const SKIPPED = new Set(["node_modules", "dist", "generated", ".turbo", "test-results"]);

const isTestFile = (path: string) =>
  /\.test\.tsx?$/.test(path) || (path.split(sep).includes("e2e") && /\.spec\.ts$/.test(path));

function walk(folder: string, found: string[]): void {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || SKIPPED.has(entry.name)) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) walk(path, found);
    else if (isTestFile(path)) found.push(path);
  }
}

/** Every test file of the apps, the packages and the browser suite, relative to the root. */
export function testFiles(root: string = REPOSITORY_ROOT): string[] {
  const found: string[] = [];
  for (const parent of ["apps", "packages"]) {
    for (const entry of readdirSync(join(root, parent), { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(root, parent, entry.name), found);
    }
  }
  walk(join(root, "e2e", "tests"), found);
  return found.map((path) => relative(root, path)).sort();
}

const TEST_FUNCTIONS = new Set(["it", "test", "describe"]);

/** `it`, `it.skip`, `it.each(rows)`, `test.describe.serial` → the identifier they start from. */
function calledName(callee: ts.Expression): string | null {
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return calledName(callee.expression);
  if (ts.isCallExpression(callee)) return calledName(callee.expression);
  return null;
}

/** A string's text, or a template's fixed parts joined by spaces; null for anything else. */
function literalText(node: ts.Node | undefined): string | null {
  if (!node) return null;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(" ");
  }
  return null;
}

/** The titles in one file's source (the file name only picks the parser's dialect). */
export function titlesIn(fileName: string, source: string): string[] {
  const kind = fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, kind);
  const titles: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const name = calledName(node.expression);
      const title = literalText(node.arguments[0]);
      if (name !== null && TEST_FUNCTIONS.has(name) && title !== null) titles.push(title);
    } else if (
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) &&
      /^\s*\[P-\d{2}\]/.test(node.text) &&
      !isFirstArgumentOfTestCall(node)
    ) {
      titles.push(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return titles;
}

function isFirstArgumentOfTestCall(node: ts.Node): boolean {
  const parent = node.parent;
  if (!parent || !ts.isCallExpression(parent) || parent.arguments[0] !== node) return false;
  const name = calledName(parent.expression);
  return name !== null && TEST_FUNCTIONS.has(name);
}

export interface TestTitle {
  readonly file: string;
  readonly title: string;
}

/** Every title in every test file of the repository. */
export function testTitles(root: string = REPOSITORY_ROOT): TestTitle[] {
  return testFiles(root).flatMap((file) =>
    titlesIn(file, readFileSync(join(root, file), "utf8")).map((title) => ({ file, title })),
  );
}
