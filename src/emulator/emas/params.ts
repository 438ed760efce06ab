/** Query parameters of the EMAS actions, read as the gateway reads them (api-facts §1.7, §2.11). */
import { ApiError } from "../wire.js";

export const DAY_MS = 86_400_000;

/** api-facts §1.7: a missing required parameter is `Missing<Param>`, "<Param> is mandatory for this action.". */
export function required(params: Record<string, string>, name: string): string {
  const value = params[name];
  if (value === undefined || value === "") throw new ApiError(400, `Missing${name}`, `${name} is mandatory for this action.`);
  return value;
}
