/**
 * The custom header list of a message being written. Thunderbird gives the names back
 * Train-Cased (`X-Mss-Mes`) and setting `customHeaders` replaces the whole list (even the
 * `X-Priority` that the priority menu creates), so every change here returns the full list.
 */

export interface CustomHeader {
  readonly name: string;
  readonly value: string;
}

/** Makes one message to a patient non-replyable without closing the conversation. */
export const NO_REPLY_HEADER_NAME = "X-MSS-MES";
export const NO_REPLY_HEADER_VALUE = "FIN";

/** Header names are case-insensitive: `X-MSS-MES`, `X-Mss-Mes` and `x-mss-mes` are one header. */
export function isNoReplyHeaderName(name: string): boolean {
  return name.trim().toLowerCase() === "x-mss-mes";
}

/** True when the list holds `X-MSS-MES: FIN` (any case for the name, the value exactly `FIN`). */
export function hasNoReplyHeader(list: readonly CustomHeader[]): boolean {
  return list.some((h) => isNoReplyHeaderName(h.name) && h.value.trim() === NO_REPLY_HEADER_VALUE);
}

/**
 * The full new list with `X-MSS-MES: FIN` present exactly once (`on`) or absent (`!on`).
 * Every other header keeps its place, name and value. An existing `X-MSS-MES` keeps its
 * place (and its casing when its value is already `FIN`); extra copies are dropped.
 * Idempotent: applying it twice gives the same list as applying it once.
 */
export function withNoReplyHeader(list: readonly CustomHeader[], on: boolean): CustomHeader[] {
  if (!on) return list.filter((h) => !isNoReplyHeaderName(h.name));
  const out: CustomHeader[] = [];
  let placed = false;
  for (const h of list) {
    if (!isNoReplyHeaderName(h.name)) {
      out.push(h);
    } else if (!placed) {
      out.push(isCanonical(h) ? h : { name: NO_REPLY_HEADER_NAME, value: NO_REPLY_HEADER_VALUE });
      placed = true;
    }
  }
  if (!placed) out.push({ name: NO_REPLY_HEADER_NAME, value: NO_REPLY_HEADER_VALUE });
  return out;
}

/** The `X-MSS-MES` headers of the list, in order (normally none or one). */
export function noReplyHeaders(list: readonly CustomHeader[]): CustomHeader[] {
  return list.filter((h) => isNoReplyHeaderName(h.name));
}

/**
 * True when the list needs no change to carry the header exactly once with the exact
 * value. The casing of the name does not count (Thunderbird changes it anyway).
 */
export function isNoReplyHeaderCanonical(list: readonly CustomHeader[]): boolean {
  const found = noReplyHeaders(list);
  return found.length === 1 && found[0] !== undefined && isCanonical(found[0]);
}

function isCanonical(h: CustomHeader): boolean {
  return h.name === h.name.trim() && h.value === NO_REPLY_HEADER_VALUE;
}
