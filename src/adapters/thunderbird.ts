/**
 * `messenger` seen through the Thunderbird 140+ declarations (`thunderbird-140.d.ts`): the one
 * place where the project's own API types replace the 127 ones. Adapters use `tb().…` for the
 * members declared there, and `messenger.…` for everything the published types describe well.
 * A function, not a constant: `messenger` is read when an adapter runs, not when it loads.
 */
export function tb(): Thunderbird140 {
  return messenger as unknown as Thunderbird140;
}
