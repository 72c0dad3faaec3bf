import fc from "fast-check";
import { addressParser } from "postal-mime";
import { describe, expect, it } from "vitest";
import { formatRecipient, headerDisplayName } from "../../../src/core/compose/index.js";
import {
  buildClosingReply,
  closingText,
  conversationPatient,
  NEUTRAL_SALUTATION,
  type ConversationPatient,
} from "../../../src/core/conversation/index.js";
import { decodeIns } from "../../../src/core/ins/index.js";
import { arbIns, patient, VALID_INS } from "../compose/fixtures.js";

const DOCTOR = "dr.martin@medecin.mssante.fr";

/** What a name written by the add-on must never hold. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069<>",;]/u;

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const boundaries = (text: string): Set<number> => new Set([...graphemes.segment(text)].map((s) => s.index).concat(text.length));

// Names rich in what matters: controls, bidi overrides, separators, accents, emoji.
const nameUnit = fc.oneof(
  fc.constantFrom("\r", "\n", "\t", "\u0000", "\u0085", "\u2028", "\u202e", "\u202a", "\u2066", "\u2069", "\u200f", "<", ">", '"', ",", ";", "\\", " ", "e\u0301", "👩‍⚕️", "=?"),
  fc.string({ minLength: 1, maxLength: 1, unit: "grapheme" }),
);
const arbName = fc.oneof(fc.string({ unit: nameUnit, maxLength: 120 }), fc.string({ unit: "binary", maxLength: 120 }));

function patientWithName(name: string, ins = VALID_INS[5]): ConversationPatient {
  return { address: patient(ins), ins, identity: decodeIns(ins), name, direction: "from-patient" };
}

describe("the patient's name written by the add-on", () => {
  it("is at most 64 code points, cut between two characters as seen on screen", () => {
    fc.assert(
      fc.property(arbName, (name) => {
        const out = headerDisplayName(name);
        expect(Array.from(out).length).toBeLessThanOrEqual(64);
        expect(out).not.toMatch(FORBIDDEN);
        expect(out).toBe(out.trim());
        expect(headerDisplayName(out)).toBe(out);
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps whole letters with their accents and whole emoji when it cuts", () => {
    const long = "é".normalize("NFD").repeat(40); // 80 code points, 40 letters
    expect(headerDisplayName(long)).toBe("é".normalize("NFD").repeat(32));
    const doctors = "👩‍⚕️".repeat(30); // 4 code points each
    expect(headerDisplayName(doctors)).toBe("👩‍⚕️".repeat(16));
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 65, maxLength: 100 }), (name) => {
        const clean = name.replace(/\s+/g, " ").trim();
        const out = headerDisplayName(name);
        if (out !== "" && !/[\p{Cc}\p{Zl}\p{Zp}<>",;\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u.test(clean)) {
          expect(clean.startsWith(out)).toBe(true);
          expect(boundaries(clean).has(out.length)).toBe(true);
        }
      }),
    );
  });

  it("drops bidi overrides, line breaks, quotes, brackets and commas", () => {
    expect(headerDisplayName('Marie\u202e "Durand", <x@y>\r\nBcc: z@w.fr')).toBe("Marie Durand x@y Bcc: z@w.fr");
  });

  it("goes into To as exactly one mailbox: the patient's, with that name", () => {
    fc.assert(
      fc.property(arbIns, arbName, (ins, name) => {
        const address = patient(ins);
        const field = formatRecipient(name, address);
        expect(addressParser(field)).toEqual([{ name: headerDisplayName(name), address }]);
      }),
      { numRuns: 1000 },
    );
  });

  it("fills {patient} of the closing text cleaned and cut, else greets neutrally", () => {
    fc.assert(
      fc.property(arbName, (name) => {
        const expected = headerDisplayName(name) || NEUTRAL_SALUTATION;
        expect(closingText("Bonjour {patient},\n\nFin.", name)).toBe(`Bonjour ${expected},\n\nFin.`);
      }),
      { numRuns: 1000 },
    );
    expect(closingText("Bonjour {patient}", "x".repeat(1_000_000))).toBe(`Bonjour ${"x".repeat(64)}`);
    // Not read as replacement patterns ($& is the matched text, $` what precedes it).
    expect(closingText("Bonjour {patient}.", "$& $` $'")).toBe("Bonjour $& $` $'.");
  });

  it("in the automatic [FIN]: the To name and the text hold nothing of the above, whatever the message's From", () => {
    fc.assert(
      fc.property(arbIns, arbName, (ins, name) => {
        const address = patient(ins);
        const quoted = `"${name.replace(/["\\]/g, "")}" <${address}>`;
        const lookup = conversationPatient({ author: quoted, recipients: [DOCTOR], ccList: [], bccList: [] }, [DOCTOR]);
        if (!lookup.ok) throw new Error(lookup.reason);
        expect(Array.from(lookup.patient.name).length).toBeLessThanOrEqual(64);
        const reply = buildClosingReply({ patient: lookup.patient, template: "{patient}", readReceiptDefault: true, inReplyTo: "m@x", references: [] });
        expect(lookup.patient.name).not.toMatch(FORBIDDEN);
        expect(reply.text).toBe(lookup.patient.name || NEUTRAL_SALUTATION);
        const parsed = addressParser(reply.to[0]);
        expect(parsed).toHaveLength(1);
        expect(parsed[0]?.address).toBe(address);
        expect(parsed[0]?.name ?? "").not.toMatch(FORBIDDEN);
      }),
      { numRuns: 1000 },
    );
    // A patient built elsewhere, with a raw name, is cleaned too.
    const raw = buildClosingReply({ patient: patientWithName("A\u202eB\r\n<c>"), template: "{patient}", readReceiptDefault: true, inReplyTo: "", references: [] });
    expect(raw.text).toBe("AB c");
    expect(raw.to[0]).toBe(`AB c <${patient(VALID_INS[5])}>`);
  });
});
