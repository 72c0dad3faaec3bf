import { describe, expect, it } from "vitest";
import { policyFragmentText, resolveAll } from "../../../src/core/settings/index.js";

const ADDON_ID = "mssante-patient@mssante-patient.fr";

/** What storage.managed would hold once the exported policies.json is deployed. */
function deployed(text: string): unknown {
  const parsed = JSON.parse(text) as { policies: { "3rdparty": { Extensions: Record<string, unknown> } } };
  return parsed.policies["3rdparty"].Extensions[ADDON_ID];
}

describe("policyFragmentText", () => {
  it("is indented JSON ending with a line break, ready to paste into policies.json", () => {
    const { entries } = resolveAll(undefined, { noReplyDefault: true });
    expect(policyFragmentText(ADDON_ID, entries)).toBe(
      [
        "{",
        '  "policies": {',
        '    "3rdparty": {',
        '      "Extensions": {',
        `        "${ADDON_ID}": {`,
        '          "noReplyDefault": true',
        "        }",
        "      }",
        "    }",
        "  }",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("deployed on another workstation, gives the same values, locked as exported", () => {
    const user = { noReplyDefault: true, closingTemplate: "Au revoir {patient}.\nLe secrétariat", extraSenderDomains: ["formation.mssante.fr"] };
    const here = resolveAll({ readReceiptDefault: { value: false, locked: true } }, user);
    for (const options of [{}, { lockAll: true }, { includeDefaults: true }, { lockAll: true, includeDefaults: true }]) {
      const there = resolveAll(deployed(policyFragmentText(ADDON_ID, here.entries, options)), undefined, { addonId: ADDON_ID });
      expect(there.problems).toEqual([]);
      expect(there.values).toEqual(here.values);
      expect(there.entries.readReceiptDefault.locked).toBe(true);
      expect(there.entries.noReplyDefault.locked).toBe(options.lockAll === true);
    }
  });
});
