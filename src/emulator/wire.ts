/** The emulator's side of the wire: request parsing, JSON replies and the providers' error bodies. */
import { randomUUID } from "node:crypto";
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";

/** api-facts §1.3, §2.4: the providers' times (x-acs-date, EMAS PushTime, ...) are UTC yyyy-MM-ddTHH:mm:ssZ. */
export const UTC_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** What a request says before its body is read: enough to refuse it without reading a byte of the body. */
export interface WireHead {
  action: string;
  version: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** The declared content-length; null for a chunked body. */
  contentLength: number | null;
  /** Whether a body follows (a positive content-length, or a chunked transfer). */
  hasBody: boolean;
}

export interface WireRequest extends WireHead {
  /** Query and form-body parameters merged (RPC gateways accept either place). */
  params: Record<string, string>;
  body: Buffer;
}

function parseQuery(search: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(search)) out[key] = value;
  return out;
}

export function readHead(req: IncomingMessage): WireHead {
  const url = new URL(req.url ?? "/", "http://localhost");
  const query = parseQuery(url.search);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers[name.toLowerCase()] = value;
  const length = headers["content-length"] === undefined ? null : Number(headers["content-length"]);
  const contentLength = length !== null && Number.isSafeInteger(length) && length >= 0 ? length : null;
  const hasBody = (contentLength ?? 0) > 0 || headers["transfer-encoding"] !== undefined;
  return {
    action: headers["x-acs-action"] ?? query.Action ?? "",
    version: headers["x-acs-version"] ?? query.Version ?? "",
    query,
    headers,
    contentLength,
    hasBody,
  };
}

/** A body over the limit: refused as it arrives, never buffered past `limit` bytes. */
export class BodyTooLarge extends Error {}

/**
 * The body, read chunk by chunk up to `limit` bytes; `BodyTooLarge` as soon as it passes the limit, the request then
 * paused (not destroyed), so the refusal can still be written on its socket.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (error: Error) => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.pause();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return stop(new BodyTooLarge());
      chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks, size));
    req.on("data", onData);
    req.on("end", onEnd);
    req.once("error", stop);
    req.once("aborted", () => stop(new Error("the client aborted the request")));
  });
}

/** The request with its parameters, once its body has been read. */
export function withBody(head: WireHead, body: Buffer): WireRequest {
  const form = (head.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded") ? parseQuery(body.toString("utf8")) : {};
  return { ...head, params: { ...head.query, ...form }, body };
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
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}`,
    "content-type: application/json;charset=utf-8",
    `content-length: ${Buffer.byteLength(text)}`,
    "connection: close",
  ];
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
  return {
    RequestId: id,
    HostId: host,
    Code: e.code,
    Message: e.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${e.code}&product=${product}&requestId=${id}`,
  };
}
