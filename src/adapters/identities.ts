/** The user's identities (their id and address), from every account. */
import * as z from "zod/mini";

const accountSchema = z.object({
  identities: z._default(z.array(z.object({ id: z.string(), email: z._default(z.string(), "") })), () => []),
});

export interface IdentityInfo {
  readonly id: string;
  readonly email: string;
}

export async function listIdentities(): Promise<IdentityInfo[]> {
  const accounts = z.array(accountSchema).parse(await messenger.accounts.list(false));
  return accounts.flatMap((account) => account.identities).filter((identity) => identity.email !== "");
}
