/**
 * The decision whether a read receipt may mark a sent message "read by the patient": from the
 * patient (or a listed platform sender), about a message the user sent that patient from a
 * Sent folder. Examples, then properties that must hold for every input.
 */
import { sayOr } from "../i18n/say.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decideReceipt,
  mailboxAddress,
  PLATFORM_RECEIPT_SENDERS,
  receiptCheckText,
  RECEIPT_CHECKS,
  type ReceiptFacts,
  type SentCandidate,
} from "../../../src/core/notice-records/index.js";

const PATIENT = "255081416802538@patient.mssante.fr";
const OTHER_PATIENT = "295109912611193@patient.mssante.fr";
const DOCTOR = "dr.martin@medecin.mssante.fr";
const SENT: SentCandidate = { author: `Dr Martin <${DOCTOR}>`, recipients: [`Marie Durand <${PATIENT}>`], folderUses: [["sent"]] };

const genuine: ReceiptFacts = {
  from: `Marie Durand <${PATIENT}>`,
  reportedAddresses: [PATIENT],
  originalId: "cr-1@medecin.mssante.fr",
  found: [SENT],
  identities: [DOCTOR],
};

describe("mailboxAddress", () => {
  it("reads one mailbox, in lower case", () => {
    expect(mailboxAddress(`Marie Durand <${PATIENT.toUpperCase()}>`)).toBe(PATIENT);
    expect(mailboxAddress(` ${PATIENT} `)).toBe(PATIENT);
    expect(mailboxAddress(`"Durand, Marie" <${PATIENT}>`)).toBe(PATIENT);
  });

  it("refuses no address, several, or an address hidden in a display name", () => {
    expect(mailboxAddress("")).toBeNull();
    expect(mailboxAddress("Marie Durand")).toBeNull();
    expect(mailboxAddress(`${PATIENT}, forger@example.com`)).toBeNull();
    expect(mailboxAddress(`<${PATIENT}> <forger@example.com>`)).toBeNull();
    expect(mailboxAddress(`"${PATIENT}" <forger@example.com>`)).toBe("forger@example.com");
  });
});

describe("decideReceipt", () => {
  it("verifies the patient's receipt about a message the user sent that patient", () => {
    expect(decideReceipt(genuine)).toEqual({ check: "verified", sent: [0] });
  });

  it("compares addresses without regard to case", () => {
    expect(decideReceipt({ ...genuine, from: PATIENT.toUpperCase(), identities: [DOCTOR.toUpperCase()] }).check).toBe("verified");
  });

  it("refuses a receipt from another address, another patient, or several addresses", () => {
    for (const from of ["forger@example.com", OTHER_PATIENT, `"${PATIENT}" <forger@example.com>`, `${PATIENT}, forger@example.com`, ""]) {
      expect(decideReceipt({ ...genuine, from })).toEqual({ check: "other-sender", sent: [] });
    }
  });

  it("refuses a receipt that reports on no patient", () => {
    expect(decideReceipt({ ...genuine, from: "colleague@hopital.mssante.fr", reportedAddresses: ["colleague@hopital.mssante.fr"] }).check).toBe("other-sender");
  });

  it("accepts a listed platform sender, for the patient it reports on, only when the sent message went to that patient", () => {
    const platformSenders = ["accuses@plateforme.example"];
    const facts = { ...genuine, from: "Mon espace santé <ACCUSES@plateforme.example>", platformSenders };
    expect(decideReceipt(facts).check).toBe("verified");
    expect(decideReceipt({ ...facts, found: [{ ...SENT, recipients: [OTHER_PATIENT] }] }).check).toBe("not-sent");
    expect(decideReceipt({ ...facts, platformSenders: [] }).check).toBe("other-sender");
  });

  it("trusts no platform sender by default: its form is not public", () => {
    expect(PLATFORM_RECEIPT_SENDERS).toEqual([]);
  });

  it("refuses a receipt that names no message", () => {
    expect(decideReceipt({ ...genuine, originalId: null }).check).toBe("no-original");
  });

  it("accepts a message in a folder below Sent (the nearest folder above with a special use is Sent)", () => {
    expect(decideReceipt({ ...genuine, found: [{ ...SENT, folderUses: [[], ["sent"]] }] })).toEqual({ check: "verified", sent: [0] });
    expect(decideReceipt({ ...genuine, found: [{ ...SENT, folderUses: [[], [], ["SENT"]] }] })).toEqual({ check: "verified", sent: [0] });
  });

  it("refuses a message not filed as sent (Archives included), not from an identity, not to the patient, or not found", () => {
    for (const folderUses of [[], [[]], [["drafts"]], [["outbox"]], [["trash"]], [["inbox"]], [["archives"]], [[], ["archives"]], [[], ["archives"], ["sent"]], [[], ["trash"], ["sent"]], [["sent", "trash"]], [["templates"]]]) {
      expect(decideReceipt({ ...genuine, found: [{ ...SENT, folderUses }] }).check).toBe("not-sent");
    }
    expect(decideReceipt({ ...genuine, identities: ["autre@medecin.mssante.fr"] }).check).toBe("not-sent");
    expect(decideReceipt({ ...genuine, identities: [] }).check).toBe("not-sent");
    expect(decideReceipt({ ...genuine, found: [{ ...SENT, author: `"${DOCTOR}" <forger@example.com>` }] }).check).toBe("not-sent");
    expect(decideReceipt({ ...genuine, found: [{ ...SENT, recipients: [OTHER_PATIENT, "x@example.com"] }] }).check).toBe("not-sent");
    expect(decideReceipt({ ...genuine, found: [] }).check).toBe("not-sent");
  });

  it("marks only the copies that qualify", () => {
    const draft = { ...SENT, folderUses: [["drafts"]] };
    expect(decideReceipt({ ...genuine, found: [draft, SENT, draft, { ...SENT, recipients: [`x <${PATIENT}>`, OTHER_PATIENT] }] })).toEqual({ check: "verified", sent: [1, 3] });
  });

  it("explains every unverified receipt in French then English, and says nothing of a verified one", () => {
    expect(receiptCheckText("verified")).toBeNull();
    for (const check of [...RECEIPT_CHECKS.filter((c) => c !== "verified"), null]) {
      const text = receiptCheckText(check);
      expect(sayOr(text, "fr")).toMatch(/^Accusé de lecture non vérifié/);
      expect(sayOr(text, "en")).toMatch(/^Unverified read receipt/);
      expect(sayOr(text, "fr")).toContain("Lu par le patient");
    }
  });
});

