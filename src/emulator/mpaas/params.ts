/** Form parameters of the mPaaS actions and their business failures (api-facts §3.2, §3.11). */

/** A business failure: HTTP 200 with a result code (api-facts §3.2). */
export class BusinessError extends Error {
  constructor(
    readonly resultCode: string,
    message: string,
  ) {
    super(message);
  }
}

export function need(params: Record<string, string>, name: string, code: string): string {
  const value = params[name];
  if (value === undefined || value === "") throw new BusinessError(code, `${name} is required`);
  return value;
}

export function parseJson<T>(text: string, name: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new BusinessError("3028", `${name} is not valid JSON`);
  }
}
