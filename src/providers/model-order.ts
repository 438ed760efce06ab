/**
 * The order in which the generated SDKs write fields: their models list the camelCase property names in code-unit
 * order (`names()`, and the clients' `if (!isNull(request.appId)) body["AppId"] = …` sequence, e.g.
 * mpaas-20201028/src/client.ts), then rename them to the wire name. So Hmos `ExtParameters` comes before
 * `ExtensionPush` ("P" sorts before "e"), and the order is not the wire names' case-insensitive one.
 */
export function compareModelNames(a: string, b: string): number {
  const ma = modelName(a);
  const mb = modelName(b);
  return ma < mb ? -1 : ma > mb ? 1 : 0;
}

/** `record` with its keys in the SDK's order. */
export function inModelOrder<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareModelNames(a, b)));
}

function modelName(wireName: string): string {
  return wireName.charAt(0).toLowerCase() + wireName.slice(1);
}
