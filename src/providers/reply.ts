/**
 * Reading a provider's reply as defensively as the SDKs' response models do. The models convert a scalar to the
 * type they declare (`ExecutedStatus: 0` arrives in the model as `"0"`), so a documented integer may come as a
 * digit string and a documented string as a number: both are accepted here. What push needs and cannot find (a
 * listing without its list, an id that is not there) is never read as empty or as "undefined": it is a
 * `MalformedReply`, a provider-side failure, so a plan refuses to be made from it rather than create duplicates.
 */
import type { ProviderName } from "../model/task.js";
import { MALFORMED_REPLY, ProviderError } from "./errors.js";

export class Reply {
  constructor(
    private readonly provider: ProviderName,
    private readonly action: string,
    readonly body: Record<string, unknown>,
  ) {}

  static of(provider: ProviderName, action: string, body: unknown): Reply {
    const reply = new Reply(provider, action, {});
    if (body === null || typeof body !== "object" || Array.isArray(body)) throw reply.malformed("", `is ${describe(body)}, not a JSON object`);
    return new Reply(provider, action, body as Record<string, unknown>);
  }

  get requestId(): string {
    const id = this.body.RequestId;
    return typeof id === "string" || typeof id === "number" ? String(id) : "";
  }

  /** The value at a dotted path of the body (`ResultContent.Data`), or undefined where the path ends early. */
  at(path: string): unknown {
    let value: unknown = this.body;
    for (const key of path.split(".")) {
      if (value === null || typeof value !== "object" || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
      value = (value as Record<string, unknown>)[key];
    }
    return value;
  }

  /** An object push needs (`ResultContent.Data`). */
  object(path: string): Record<string, unknown> {
    const value = this.at(path);
    if (value === null || typeof value !== "object" || Array.isArray(value))
      throw this.malformed(path, value === undefined ? "is missing" : `is ${describe(value)}, not an object`);
    return value as Record<string, unknown>;
  }

  /** A list push needs: missing or of another type, the reply says nothing about what is there. */
  list(path: string): unknown[] {
    const value = this.at(path);
    if (!Array.isArray(value)) throw this.malformed(path, value === undefined ? "is missing" : `is ${describe(value)}, not a list`);
    return value;
  }

  /** An item of a list, as an object. */
  item(value: unknown, path: string): Record<string, unknown> {
    if (value === null || typeof value !== "object" || Array.isArray(value)) throw this.malformed(path, `is ${describe(value)}, not an object`);
    return value as Record<string, unknown>;
  }

  /** An integer, written as a JSON number or as a digit string. */
  integer(value: unknown, path: string): number {
    if (typeof value === "number" && Number.isSafeInteger(value)) return value;
    if (typeof value === "string" && /^-?\d{1,15}$/.test(value.trim())) return Number(value.trim());
    throw this.malformed(path, value === undefined ? "is missing" : `is ${describe(value)}, not an integer`);
  }

  /** A text, or an integer the model would read as its digits. A number beyond 2^53 was already rounded by the JSON parser: refused. */
  text(value: unknown, path: string): string {
    if (typeof value === "string") return value;
    if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
    throw this.malformed(path, value === undefined ? "is missing" : `is ${describe(value)}, not a text`);
  }

  optionalText(value: unknown, path: string): string | undefined {
    return value === undefined || value === null ? undefined : this.text(value, path);
  }

  /** A boolean, or its text `"true"`/`"false"`. */
  optionalBoolean(value: unknown, path: string): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === "boolean") return value;
    if (value === "true" || value === "false") return value === "true";
    throw this.malformed(path, `is ${describe(value)}, not a boolean`);
  }

  malformed(path: string, problem: string): ProviderError {
    const where = path ? `the reply's ${path}` : "the reply";
    return new ProviderError(this.provider, this.action, "server", MALFORMED_REPLY, `${where} ${problem}`, this.requestId || undefined, undefined);
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === "number" || typeof value === "boolean") return `${typeof value} ${String(value)}`;
  return typeof value === "object" ? "an object" : String(value);
}
