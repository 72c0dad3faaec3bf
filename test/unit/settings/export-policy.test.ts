import { describe, expect, it } from "vitest";
import { policyFragment, resolveAll, SETTING_KEYS } from "../../../src/core/settings/index.js";

const ADDON_ID = "mssante-patient@exemple.fr";

const USER = {
  noReplyDefault: true,
  extraSenderDomains: ["test.mssante.fr"],
  readReceiptDefault: true, // set by the user, but equal to the default
  closingTemplate: "Au revoir {patient}.",
};

function dataOf(fragment: ReturnType<typeof policyFragment>): unknown {
  return fragment.policies["3rdparty"].Extensions[ADDON_ID];
}

describe("policyFragment", () => {
  it("writes the non-default values under 3rdparty › Extensions › id", () => {
    const { entries } = resolveAll(undefined, USER);
    expect(policyFragment(ADDON_ID, entries)).toEqual({
      policies: {
        "3rdparty": {
          Extensions: {
            [ADDON_ID]: {
              noReplyDefault: true,
              extraSenderDomains: ["test.mssante.fr"],
              closingTemplate: "Au revoir {patient}.",
            },
          },
        },
      },
    });
  });

  it("locks everything with lockAll", () => {
    const { entries } = resolveAll(undefined, USER);
    expect(dataOf(policyFragment(ADDON_ID, entries, { lockAll: true }))).toEqual({
      noReplyDefault: { value: true, locked: true },
      extraSenderDomains: { value: ["test.mssante.fr"], locked: true },
      closingTemplate: { value: "Au revoir {patient}.", locked: true },
    });
  });

  it("keeps a lock that applies here", () => {
    const { entries } = resolveAll({ bounceMove: { value: true, locked: true } }, USER);
    expect(dataOf(policyFragment(ADDON_ID, entries))).toMatchObject({ bounceMove: { value: true, locked: true }, noReplyDefault: true });
  });

  it("includes the defaults when asked", () => {
    const { entries } = resolveAll(undefined, undefined);
    expect(dataOf(policyFragment(ADDON_ID, entries))).toEqual({});
    expect(Object.keys(dataOf(policyFragment(ADDON_ID, entries, { includeDefaults: true })) as object)).toEqual([...SETTING_KEYS]);
  });

  it("does not share arrays with the entries", () => {
    const { entries } = resolveAll(undefined, USER);
    const data = dataOf(policyFragment(ADDON_ID, entries)) as { extraSenderDomains: string[] };
    data.extraSenderDomains.push("x.example.fr");
    expect(entries.extraSenderDomains.value).toEqual(["test.mssante.fr"]);
  });

  it("round trip: the fragment read back as policy gives the same values, locked", () => {
    const here = resolveAll(undefined, USER);
    const json = JSON.stringify(policyFragment(ADDON_ID, here.entries, { lockAll: true }));
    const managed: unknown = (JSON.parse(json) as { policies: { "3rdparty": { Extensions: Record<string, unknown> } } }).policies["3rdparty"]
      .Extensions[ADDON_ID];

    // Another machine, whose user chose the opposite of everything.
    const there = resolveAll(managed, { noReplyDefault: false, extraSenderDomains: [], closingTemplate: "Autre." });
    expect(there.problems).toEqual([]);
    expect(there.values).toEqual(here.values);
    for (const key of ["noReplyDefault", "extraSenderDomains", "closingTemplate"] as const) {
      expect(there.entries[key]).toMatchObject({ source: "policy", locked: true });
    }
  });

  it("round trip with every setting locked", () => {
    const here = resolveAll({ bounceFolderName: "Non distribués" }, USER);
    const managed = JSON.parse(JSON.stringify(dataOf(policyFragment(ADDON_ID, here.entries, { lockAll: true, includeDefaults: true })))) as unknown;
    const there = resolveAll(managed, { readReceiptDefault: false, bounceTag: false });
    expect(there.problems).toEqual([]);
    expect(there.values).toEqual(here.values);
    for (const key of SETTING_KEYS) expect(there.entries[key].locked, key).toBe(true);
  });

  it("round trip without lock: the values become recommendations", () => {
    const here = resolveAll(undefined, USER);
    const managed = dataOf(policyFragment(ADDON_ID, here.entries));
    const there = resolveAll(managed, undefined);
    expect(there.values).toEqual(here.values);
    expect(there.entries.noReplyDefault).toMatchObject({ source: "policy", locked: false });
  });
});
