/**
 * The emulator: one loopback HTTP server serving EMAS (2016-08-01) and mPaaS (2020-10-28) the way the providers'
 * gateway does: it checks the V3 signature, dispatches on action and version, answers JSON (errors in the
 * gateway's format), keeps its tasks in a file, and injects faults on request.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { emasAction } from "./emas/actions.js";
import { verifyBody, verifyHead } from "./gateway.js";
import { mpaasAction } from "./mpaas/actions.js";
import { LOCAL_CREDENTIALS, type EmulatorCredentials, type EmulatorOptions, type FaultOptions, type RunningEmulator } from "./options.js";
import { Store } from "./store.js";
import { ApiError, BodyTooLarge, errorBody, readBody, readHead, reply, replyRaw, requestId, withBody } from "./wire.js";

const PRODUCTS: Record<string, { product: string; host: string; run: typeof emasAction }> = {
  "2016-08-01": { product: "Push", host: "cloudpush.aliyuncs.com", run: emasAction },
  "2020-10-28": { product: "mPaaS", host: "mpaas.cn-hangzhou.aliyuncs.com", run: mpaasAction },
};
const PUSH_ACTIONS = new Set(["PushV2", "MassPushV2", "PushSimple"]);
/**
 * api-facts §0.1, §1.9: PushV2 and MassPushV2 carry every parameter in the URL, and a 100-task MassPushV2 is
 * hundreds of kilobytes; Node's default 16 KiB limit would refuse it. The real gateway's limit is not documented.
 */
const MAX_HEADER_BYTES = 4 << 20;
/**
 * The largest body the emulator reads. Only mPaaS sends a body (api-facts §0.2: form fields; PushV2 and MassPushV2
 * send none): a PushSimple of 10 targets is a few kilobytes, and no notification channel carries more than a few
 * (APNs: 4,096 bytes). The real gateway's limit is not documented; 1 MiB leaves room and bounds the memory an
 * unauthenticated client can make the emulator hold.
 */
export const MAX_BODY_BYTES = 1 << 20;

const tooLarge = () => new ApiError(413, "RequestEntityTooLarge", `the request body exceeds ${MAX_BODY_BYTES} bytes.`);

/** The key pair the emulator accepts: the environment's when both are set, else the documented local pair. */
export function defaultCredentials(env: Record<string, string | undefined>): EmulatorCredentials {
  const accessKeyId = env.ALIBABA_CLOUD_ACCESS_KEY_ID;
  const accessKeySecret = env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
  return accessKeyId && accessKeySecret ? { accessKeyId, accessKeySecret } : LOCAL_CREDENTIALS;
}

/**
 * A request Node cannot parse (above all, a URL over MAX_HEADER_BYTES) gets a JSON error too, not Node's empty
 * 431, which the SDK runtime turns into a retryable-looking SyntaxError (api-facts §1.7: always answer JSON).
 */
function answerUnparsed(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable) return void socket.destroy();
  const refusal =
    error.code === "HPE_HEADER_OVERFLOW"
      ? new ApiError(
          431,
          "RequestHeaderFieldsTooLarge",
          `the request line and headers exceed ${MAX_HEADER_BYTES} bytes: PushV2 and MassPushV2 carry their parameters in the URL, so send fewer or smaller tasks.`,
        )
      : new ApiError(400, "MalformedRequest", `the request is not valid HTTP (${error.code ?? error.message}).`);
  replyRaw(socket, refusal.status, errorBody(refusal, "localhost", ""));
}

/** The providers' error reply; a refusal before the body was read closes the connection instead of reading it. */
function answerError(req: IncomingMessage, res: ServerResponse, e: unknown, product: (typeof PRODUCTS)[string] | undefined, bodyRead: boolean): void {
  const error = e instanceof ApiError ? e : new ApiError(500, "InternalError", e instanceof Error ? e.message : String(e));
  const body = errorBody(error, product?.host ?? "localhost", product?.product ?? "");
  if (bodyRead) {
    reply(res, error.status, body);
    return;
  }
  // The unread body is never read: answer, then close the connection (Node would otherwise read it to its end).
  const socket = req.socket;
  reply(res, error.status, body, { connection: "close" });
  res.once("finish", () => socket.end());
  setTimeout(() => socket.destroy(), 1_000).unref();
}

/** A port in use is the caller's error to handle, not an 'error' event that nobody listens to. */
function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? "127.0.0.1";
  if (host !== "127.0.0.1" && host !== "localhost" && host !== "::1") throw new Error(`the emulator binds loopback only, not ${host}`);
  const credentials = options.credentials ?? LOCAL_CREDENTIALS;
  const clock = options.clock ?? Date.now;
  const store = new Store(options.dataFile ?? null);
  let faults: FaultOptions = options.faults ?? {};
  const nonces = new Map<string, number>();
  const chance = (rate: number | undefined) => rate !== undefined && rate > 0 && (faults.random ?? Math.random)() < rate;

  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const head = readHead(req);
    const product = PRODUCTS[head.version];
    /** Whether the body has been read: a refusal before that closes the connection instead of reading the rest. */
    let bodyRead = !head.hasBody;
    try {
      store.checkWritable();
      if (faults.latencyMs) await new Promise((r) => setTimeout(r, faults.latencyMs));
      if (req.method !== "POST") throw new ApiError(405, "UnsupportedHTTPMethod", "POST only.");
      if (!product) throw new ApiError(400, "InvalidVersion", `Specified version ${head.version} is not valid.`);
      if (head.contentLength !== null && head.contentLength > MAX_BODY_BYTES) throw tooLarge();
      verifyHead(head, credentials, nonces, Date.now());
      let body: Buffer;
      try {
        body = await readBody(req, MAX_BODY_BYTES);
      } catch (cause) {
        if (cause instanceof BodyTooLarge) throw tooLarge();
        // The client went away mid-request (aborted, reset): there is nobody to answer, and the server carries on.
        req.socket.destroy();
        return;
      }
      bodyRead = true;
      const request = withBody(head, body);
      verifyBody(request, nonces, Date.now());
      if (chance(faults.throttleRate)) throw new ApiError(faults.throttleStatus ?? 400, "Throttling.User", "Request was denied due to user flow control.");
      if (chance(faults.serverErrorRate)) throw new ApiError(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.");
      const answered = product.run(store, request.action, request.params, clock());
      store.changed();
      if (PUSH_ACTIONS.has(request.action) && chance(faults.loseReplyRate)) {
        store.flush(); // the task is recorded, then the reply is lost
        req.socket.destroy();
        return;
      }
      reply(res, 200, { RequestId: requestId(), ...answered });
    } catch (e) {
      answerError(req, res, e, product, bodyRead);
    }
  };
  // Whatever fails while answering ends that one exchange, never the process (embedded mode shares the CLI's).
  const server: Server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    answer(req, res).catch(() => res.destroy());
  });
  server.on("clientError", answerUnparsed);
  server.keepAliveTimeout = 5_000;
  await listen(server, options.port ?? 0, host);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    endpoint: `${host}:${port}`,
    port,
    credentials,
    setFaults(next) {
      faults = next;
    },
    tick() {
      store.changed();
    },
    async close() {
      try {
        store.flush();
      } finally {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}