// --- properties -------------------------------------------------------------------------

const localPart = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,15}[a-z0-9]$/).filter((s) => !s.includes(".."));
const domain = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]\.(?:fr|com|example)$/);
const anyAddress = fc.oneof(
  fc.tuple(localPart, domain).map(([l, d]) => `${l}@${d}`),
  fc.stringMatching(/^[0-9]{15}$/).map((n) => `${n}@patient.mssante.fr`),
  fc.constantFrom(PATIENT, OTHER_PATIENT, DOCTOR),
);
const displayName = fc.oneof(fc.constant(""), fc.stringMatching(/^[A-Za-zéè ]{1,20}$/), anyAddress.map((a) => `"${a}"`));
const mailbox = fc.tuple(displayName, anyAddress, fc.boolean()).map(([name, address, upper]) => {
  const a = upper ? address.toUpperCase() : address;
  return name === "" ? a : `${name} <${a}>`;
});
const folderUses = fc.array(fc.oneof(fc.constant([]), fc.subarray(["sent", "drafts", "outbox", "trash", "junk", "templates", "inbox", "archives"])), { maxLength: 3 });
const candidate: fc.Arbitrary<SentCandidate> = fc.record({ author: mailbox, recipients: fc.array(mailbox, { maxLength: 4 }), folderUses });
const facts: fc.Arbitrary<ReceiptFacts> = fc.record({
  from: mailbox,
  reportedAddresses: fc.array(anyAddress, { minLength: 1, maxLength: 3 }),
  originalId: fc.option(fc.constant("cr-1@medecin.mssante.fr"), { nil: null }),
  found: fc.array(candidate, { maxLength: 4 }),
  identities: fc.array(anyAddress, { maxLength: 3 }),
});

describe("properties", () => {
  it("no receipt whose From is not a patient it reports on ever tags (no platform sender listed)", () => {
    fc.assert(
      fc.property(facts, (f) => {
        const from = mailboxAddress(f.from);
        const reported = f.reportedAddresses.map((a) => a.toLowerCase()).filter((a) => a.endsWith("@patient.mssante.fr"));
        fc.pre(from === null || !reported.includes(from));
        expect(decideReceipt(f)).toEqual({ check: "other-sender", sent: [] });
      }),
    );
  });

  it("every message a receipt marks is filed in or below a Sent folder (no Drafts, Outbox, Trash, Archives…), from an identity, to the patient who sent the receipt", () => {
    fc.assert(
      fc.property(facts, fc.boolean(), (f, fromPatient) => {
        // Half the time, the receipt comes from one of the patients it reports on.
        const reported = f.reportedAddresses[0] ?? PATIENT;
        const input = fromPatient ? { ...f, from: reported } : f;
        const decision = decideReceipt(input);
        expect(RECEIPT_CHECKS).toContain(decision.check);
        if (decision.check !== "verified") {
          expect(decision.sent).toEqual([]);
          return;
        }
        const from = mailboxAddress(input.from);
        expect(from).not.toBeNull();
        expect(decision.sent.length).toBeGreaterThan(0);
        for (const i of decision.sent) {
          const m = input.found[i];
          expect(m).toBeDefined();
          if (m === undefined) continue;
          const place = m.folderUses.find((uses) => uses.length > 0) ?? [];
          expect(place).toContain("sent");
          for (const bad of ["drafts", "outbox", "trash", "junk", "templates", "archives"]) expect(place).not.toContain(bad);
          expect(input.identities.map((a) => a.toLowerCase())).toContain(mailboxAddress(m.author));
          expect(m.recipients.map(mailboxAddress)).toContain(from);
        }
      }),
    );
  });

  it("a genuine receipt is verified whatever the display names and letter case", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{15}$/), displayName, displayName, fc.boolean(), (ins, name1, name2, upper) => {
        const patient = `${ins}@patient.mssante.fr`;
        const write = (name: string, a: string): string => (name === "" ? a : `${name} <${upper ? a.toUpperCase() : a}>`);
        const decision = decideReceipt({
          from: write(name1, patient),
          reportedAddresses: [patient],
          originalId: "cr-1@medecin.mssante.fr",
          found: [{ author: write(name2, DOCTOR), recipients: [write(name2, patient)], folderUses: [["sent"]] }],
          identities: [DOCTOR],
        });
        expect(decision).toEqual({ check: "verified", sent: [0] });
      }),
    );
  });
});
