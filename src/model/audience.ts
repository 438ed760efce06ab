/**
 * The audience keys of a campaign's `target` (model/campaign.ts `Target`), each once: which provider takes it and
 * the audience file key beside it. Exactly one is set per campaign (the schema enforces it). The key order is
 * the one messages list them in.
 */
import type { Target } from "./campaign.js";
import type { ProviderName } from "./task.js";

interface AudienceKey {
  key: keyof Target;
  provider: ProviderName;
  /** Its audience file variant (`devicesFile`): the same ids, one a line, in a file beside the campaign. */
  file?: keyof Target;
  /** Whether it holds ids (a tag or everyone does not). */
  ids: boolean;
}

const AUDIENCE_KEYS = [
  { key: "devices", provider: "emas", file: "devicesFile", ids: true },
  { key: "accounts", provider: "emas", file: "accountsFile", ids: true },
  { key: "aliases", provider: "emas", file: "aliasesFile", ids: true },
  { key: "tag", provider: "emas", ids: false },
  { key: "all", provider: "emas", ids: false },
  { key: "users", provider: "mpaas", file: "usersFile", ids: true },
  { key: "androidDevices", provider: "mpaas", file: "androidDevicesFile", ids: true },
  { key: "iosDevices", provider: "mpaas", file: "iosDevicesFile", ids: true },
  { key: "hmosDevices", provider: "mpaas", file: "hmosDevicesFile", ids: true },
  { key: "activityTokens", provider: "mpaas", ids: true },
  { key: "activityIds", provider: "mpaas", ids: true },
] as const satisfies readonly AudienceKey[];

/** The audience file keys (`devicesFile`, `usersFile`, ...). */
export type AudienceFileKey = Extract<(typeof AUDIENCE_KEYS)[number], { file: string }>["file"];

/** The keys that hold id lists, with their file keys. */
export const ID_AUDIENCES: readonly AudienceKey[] = AUDIENCE_KEYS.filter((a: AudienceKey) => a.ids);

/** The keys that hold inline id lists. */
export const ID_LIST_KEYS = ID_AUDIENCES.map((a) => a.key);

/** Every key of `target` that names an audience, of one provider or of all: per provider its inline keys, then its file keys. */
export function audienceKeys(provider?: ProviderName): Array<keyof Target> {
  const providers = provider ? [provider] : [...new Set(AUDIENCE_KEYS.map((a) => a.provider))];
  return providers.flatMap((p) => {
    const of: AudienceKey[] = AUDIENCE_KEYS.filter((a) => a.provider === p);
    return [...of.map((a) => a.key), ...of.flatMap((a) => (a.file ? [a.file] : []))];
  });
}

/** Which provider each audience file key belongs to. */
export const AUDIENCE_FILE_KEYS = Object.fromEntries(AUDIENCE_KEYS.flatMap((a: AudienceKey) => (a.file ? [[a.file, a.provider]] : []))) as Record<
  AudienceFileKey,
  ProviderName
>;
