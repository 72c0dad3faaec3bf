/**
 * How long a close may wait for its message to leave the Outbox. Past that, the waiting close
 * (which keeps the patient's address) is dropped: a message that never leaves must not keep
 * what is stored about the patient for ever.
 */

/** Days a close may wait, counted from when it started. */
export const PENDING_CLOSE_MAX_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether a close that started at `since` (ISO 8601) has waited too long at `now`. A date
 * that cannot be read, or one in the future, is not judged here: it is dated again.
 */
export function pendingCloseExpired(since: string, now: Date): boolean {
  const start = Date.parse(since);
  if (Number.isNaN(start) || start > now.getTime()) return false;
  return now.getTime() - start > PENDING_CLOSE_MAX_DAYS * DAY_MS;
}

/** Whether `since` is a date the rule can count from (else the close is dated anew). */
export function pendingCloseDated(since: string | null, now: Date): since is string {
  if (since === null) return false;
  const start = Date.parse(since);
  return !Number.isNaN(start) && start <= now.getTime();
}
