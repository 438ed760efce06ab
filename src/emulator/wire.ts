/** The emulator's side of the wire: request parsing, JSON replies and the providers' error bodies. */
import { randomUUID } from "node:crypto";
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";

/** api-facts §1.3, §2.4: the providers' times (x-acs-date, EMAS PushTime, ...) are UTC yyyy-MM-ddTHH:mm:ssZ. */
export const UTC_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

export interface WireRequest {
  action: string;
  version: string;
  /** Query and form-body parameters merged (RPC gateways accept either place). */
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: Buffer;
}

export function parseQuery(search: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(search)) out[key] = value;
  return out;
}

export async function readRequest(req: IncomingMessage): Promise<WireRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const url = new URL(req.url ?? "/", "http://localhost");
  const query = parseQuery(url.search);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers[name.toLowerCase()] = value;
  const form = (headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded") ? parseQuery(body.toString("utf8")) : {};
  return { action: headers["x-acs-action"] ?? query.Action ?? "", version: headers["x-acs-version"] ?? query.Version ?? "", params: { ...query, ...form }, query, headers, body };
}

export const requestId = () => randomUUID().toUpperCase();

export function reply(res: ServerResponse, status: number, body: object, extraHeaders: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json;charset=utf-8", "content-length": Buffer.byteLength(text), ...extraHeaders });
  res.end(text);
}

/** A JSON reply written straight to a socket, for a request the HTTP parser refused; the connection then closes. */
export function replyRaw(socket: Duplex, status: number, body: object): void {
  const text = JSON.stringify(body);
  const head = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}`, "content-type: application/json;charset=utf-8", `content-length: ${Buffer.byteLength(text)}`, "connection: close"];
  socket.end(`${head.join("\r\n")}\r\n\r\n${text}`);
}

/** An error as Alibaba Cloud's gateway writes it (api-facts.md §1.7). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function errorBody(e: ApiError, host: string, product: string): object {
  const id = requestId();
  return { RequestId: id, HostId: host, Code: e.code, Message: e.message, Recommend: `https://api.aliyun.com/troubleshoot?q=${e.code}&product=${product}&requestId=${id}` };
}
