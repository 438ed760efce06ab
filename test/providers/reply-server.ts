/**
 * A loopback HTTP server that answers each action with the reply a test gives (shapes the emulator never emits),
 * and records every request's headers and exact body bytes. It checks no signature.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

interface RecordedRequest {
  action: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface ReplyServer {
  /** `127.0.0.1:PORT`. */
  endpoint: string;
  url: string;
  requests: RecordedRequest[];
  /** What the next calls of `action` get, in order; the last one repeats. Status 200 unless given. */
  answer(action: string, ...replies: Array<unknown | { status: number; json: unknown }>): void;
  close(): Promise<void>;
}

export async function startReplyServer(): Promise<ReplyServer> {
  const requests: RecordedRequest[] = [];
  const replies = new Map<string, unknown[]>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const action = String(req.headers["x-acs-action"] ?? "");
      requests.push({ action, url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) });
      const queue = replies.get(action) ?? [];
      const next = queue.length > 1 ? queue.shift() : queue[0];
      const { status, json } =
        next !== null && typeof next === "object" && "status" in next && "json" in next
          ? (next as { status: number; json: unknown })
          : { status: next === undefined ? 404 : 200, json: next ?? { Code: "InvalidApi.NotFound", Message: `no reply for ${action}` } };
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    requests,
    answer: (action, ...list) => void replies.set(action, list),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
