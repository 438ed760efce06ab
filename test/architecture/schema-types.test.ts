/**
 * The JSON Schemas in schemas/ and the hand-written TypeScript types they describe are kept in step: every object
 * the schema spells out has the same property names as its type, and a property the schema requires is one the
 * type does not mark optional (and the other way round). Read from the types by the TypeScript compiler, so a
 * property added to one and not the other fails here.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  $ref?: string;
  $defs?: Record<string, Schema>;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Array<{ if?: { properties: Record<string, { const: string }> }; then?: Schema }>;
}

/** Provider request bodies are spelled out only as far as apply reads them: checked one way (the schema's names exist). */
const PARTIAL = /\.request$/;

const ROOT = resolve(import.meta.dirname, "../..");
const schemaOf = (name: string) => JSON.parse(readFileSync(resolve(ROOT, "schemas", name), "utf8")) as Schema;
const program = ts.createProgram([resolve(ROOT, "src/model/campaign.ts"), resolve(ROOT, "src/model/plan.ts")], { strict: true, noEmit: true });
const checker = program.getTypeChecker();

/** An exported type of a model module, by name. */
function typeNamed(file: string, name: string): ts.Type {
  const source = program.getSourceFile(resolve(ROOT, file))!;
  const symbol = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!).find((s) => s.name === name);
  if (!symbol) throw new Error(`${file} exports no ${name}`);
  return checker.getDeclaredTypeOfSymbol(symbol);
}

/** The object types a type stands for: a union's members, an array's element, nullish left out. */
function objectParts(type: ts.Type): ts.Type[] {
  const parts = type.isUnion() ? type.types : [type];
  return parts.flatMap((t) => {
    if (checker.isArrayType(t)) return objectParts(checker.getTypeArguments(t as ts.TypeReference)[0]!);
    return t.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection) ? [t] : [];
  });
}

interface Property {
  optional: boolean;
  type: ts.Type;
}

/** The properties of an object type, over every member of a union: optional when some member lacks or marks it so. */
function propertiesOf(type: ts.Type): Map<string, Property> {
  const parts = objectParts(type);
  const out = new Map<string, Property>();
  for (const part of parts) {
    for (const symbol of checker.getPropertiesOfType(part)) {
      const optional = (symbol.flags & ts.SymbolFlags.Optional) !== 0 || parts.some((p) => !checker.getPropertyOfType(p, symbol.name));
      const prior = out.get(symbol.name);
      out.set(symbol.name, { optional: optional || (prior?.optional ?? false), type: checker.getTypeOfSymbol(symbol) });
    }
  }
  return out;
}

/** A schema with its `$ref` taken in: the definition's properties and required names, and its own beside them. */
function resolved(schema: Schema, root: Schema): Schema {
  if (!schema.$ref) return schema;
  const def = root.$defs![schema.$ref.replace("#/$defs/", "")]!;
  return {
    ...def,
    ...schema,
    $ref: undefined,
    properties: def.properties || schema.properties ? { ...def.properties, ...schema.properties } : undefined,
    required: [...(def.required ?? []), ...(schema.required ?? [])],
  };
}

/** A schema and a `then` branch as one: their properties and required names together. */
const merged = (base: Schema, then: Schema, root: Schema): Schema => {
  const branch = resolved(then, root);
  return {
    ...base,
    allOf: undefined,
    properties: { ...base.properties, ...branch.properties },
    required: [...(base.required ?? []), ...(branch.required ?? [])],
  };
};

/**
 * A union told apart by one property (`kind`, `provider`) and an `allOf` of `if`/`then` branches on it: each member
 * of the type is held to the schema with its branch; null when the schema has no such branches.
 */
