/** A provider listing that failed during refresh, as a diagnostic that says what to do about it. */
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { MALFORMED_REPLY, NO_CREDENTIALS, type ProviderError } from "../providers/errors.js";

function advice(e: ProviderError, attempts: number): string {
  // The default credential chain fails inside the client, before any request (its hint says what to set).
  if (e.code === NO_CREDENTIALS && e.hint) return e.hint;
  if (e.code === MALFORMED_REPLY) {
    return `${attempts === 1 ? "the reply" : `${attempts} replies in a row`} lacked what the provider's API documents: check that the config's endpoint (and region) is the provider's API, not another service, or run push plan again later`;
  }
  // No such host: nothing reached a provider, whatever the keys.
  if (e.code === "ENOTFOUND" || e.code === "EAI_AGAIN")
    return "the endpoint's host name does not resolve: check the config's endpoint (and region) and the network's DNS";
  if (e.hint && e.kind === "client") return e.hint;
  switch (e.kind) {
    case "timeout":
      return `no reply after ${attempts} attempts: check the config's endpoint (a standalone push emulator must be running) and the network`;
    case "throttled":
      return `still throttled after ${attempts} attempts: wait a minute and run push plan again`;
    case "server":
      return `the provider failed ${attempts} times in a row: run push plan again later`;
    case "client":
    case "duplicate":
      return "the provider refused the listing: check the app's keys in the config (appKey; appId and workspaceId) and the key pair's permissions";
  }
}

/** `app`: the app as the message names it (`"shop"`, `"multi" (app key 1111)`). */
export function refreshFailed(e: ProviderError, app: string, attempts: number): Diagnostic {
  const request = e.requestId ? `request id ${e.requestId}` : e.code === NO_CREDENTIALS ? "nothing was sent" : "no request id: no reply came from the provider";
  return error(
    "refresh-failed",
    `cannot list the scheduled tasks of app ${app}: ${e.provider} ${e.action} failed: ${e.code}: ${e.providerMessage} (${request})`,
    {
      hint: `${advice(e, attempts)}; then run the command again. Nothing was planned or sent`,
    },
  );
}
