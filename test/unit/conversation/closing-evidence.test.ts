/**
 * Which stored [FIN] prove a closing: only one an identity of the user sent, filed in a Sent
 * folder (or a folder under one; the Archives do not count: they hold received mail too), dated no later than now plus the clock skew.
 * Property-based: no draft, Outbox, Trash, template or junk copy, no message from someone
 * else and none dated in the future ever closes; what really closes closes whatever else lies
 * around it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  authoredBy,
  CLOCK_SKEW_MS,
  closingSendMode,
  conversationState,
  datedByNow,
  filedAsSent,
  NOT_SENT_USES,
  placeOf,
  provesClosing,
  SENT_MAIL_USES,
  waitsToClose,
  type SentMessage,
} from "../../../src/core/conversation/index.js";
import { patient, VALID_INS } from "../compose/fixtures.js";

const DOCTOR = "dr.martin@medecin.mssante.fr";
const SECRETARIAT = "secretariat@cabinet.mssante.fr";
const OWN = [DOCTOR, SECRETARIAT];
const P1 = patient(VALID_INS[5]);
const NOW = Date.UTC(2025, 5, 1, 12, 0);
const DAY = 86_400_000;

const fin = (p: Partial<SentMessage> = {}): SentMessage => ({
  headerMessageId: "fin@cab",
  date: NOW - DAY,
  references: [],
  subject: "[FIN]",
  author: `Dr Martin <${DOCTOR}>`,
  recipients: [P1],
  ccList: [],
  bccList: [],
  folderUses: [["sent"]],
  ...p,
});

const ALL_USES = ["inbox", "drafts", "sent", "trash", "templates", "archives", "junk", "outbox"];
const arbUses = fc.uniqueArray(fc.constantFrom(...ALL_USES), { maxLength: 3 });
const arbChain = fc.array(arbUses, { maxLength: 4 });
const arbOwn = fc.constantFrom(...OWN).chain((address) =>
  fc.tuple(fc.constantFrom("", "Dr Martin ", "\"Martin, Claire\" "), fc.boolean()).map(([name, upper]) => {
    const a = upper ? address.toUpperCase() : address;
    return name === "" ? a : `${name}<${a}>`;
  }),
);
const arbStranger = fc.constantFrom(`Marie <${P1}>`, "someone@exemple.fr", "Dr Martin <dr.martin@medecin.mssante.fr.evil.fr>", "", "Dr Martin", "a@b.fr, dr.martin@medecin.mssante.fr");
const arbDate = fc.oneof(fc.integer({ min: NOW - 3000 * DAY, max: NOW + 3000 * DAY }), fc.constant(Number.NaN));
const arbMessage = fc.record({
  author: fc.oneof(arbOwn, arbStranger),
  folderUses: arbChain,
  date: arbDate,
  subject: fc.constantFrom("[FIN]", "Re: [FIN]", "[Fin]"),
});

describe("the rule, case by case", () => {
  it("a [FIN] an identity sent, in Sent, dated by now, proves the closing; in Archives it does not", () => {
    expect(provesClosing(fin(), P1, OWN, NOW)).toBe(true);
    expect(provesClosing(fin({ folderUses: [["archives"]] }), P1, OWN, NOW)).toBe(false);
    expect(provesClosing(fin({ folderUses: [[], ["archives"]] }), P1, OWN, NOW)).toBe(false);
    expect(provesClosing(fin({ author: SECRETARIAT.toUpperCase() }), P1.toUpperCase(), OWN, NOW)).toBe(true);
  });

  it("a draft, template, Outbox, Trash or junk copy does not", () => {
    for (const use of ["drafts", "templates", "outbox", "trash", "junk", "inbox"]) {
      expect(provesClosing(fin({ folderUses: [[use]] }), P1, OWN, NOW)).toBe(false);
    }
    expect(provesClosing(fin({ folderUses: [["sent", "trash"]] }), P1, OWN, NOW)).toBe(false);
  });

  it("a folder counts as the nearest one above it with a special use", () => {
    expect(placeOf([[], ["archives"], ["sent"]])).toEqual(["archives"]);
    expect(filedAsSent([[], ["archives"]])).toBe(false);
    expect(filedAsSent([[], ["sent"]])).toBe(true);
    expect(filedAsSent([[], ["archives"], ["sent"]])).toBe(false);
    expect(filedAsSent([[], ["trash"], ["sent"]])).toBe(false);
    expect(filedAsSent([[], []])).toBe(false);
    expect(filedAsSent([])).toBe(false);
  });

  it("someone else's [FIN], or one with no single From, does not", () => {
    expect(authoredBy("someone@exemple.fr", OWN)).toBe(false);
    expect(authoredBy(`Dr Martin <${DOCTOR}>, someone@exemple.fr`, OWN)).toBe(false);
    expect(authoredBy("", OWN)).toBe(false);
    expect(authoredBy("", [""])).toBe(false);
    expect(provesClosing(fin({ author: `Marie <${P1}>` }), P1, OWN, NOW)).toBe(false);
  });

  it("a [FIN] dated beyond now plus a few minutes, or without a date, does not", () => {
    expect(datedByNow(NOW + CLOCK_SKEW_MS, NOW)).toBe(true);
    expect(datedByNow(NOW + CLOCK_SKEW_MS + 1, NOW)).toBe(false);
    expect(datedByNow(Number.NaN, NOW)).toBe(false);
    expect(provesClosing(fin({ date: NOW + DAY }), P1, OWN, NOW)).toBe(false);
  });

  it("the subject must be exactly [FIN], to that patient", () => {
    expect(provesClosing(fin({ subject: "Re: [FIN]" }), P1, OWN, NOW)).toBe(false);
    expect(provesClosing(fin({ recipients: [patient(VALID_INS[1])] }), P1, OWN, NOW)).toBe(false);
  });
});

describe("the rule, for every message", () => {
  it("nothing dated in the future, not authored by an identity, or not filed as sent ever proves a closing", () => {
    fc.assert(
      fc.property(arbMessage, fc.integer({ min: NOW - DAY, max: NOW + DAY }), (m, now) => {
        const proves = provesClosing(fin(m), P1, OWN, now);
        const future = !(m.date <= now + CLOCK_SKEW_MS);
        const place = placeOf(m.folderUses);
        const unsent = place.some((use) => NOT_SENT_USES.includes(use)) || !place.some((use) => SENT_MAIL_USES.includes(use));
        const stranger = !authoredBy(m.author, OWN);
        if (future || unsent || stranger || m.subject !== "[FIN]") expect(proves).toBe(false);
        else expect(proves).toBe(true);
      }),
    );
  });

  it("a draft (or any unsent copy) never proves a closing, whoever wrote it and whenever", () => {
    fc.assert(
      fc.property(arbMessage, fc.constantFrom(...NOT_SENT_USES), arbChain, (m, unsent, above) => {
        expect(provesClosing(fin({ ...m, subject: "[FIN]", folderUses: [[unsent], ...above] }), P1, OWN, NOW)).toBe(false);
      }),
    );
  });

  it("messages that prove nothing never change the state of a conversation", () => {
    const displayed = { headerMessageId: "q@patient.mssante.fr", date: NOW - 10 * DAY, references: [] };
    fc.assert(
      fc.property(fc.array(arbMessage, { maxLength: 6 }), fc.boolean(), (others, withRealOne) => {
        const real = withRealOne ? [fin({ headerMessageId: "real@cab", date: NOW - 5 * DAY })] : [];
        const noise = others.map((m, i) => fin({ ...m, headerMessageId: `n${i}@x` })).filter((m) => !provesClosing(m, P1, OWN, NOW));
        const context = { ownAddresses: OWN, now: NOW };
        expect(conversationState(P1, displayed, [...noise, ...real], context)).toEqual(conversationState(P1, displayed, real, context));
      }),
    );
  });
});

describe("how the [FIN] of 'close after sending' leaves", () => {
  it("as the message it closes did: now after a send now, in the Outbox after a Send Later, not at all after a save", () => {
    expect(closingSendMode("sendNow")).toBe("sendNow");
    expect(closingSendMode("")).toBe("sendNow");
    expect(closingSendMode("sendLater")).toBe("sendLater");
    expect(closingSendMode("draft")).toBeNull();
    expect(closingSendMode("template")).toBeNull();
  });
});

describe("a [FIN] waiting in the Outbox (sent later, or offline)", () => {
  it("waits to close: exactly [FIN], to the patient, from the user, in the Outbox (or a folder under it)", () => {
    expect(waitsToClose(fin({ folderUses: [["outbox"]] }), P1, OWN)).toBe(true);
    expect(waitsToClose(fin({ folderUses: [[], ["Outbox"]] }), P1, OWN)).toBe(true);
  });

  it("not when sent, a draft, a template, in the Trash, to someone else, from someone else, or not exactly [FIN]", () => {
    for (const uses of [["sent"], ["drafts"], ["templates"], ["trash"], ["junk"], ["inbox"], []]) {
      expect(waitsToClose(fin({ folderUses: [uses] }), P1, OWN)).toBe(false);
    }
    expect(waitsToClose(fin({ folderUses: [["outbox"]], recipients: [patient(VALID_INS[0])] }), P1, OWN)).toBe(false);
    expect(waitsToClose(fin({ folderUses: [["outbox"]], author: "Autre <autre@ch.mssante.fr>" }), P1, OWN)).toBe(false);
    for (const subject of ["Re: [FIN]", "[Fin]", "[FIN] merci", " [FIN]"]) {
      expect(waitsToClose(fin({ folderUses: [["outbox"]], subject }), P1, OWN)).toBe(false);
    }
  });

  it("never proves a closing, whatever it is (it has not left)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("outbox", "sent", "drafts", ""), { maxLength: 3 }), (extra) => {
        const message = fin({ folderUses: [["outbox", ...extra.filter((u) => u !== "")]] });
        expect(provesClosing(message, P1, OWN, NOW)).toBe(false);
      }),
    );
  });
});
