/** Query parameters of the EMAS actions, read as the gateway reads them (api-facts §1.7, §2.11). */
import { ApiError } from "../wire.js";

export const DAY_MS = 86_400_000;

/** api-facts §1.7: a missing required parameter is `Missing<Param>`, "<Param> is mandatory for this action.". */
export function required(params: Record<string, string>, name: string): string {
  const value = params[name];
  if (value === undefined || value === "") throw new ApiError(400, `Missing${name}`, `${name} is mandatory for this action.`);
  return value;
}

/** api-facts §2.1: AppKey is an integer (long); records keep it as its digits. */
export function appKeyParam(params: Record<string, string>): string {
  const appKey = required(params, "AppKey");
  if (!/^\d+$/.test(appKey)) throw new ApiError(400, "InvalidAppKey.Format", `AppKey must be an integer, not ${appKey}.`);
  return appKey;
}