function branched(node: Schema, type: ts.Type, path: string, root: Schema, out: string[]): string[] | null {
  const branches = (node.allOf ?? []).filter((b) => b.if && b.then);
  if (!branches.length) return null;
  for (const branch of branches) {
    const [name, { const: value }] = Object.entries(branch.if!.properties)[0]!;
    const members = objectParts(type).filter((t) => {
      const prop = checker.getPropertyOfType(t, name);
      return prop && checker.typeToString(checker.getTypeOfSymbol(prop)) === JSON.stringify(value);
    });
    if (!members.length) out.push(`${path}: the schema has a branch ${name}=${value}, the type no member with it`);
    for (const member of members) disagreements(merged(node, branch.then!, root), member, `${path}(${value})`, root, out);
  }
  const name = Object.keys(branches[0]!.if!.properties)[0]!;
  const values = new Set(branches.map((b) => JSON.stringify(b.if!.properties[name]!.const)));
  for (const member of objectParts(type)) {
    const prop = checker.getPropertyOfType(member, name);
    const value = prop && checker.typeToString(checker.getTypeOfSymbol(prop));
    if (value && !values.has(value)) out.push(`${path}: the type has a member ${name}=${JSON.parse(value)}, the schema no branch for it`);
  }
  return out;
}

/** Where the schema and the type disagree, as `path: what`, walking every object the schema spells out. */
function disagreements(schema: Schema, type: ts.Type, path: string, root: Schema, out: string[] = []): string[] {
  const node = resolved(schema, root);
  const element = node.items ?? (node.oneOf ?? node.anyOf)?.find((s) => s.properties || s.items);
  if (!node.properties) return element ? disagreements(element, type, `${path}[]`, root, out) : out;
  if (branched(node, type, path, root, out)) return out;
  const props = propertiesOf(type);
  const required = new Set(node.required ?? []);
  for (const name of Object.keys(node.properties)) if (!props.has(name)) out.push(`${path}.${name}: in the schema, not in the type`);
  for (const [name, prop] of props) {
    const sub = node.properties[name];
    if (!sub) {
      if (!PARTIAL.test(path)) out.push(`${path}.${name}: in the type, not in the schema`);
      continue;
    }
    if (required.has(name) === prop.optional)
      out.push(`${path}.${name}: ${required.has(name) ? "required by the schema, optional in the type" : "optional in the schema, required by the type"}`);
    if (objectParts(prop.type).length) disagreements(sub, prop.type, `${path}.${name}`, root, out);
  }
  return out;
}

describe("schemas and the types they describe", () => {
  it("campaign.schema.json is the Campaign type (src/model/campaign.ts)", () => {
    const schema = schemaOf("campaign.schema.json");
    expect(disagreements(schema, typeNamed("src/model/campaign.ts", "Campaign"), "campaign", schema)).toEqual([]);
  });

  it("plan.schema.json is the Plan type (src/model/plan.ts), down to its operations' tasks and prior records", () => {
    const schema = schemaOf("plan.schema.json");
    expect(disagreements(schema, typeNamed("src/model/plan.ts", "Plan"), "plan", schema)).toEqual([]);
  });

  it("finds a property added to the type and not to the schema", () => {
    const schema = schemaOf("plan.schema.json");
    const fewer = { ...schema, properties: { ...schema.properties }, required: schema.required!.filter((r) => r !== "createdAt") };
    delete fewer.properties.createdAt;
    expect(disagreements(fewer, typeNamed("src/model/plan.ts", "Plan"), "plan", schema)).toEqual(["plan.createdAt: in the type, not in the schema"]);
    const optional = { ...schema, required: schema.required!.filter((r) => r !== "planId") };
    expect(disagreements(optional, typeNamed("src/model/plan.ts", "Plan"), "plan", schema)).toEqual([
      "plan.planId: optional in the schema, required by the type",
    ]);
  });

  it("finds a nested property the schema lacks, and a type member the schema has no branch for", () => {
    const schema = schemaOf("campaign.schema.json");
    const edited = structuredClone(schema);
    delete edited.properties!.notification!.properties!.title;
    expect(disagreements(edited, typeNamed("src/model/campaign.ts", "Campaign"), "campaign", edited)).toEqual([
      "campaign.notification.title: in the type, not in the schema",
    ]);
    const plan = schemaOf("plan.schema.json");
    const branches = structuredClone(plan);
    branches.$defs!.operation!.allOf!.find((b) => b.if?.properties.kind?.const === "protect")!.if!.properties.kind!.const = "send";
    expect(disagreements(branches, typeNamed("src/model/plan.ts", "Plan"), "plan", branches)).toEqual([
      "plan.operations[]: the schema has a branch kind=send, the type no member with it",
      "plan.operations[]: the type has a member kind=protect, the schema no branch for it",
    ]);
  });
});
