/** Provider calls spaced by each app's rate limit and retried when the provider says they may be. */
import { retrying } from "../providers/retry.js";
import type { Run } from "./run.js";

export function policy(run: Run) {
  return { ...run.retry, sleep: run.input.sleep, random: run.input.random };
}

/** One provider call for `app`, in the app's next free slot, retried when the provider says it may be. */
export function call<T>(run: Run, app: string, fn: () => Promise<T>): Promise<T> {
  const { input } = run;
  return retrying(
    policy(run),
    async () => {
      const slot = Math.max(run.nextSlot.get(app) ?? 0, input.ticks());
      run.nextSlot.set(app, slot + 1000 / input.rateLimit);
      const wait = slot - input.ticks();
      if (wait > 0) await input.sleep(wait);
      return fn();
    },
    (e, attempt) => input.progress?.({ kind: "retrying", code: e.code, attempt, of: run.retry.attempts }),
  );
}
