/**
 * Adds apps to a config file's text, keeping the rest of it as written (`push import` adds the apps it imports
 * from). TypeScript and JavaScript through ts-morph, which edits the syntax tree and leaves comments and layout
 * alone; YAML through the `yaml` document model, which keeps comments; JSON re-indented by two (it has no
 * comments to keep). Pure: text in, text out.
 */
import type { ObjectLiteralExpression, SourceFile } from "ts-morph";

/** An app as the config writes it (`{ provider: "emas", appKey: 233586006 }`). */
export type AppEntry = { provider: "emas"; appKey: number } | { provider: "mpaas"; appId: string; workspaceId: string };

export type EditResult = { text: string } | { problem: string };

export async function addApps(filepath: string, text: string, apps: Record<string, AppEntry>): Promise<EditResult> {
  if (/\.(c|m)?(t|j)s$/.test(filepath)) return addToScript(filepath, text, apps);
  if (filepath.endsWith(".json")) return addToJson(text, apps, filepath.endsWith("package.json") ? "push" : null);
  return addToYaml(text, apps);
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** An app as an object literal in the config's style: `{ provider: "emas", appKey: 233586006 }`. */
export function appLiteral(entry: AppEntry): string {
  return `{ ${Object.entries(entry)
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
    .join(", ")} }`;
}

/** A script config's exported object, and its `apps` when written as an object literal (undefined: none, or not a literal). */
async function configObject(filepath: string, text: string) {
  const morph = await import("ts-morph");
  const project = new morph.Project({ useInMemoryFileSystem: true, compilerOptions: { allowJs: true } });
  const config = exportedObject(morph.Node, project.createSourceFile(filepath.replace(/^.*[\\/]/, ""), text));
  const property = config?.getProperty("apps");
  const apps = property && morph.Node.isPropertyAssignment(property) ? objectIn(morph.Node, property.getInitializer()) : undefined;
  return { Node: morph.Node, config, property, apps };
}

async function addToScript(filepath: string, text: string, apps: Record<string, AppEntry>): Promise<EditResult> {
  const { config, property, apps: list } = await configObject(filepath, text);
  if (!config) return { problem: "no exported object literal was found (export default defineConfig({ ... }), or export default { ... })" };
  const entries = Object.entries(apps).map(([name, entry]) => `${IDENTIFIER.test(name) ? name : JSON.stringify(name)}: ${appLiteral(entry)}`);
  if (!property) {
    const last = config.getProperties().at(-1);
    const inner = last ? lineIndent(text, last.getStart()) : `${lineIndent(text, config.getStart())}  `;
    const oneLine = !text.slice(config.getStart(), config.getEnd()).includes("\n");
    const written = oneLine ? `apps: { ${entries.join(", ")} }` : `apps: {\n${entries.map((e) => `${inner}  ${e},`).join("\n")}\n${inner}}`;
    return { text: insertProperties(text, config, [written]) };
  }
  if (!list) return { problem: "its `apps` is not written as an object literal ({ shop: { ... } })" };
  return { text: insertProperties(text, list, entries) };
}

/**
 * The apps a TypeScript or JavaScript config writes as literals, name -> provider (`push init` adds only the
 * providers it lacks); null when no exported object literal is found.
 */
export async function appsIn(filepath: string, text: string): Promise<Record<string, string> | null> {
  const { Node, config, apps } = await configObject(filepath, text);
  if (!config) return null;
  const out: Record<string, string> = {};
  for (const app of apps?.getProperties() ?? []) {
    if (!Node.isPropertyAssignment(app)) continue;
    const provider = objectIn(Node, app.getInitializer())?.getProperty("provider");
    const value = provider && Node.isPropertyAssignment(provider) ? provider.getInitializer() : undefined;
    if (value && Node.isStringLiteral(value)) out[app.getName().replace(/^["']|["']$/g, "")] = value.getLiteralValue();
  }
  return out;
}

/**
 * `text` with `entries` added after the object's last property, each on a line of its own indented as that one
 * is, in the object's comma style; a comment after the last property stays on its line. Text is spliced, so
 * nothing else of the file moves.
 */
function insertProperties(text: string, object: ObjectLiteralExpression, entries: string[]): string {
  const last = object.getProperties().at(-1);
  if (!last) {
    const indent = lineIndent(text, object.getStart());
    return `${text.slice(0, object.getStart())}{\n${entries.map((e) => `${indent}  ${e},`).join("\n")}\n${indent}}${text.slice(object.getEnd())}`;
  }
  const end = last.getEnd();
  const lineEnd = text.indexOf("\n", end);
  const rest = lineEnd === -1 ? "" : text.slice(end, lineEnd);
  // The object closes on the last property's line (`{ a: 1 }`): add inline.
  if (lineEnd === -1 || lineEnd > object.getEnd() - 1) return `${text.slice(0, end)}${entries.map((e) => `, ${e}`).join("")}${text.slice(end)}`;
  const indent = lineIndent(text, last.getStart());
  if (rest.trimStart().startsWith(",")) return `${text.slice(0, lineEnd)}${entries.map((e) => `\n${indent}${e},`).join("")}${text.slice(lineEnd)}`;
  return `${text.slice(0, end)},${text.slice(end, lineEnd)}${entries.map((e) => `\n${indent}${e}`).join(",")}${text.slice(lineEnd)}`;
}

/** The whitespace that starts the line `position` is on. */
function lineIndent(text: string, position: number): string {
  const start = text.lastIndexOf("\n", position - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

type NodeClass = typeof import("ts-morph").Node;

/** The object literal an expression is: itself, the first argument of a call (defineConfig), inside `as`, `satisfies` or parentheses, or a const's. */
function objectIn(Node: NodeClass, node: import("ts-morph").Node | undefined): ObjectLiteralExpression | undefined {
  if (!node) return undefined;
  if (Node.isObjectLiteralExpression(node)) return node;
  if (Node.isCallExpression(node)) return objectIn(Node, node.getArguments()[0]);
  if (Node.isAsExpression(node) || Node.isSatisfiesExpression(node) || Node.isParenthesizedExpression(node)) return objectIn(Node, node.getExpression());
  if (Node.isIdentifier(node)) {
    const declaration = node.getDefinitionNodes().find((d) => Node.isVariableDeclaration(d));
    return declaration && Node.isVariableDeclaration(declaration) ? objectIn(Node, declaration.getInitializer()) : undefined;
  }
  return undefined;
}

/** The config object: `export default ...`, or `module.exports = ...`. */
function exportedObject(Node: NodeClass, file: SourceFile): ObjectLiteralExpression | undefined {
  const assignment = file.getExportAssignment((e) => !e.isExportEquals());
  if (assignment) return objectIn(Node, assignment.getExpression());
  for (const statement of file.getStatements()) {
    if (!Node.isExpressionStatement(statement)) continue;
    const expression = statement.getExpression();
    if (Node.isBinaryExpression(expression) && expression.getLeft().getText() === "module.exports") return objectIn(Node, expression.getRight());
  }
  return undefined;
}

function addToJson(text: string, apps: Record<string, AppEntry>, under: string | null): EditResult {
  const value = JSON.parse(text) as Record<string, unknown>;
  const config = (under ? ((value[under] ??= {}) as Record<string, unknown>) : value) as { apps?: Record<string, unknown> };
  config.apps = { ...(config.apps ?? {}), ...apps };
  return { text: `${JSON.stringify(value, null, 2)}\n` };
}

async function addToYaml(text: string, apps: Record<string, AppEntry>): Promise<EditResult> {
  const { parseDocument } = await import("yaml");
  const document = parseDocument(text);
  for (const [name, entry] of Object.entries(apps)) document.setIn(["apps", name], document.createNode(entry));
  return { text: String(document) };
}
