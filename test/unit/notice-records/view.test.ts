/** The panel's model: records from classified notices, grouping, filters, counts, texts. */
import { say } from "../../../src/core/i18n/catalogs.js";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  buildView,
  countsText,
  explainStored,
  mergeRecord,
  namesFromRecipients,
  parseRecord,
  toRecord,
  type NoticeRecord,
} from "../../../src/core/notice-records/index.js";
import { classifyMessage } from "../../../src/core/notices/index.js";
import type { Message } from "../../../src/core/i18n/text.js";

const fr = (text: Message | undefined): string => (text === undefined ? "" : say(text, "fr"));

async function recordOf(name: string): Promise<NoticeRecord> {
  const raw = readFileSync(new URL(`../../fixtures/notices/${name}`, import.meta.url));
  const notice = await classifyMessage(new Uint8Array(raw));
  const record = toRecord(notice, { messageId: `<${name}@test>`, accountId: "a1", folderPath: "/Inbox", date: null }, new Date("2024-05-01T00:00:00Z"));
  if (record === null) throw new Error(`${name} is no notice`);
  return record;
}

describe("records", () => {
  it("ordinary mail makes none; a stored record parses back; anything else is refused", async () => {
    const raw = readFileSync(new URL("../../fixtures/notices/ordinary-fr.eml", import.meta.url));
    expect(toRecord(await classifyMessage(new Uint8Array(raw)), { messageId: "<x@y>", accountId: null, folderPath: null, date: null })).toBeNull();
    const r = await recordOf("mes-closed-text-fr.eml");
    expect(parseRecord(JSON.parse(JSON.stringify(r)))).toEqual(r);
    expect(parseRecord({ v: 2 })).toBeNull();
    expect(parseRecord("x")).toBeNull();
    expect(mergeRecord({ ...r, handled: "2024-01-01T00:00:00.000Z" }, r).handled).toBe("2024-01-01T00:00:00.000Z");
  });

  it("explains a closed patient mailbox in French: nothing delivered, do not resend, check the INS, another channel, note it", async () => {
    const r = await recordOf("mes-closed-text-fr.eml");
    const e = explainStored(r.recipients[0] ?? (undefined as never), r.kind);
    expect(fr(e.title)).toBe("Messagerie Mon espace santé clôturée");
    expect(fr(e.explanation)).toContain("rien n'est parvenu au patient");
    expect(e.steps.map((s) => fr(s)).join(" ")).toMatch(/Ne renvoyez pas[\s\S]*INS[\s\S]*autre moyen[\s\S]*dossier du patient/);
  });
});

describe("the view", () => {
  it("groups by patient then by sent message, a receipt marks its message read, filters and counts", async () => {
    const closed = await recordOf("mes-closed-text-fr.eml");
    const receipt = { ...(await recordOf("mdn-displayed-patient-fr.eml")), receiptCheck: "verified" as const };
    const unknown = await recordOf("gmail-unknown-fr.eml");
    const all = [closed, receipt, unknown];

    const view = buildView(all);
    expect(view.counts).toMatchObject({ bounces: 2, receipts: 1, unhandled: 2, patients: 2, shown: 3 });
    const patient = view.groups.find((g) => g.ins === "255081416802538");
    expect(patient?.messages[0]?.readOn).toBe("2024-03-25T18:42:07.000Z");
    expect(patient?.unhandled).toBe(0);

    expect(buildView(all, { patientsOnly: true, unhandledOnly: false, reason: "all", search: "" }).counts.shown).toBe(2);
    expect(buildView(all, { patientsOnly: false, unhandledOnly: true, reason: "all", search: "" }).counts.shown).toBe(2);
    expect(buildView(all, { patientsOnly: false, unhandledOnly: false, reason: "mailbox-closed", search: "" }).groups.map((g) => g.ins)).toEqual(["295109912611193"]);
    expect(buildView(all, { patientsOnly: false, unhandledOnly: false, reason: "receipt", search: "" }).counts.shown).toBe(1);
    const names = new Map([["cr-2024-03-25-0007@medecin.mssante.fr", { subject: "Compte rendu", names: namesFromRecipients(["Marie Durand <255081416802538@patient.mssante.fr>"]) }]]);
    expect(buildView(all, { patientsOnly: false, unhandledOnly: false, reason: "all", search: "durand" }, names).counts.shown).toBe(1);
    expect(buildView(all, { patientsOnly: false, unhandledOnly: false, reason: "all", search: "2951099" }).counts.shown).toBe(1);

    // A receipt that is not verified (or was stored before receipts were checked) marks nothing read.
    for (const receiptCheck of ["other-sender", "not-sent", "no-original", null] as const) {
      const unverified = buildView([closed, { ...receipt, receiptCheck }, unknown]);
      expect(unverified.groups.find((g) => g.ins === "255081416802538")?.messages[0]?.readOn).toBeNull();
      expect(unverified.counts.receipts).toBe(1);
    }

    const handled = buildView([{ ...closed, handled: "2024-05-02T00:00:00.000Z" }, receipt, unknown]);
    expect(handled.counts.unhandled).toBe(1);
    expect(say(countsText(handled.counts), "fr")).toContain("1 à traiter");
  });
});
