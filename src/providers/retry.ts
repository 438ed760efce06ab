import { ProviderError } from "./errors.js";

export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  maxMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

/** Retries retryable provider errors (throttling, server errors, lost replies) with exponential backoff and full jitter. */
export async function retrying<T>(policy: RetryPolicy, fn: () => Promise<T>, onRetry?: (error: ProviderError, attempt: number) => void): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof ProviderError) || !e.retryable || attempt >= policy.attempts) throw e;
      onRetry?.(e, attempt + 1);
      await policy.sleep(policy.random() * Math.min(policy.maxMs, policy.baseMs * 2 ** attempt));
    }
  }
}
