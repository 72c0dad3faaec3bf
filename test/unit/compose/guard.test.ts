import { say } from "../../../src/core/i18n/catalogs.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyFix,
  evaluateSend,
  FIN_SUBJECT,
  isPatientAddress,
  parseRecipients,
  recipientsNeedDirectory,
  verdictFingerprint,
  type Finding,
  type FindingCode,
  type GuardSettings,
  type SendInput,
  type SendVerdict,
} from "../../../src/core/compose/index.js";
import { checkIns, insProblemText } from "../../../src/core/ins/index.js";
import { arbIns, BAD_KEY_INS, COLLEAGUE, DOCTOR, message, patient, VALID_INS } from "./fixtures.js";

const SETTINGS: GuardSettings = { extraSenderDomains: [] };
const [P1, P2, P3] = [patient(VALID_INS[0]), patient(VALID_INS[1]), patient(VALID_INS[4])];

const codes = (findings: readonly Finding[]): FindingCode[] => findings.map((f) => f.code);
const evaluate = (overrides: Partial<SendInput>, settings: GuardSettings = SETTINGS): SendVerdict =>
  evaluateSend(message(overrides), settings);
const only = (v: SendVerdict, code: FindingCode): Finding => {
  const found = [...v.blockers, ...v.warnings].filter((f) => f.code === code);
  expect(found).toHaveLength(1);
  return found[0] as Finding;
};

describe("evaluateSend without a patient recipient", () => {
  const everythingWrong: Partial<SendInput> = {
    from: "moi@gmail.com",
    to: ["a@x.fr", "b@y.fr"],
    cc: ["c@z.fr"],
    replyTo: ["autre@gmail.com"],
    subject: "Re: [FIN]",
    attachments: [{ name: "énorme.docx", size: 40_000_000 }],
  };

  it("finds nothing, whatever the message holds", () => {
    const v = evaluate(everythingWrong);
    expect(v.blockers).toEqual([]);
    expect(v.warnings).toEqual([]);
    expect(v.patientRecipients).toEqual([]);
    expect(v.headersPatch).toBeNull();
  });

  it("a patient address in Reply-To only does not make it a patient message", () => {
    expect(evaluate({ to: [COLLEAGUE], replyTo: [P1] }).patientRecipients).toEqual([]);
  });

  it("removes X-MSS-MES, keeping every other header", () => {
    const v = evaluate({
      to: [COLLEAGUE],
      customHeaders: [
        { name: "X-Priority", value: "1 (Highest)" },
        { name: "X-Mss-Mes", value: "FIN" },
        { name: "X-Autre", value: "1" },
      ],
    });
    expect(v.headersPatch).toEqual({
      customHeaders: [
        { name: "X-Priority", value: "1 (Highest)" },
        { name: "X-Autre", value: "1" },
      ],
    });
    expect(v.blockers).toEqual([]);
  });

  it("leaves the headers alone when there is no X-MSS-MES", () => {
    expect(evaluate({ to: [COLLEAGUE], customHeaders: [{ name: "X-Priority", value: "5" }] }).headersPatch).toBeNull();
  });
});

describe("evaluateSend with patients", () => {
  it("a correct message has no finding and no header change", () => {
    const v = evaluate({
      to: [`"Durand, Lucie" <${P1}>`],
      cc: [COLLEAGUE],
      attachments: [{ name: "cr.pdf", size: 200_000 }, { name: "photo.JPG", size: 2_000_000, type: "image/jpeg" }],
      customHeaders: [{ name: "X-Mss-Mes", value: "FIN" }, { name: "X-Priority", value: "3" }],
      returnReceipt: true,
    });
    expect(v.blockers).toEqual([]);
    expect(v.warnings).toEqual([]);
    expect(v.headersPatch).toBeNull();
    expect(v.closing).toBe("none");
    expect(v.patientRecipients).toEqual([
      {
        address: P1,
        name: "Durand, Lucie",
        display: `Durand, Lucie <${P1}>`,
        fields: ["to"],
        check: checkIns(VALID_INS[0]),
        lists: [],
      },
    ]);
  });

  it("lists every patient of To, Cc and Bcc once, with the fields where it stands", () => {
    const v = evaluate({
      to: [`Lucie <${P1}>, ${COLLEAGUE}`],
      cc: ["253072a07300443@PATIENT.MSSANTE.FR"],
      bcc: [P1, P3],
    });
    expect(v.patientRecipients.map((p) => [p.address, p.fields])).toEqual([
      [P1, ["to", "bcc"]],
      ["253072a07300443@PATIENT.MSSANTE.FR", ["cc"]],
      [P3, ["bcc"]],
    ]);
  });

  describe("several patients who would see each other", () => {
    it.each([
      ["two in To", { to: [P1, P2] }],
      ["two in one To entry", { to: [`"A, B" <${P1}>, C <${P2}>`] }],
      ["one in To, one in Cc", { to: [P1], cc: [P2] }],
      ["two in Cc", { cc: [P1, P2] }],
      ["three, one also in Bcc", { to: [P1, P2], cc: [P3], bcc: [P1] }],
      ["one of them with an invalid INS", { to: [P1, patient(BAD_KEY_INS)] }],
    ])("blocks %s", (_label, overrides) => {
      const finding = only(evaluate(overrides), "patients-see-each-other");
      expect(finding.fix?.id).toBe("patients-to-bcc");
      expect(say(finding.explanation, "fr")).toContain("Cci");
      expect(say(finding.explanation, "fr")).toContain("un message par patient");
    });

    it("says how many patients are visible", () => {
      const finding = only(evaluate({ to: [P1, P2], cc: [P3] }), "patients-see-each-other");
      expect(say(finding.explanation, "fr")).toMatch(/^3 patients/);
      expect(say(finding.explanation, "en")).toMatch(/^3 patients/);
    });

    it.each([
      ["one in To, others in Bcc", { to: [P1], bcc: [P2, P3] }],
      ["one in Cc, another in Bcc", { cc: [P1], bcc: [P2] }],
    ])("blocks %s: the Bcc patients see the visible one's address", (_label, overrides) => {
      const finding = only(evaluate(overrides), "patients-see-each-other");
      expect(finding.fix?.id).toBe("patients-to-bcc");
      expect(say(finding.explanation, "fr")).toContain(`« ${P1} » est en « À » ou « Cc »`);
      expect(say(finding.explanation, "en")).toContain(`"${P1}" is in "To" or "Cc"`);
      const fixed = { ...message(overrides), ...applyFix(message(overrides), "patients-to-bcc") };
      expect(codes(evaluateSend(fixed, SETTINGS).blockers)).not.toContain("patients-see-each-other");
    });

    it.each([
      ["several in Bcc only", { bcc: [P1, P2, P3] }],
      ["several in Bcc with an exact [FIN]", { bcc: [P1, P2, P3], subject: FIN_SUBJECT }],
      ["the same patient in To and Cc", { to: [P1], cc: [P1.toUpperCase()] }],
      ["the same Corsican patient written two ways", { to: ["253072a07300443@patient.mssante.fr"], cc: [patient("253072A07300443")] }],
      ["one patient with professionals", { to: [P1, COLLEAGUE], cc: ["dr.x@medecin.mssante.fr"] }],
    ])("allows %s", (_label, overrides) => {
      expect(codes(evaluate(overrides).blockers)).not.toContain("patients-see-each-other");
    });
  });

  describe("invalid INS", () => {
    it.each([
      [patient(BAD_KEY_INS)],
      [patient("146026322000195")],
      ["2951099126111@patient.mssante.fr"],
      ["jean.dupont@patient.mssante.fr"],
      ["2951.09912611193@patient.mssante.fr"],
    ])("blocks %s, naming it and saying why", (address) => {
      const finding = only(evaluate({ bcc: [address] }), "patient-ins-invalid");
      expect(finding.address).toBe(address);
      expect(say(finding.title, "fr")).toContain(address);
      expect(say(finding.title, "en")).toContain(address);
      const check = checkIns(address.slice(0, address.indexOf("@")));
      if (!check.valid) expect(say(finding.explanation, "fr")).toContain(say(insProblemText(check), "fr"));
    });

    it("blocks each invalid address separately", () => {
      const v = evaluate({ to: [P1], bcc: [patient(BAD_KEY_INS), "2951099126111@patient.mssante.fr"] });
      expect(v.blockers.filter((f) => f.code === "patient-ins-invalid").map((f) => f.address)).toEqual([
        patient(BAD_KEY_INS),
        "2951099126111@patient.mssante.fr",
      ]);
    });

    it("says the key is missing for 13 digits", () => {
      expect(say(only(evaluate({ to: ["2951099126111@patient.mssante.fr"] }), "patient-ins-invalid").explanation, "fr")).toContain(
        "clé de 2 chiffres manque",
      );
    });
  });

  describe("sender", () => {
    it.each([
      ["an ordinary address", "Dr X <dr.x@gmail.com>", "gmail.com"],
      ["a patient address", P2, "adresse patient"],
      ["no sender", "", "Aucune adresse"],
    ])("blocks %s", (_label, from, words) => {
      const finding = only(evaluate({ from, to: [P1] }), "sender-not-mssante");
      expect(say(finding.explanation, "fr")).toContain(words);
      expect(say(finding.explanation, "fr")).toContain("« De »");
    });

    it("allows an extra domain from the settings", () => {
      const v = evaluate({ from: "qa@app.test.example", to: [P1] }, { extraSenderDomains: ["@test.example"] });
      expect(codes(v.blockers)).toEqual([]);
    });
  });

  describe("subject", () => {
    it.each([["Re: [FIN]"], ["[Fin]"], ["[FIN] merci"], [" [FIN]"], ["[ FIN ]"], ["Réf : [FIN]"]])("blocks %j", (subject) => {
      const v = evaluate({ to: [P1], subject });
      const finding = only(v, "subject-fin-malformed");
      expect(finding.fix?.id).toBe("subject-exact-fin");
      expect(say(finding.explanation, "fr")).toContain(subject);
      expect(v.closing).toBe("malformed");
    });

    it.each([[FIN_SUBJECT], ["Fin de traitement"], [""]])("allows %j", (subject) => {
      expect(evaluate({ to: [P1], subject }).blockers).toEqual([]);
    });

    it("reports an exact [FIN]", () => {
      expect(evaluate({ to: [P1], subject: FIN_SUBJECT }).closing).toBe("exact");
    });
  });

  describe("size", () => {
    it("blocks over 25 Mo, giving the size and the limit", () => {
      const v = evaluate({ to: [P1], attachments: [{ name: "irm.pdf", size: 19_000_000 }] });
      const finding = only(v, "message-too-large");
      expect(v.estimatedBytes).toBeGreaterThan(25_000_000);
      expect(say(finding.explanation, "fr")).toContain("26,1 Mo");
      expect(say(finding.explanation, "fr")).toContain("25 Mo");
      expect(say(finding.explanation, "en")).toContain("26.1 MB");
    });

    it("counts every file", () => {
      const files = [1, 2, 3, 4].map((i) => ({ name: `scan${i}.pdf`, size: 4_700_000 }));
      expect(codes(evaluate({ to: [P1], attachments: files }).blockers)).toEqual(["message-too-large"]);
      expect(codes(evaluate({ to: [P1], attachments: files.slice(1) }).blockers)).toEqual([]);
    });

    it("follows a lower limit from the settings", () => {
      const settings = { extraSenderDomains: [], maxMessageBytes: 10_000_000 };
      const finding = only(evaluate({ to: [P1], attachments: [{ name: "a.pdf", size: 8_000_000 }] }, settings), "message-too-large");
      expect(say(finding.explanation, "fr")).toContain("10 Mo");
    });

    it.each([[0], [-5], [Number.NaN], [Number.POSITIVE_INFINITY]])("ignores a limit of %s", (maxMessageBytes) => {
      const v = evaluate({ to: [P1], attachments: [{ name: "a.pdf", size: 8_000_000 }] }, { extraSenderDomains: [], maxMessageBytes });
      expect(v.blockers).toEqual([]);
    });
  });

  describe("attachment formats", () => {
    it("warns about files that are not PDF, JPEG or PNG, listing them", () => {
      const v = evaluate({
        to: [P1],
        attachments: [
          { name: "cr.pdf", size: 1 },
          { name: "lettre.docx", size: 1 },
          { name: "sans-nom", size: 1, type: "image/png" },
          { name: "scan.pdf", size: 1, type: "image/tiff" },
        ],
      });
      expect(v.blockers).toEqual([]);
      const finding = only(v, "attachment-format");
      expect(say(finding.explanation, "fr")).toContain("« lettre.docx » et « scan.pdf »");
      expect(say(finding.explanation, "fr")).not.toContain("cr.pdf");
      expect(say(finding.explanation, "fr")).not.toContain("sans-nom");
    });

    it("shortens a long list", () => {
      const attachments = Array.from({ length: 8 }, (_, i) => ({ name: `f${i}.doc`, size: 1 }));
      expect(say(only(evaluate({ to: [P1], attachments }), "attachment-format").explanation, "fr")).toContain("et 3 autres");
    });
  });

  describe("Reply-To", () => {
    it("warns, naming where the replies would go", () => {
      const finding = only(evaluate({ to: [P1], replyTo: ["Secrétariat <secretariat@cabinet.fr>"] }), "reply-to-set");
      expect(say(finding.explanation, "fr")).toContain("secretariat@cabinet.fr");
      expect(finding.fix?.id).toBe("remove-reply-to");
    });

    it("does not warn when Reply-To is the sender itself or empty", () => {
      expect(evaluate({ to: [P1], replyTo: ["ANNE.MARTIN@medecin.mssante.fr"] }).warnings).toEqual([]);
      expect(evaluate({ to: [P1], replyTo: [""] }).warnings).toEqual([]);
    });
  });

  describe("X-MSS-MES", () => {
    it("writes the exact header back when its value is FIN in another form", () => {
      const v = evaluate({ to: [P1], customHeaders: [{ name: "X-Priority", value: "2" }, { name: "x-mss-mes", value: " fin" }] });
      expect(v.headersPatch).toEqual({ customHeaders: [{ name: "X-Priority", value: "2" }, { name: "X-MSS-MES", value: "FIN" }] });
      expect(v.warnings).toEqual([]);
    });

    it("removes a duplicate", () => {
      const v = evaluate({ to: [P1], customHeaders: [{ name: "X-Mss-Mes", value: "FIN" }, { name: "X-MSS-MES", value: "FIN" }] });
      expect(v.headersPatch).toEqual({ customHeaders: [{ name: "X-Mss-Mes", value: "FIN" }] });
    });

    it("warns about an unknown value", () => {
      const v = evaluate({ to: [P1], customHeaders: [{ name: "X-Mss-Mes", value: "OUI" }] });
      expect(only(v, "no-reply-header-value").fix?.id).toBe("remove-no-reply-header");
      expect(v.headersPatch).toBeNull();
    });
  });

  it("every finding speaks French and English", () => {
    const v = evaluate({
      from: "x@gmail.com",
      to: [P1, patient(BAD_KEY_INS)],
      replyTo: ["r@x.fr"],
      subject: "Re: [FIN]",
      attachments: [{ name: "x.zip", size: 30_000_000 }],
      customHeaders: [{ name: "X-MSS-MES", value: "?" }],
    });
    const all = [...v.blockers, ...v.warnings];
    expect(new Set(codes(all))).toEqual(
      new Set([
        "sender-not-mssante",
        "patient-ins-invalid",
        "patients-see-each-other",
        "subject-fin-malformed",
        "message-too-large",
        "attachment-format",
        "reply-to-set",
        "no-reply-header-value",
      ]),
    );
    for (const f of all) {
      for (const text of [f.title, f.explanation, ...(f.fix ? [f.fix.label] : [])]) {
        expect(say(text, "fr").trim()).not.toBe("");
        expect(say(text, "en").trim()).not.toBe("");
        expect(say(text, "fr")).not.toBe(say(text, "en"));
      }
    }
  });
});

describe("applyFix", () => {
  it("sets the subject to exactly [FIN]", () => {
    const input = message({ to: [P1], subject: "Re: [FIN]" });
    const patch = applyFix(input, "subject-exact-fin");
    expect(patch).toEqual({ subject: "[FIN]" });
    expect(evaluateSend({ ...input, ...patch }, SETTINGS).blockers).toEqual([]);
  });

  it("empties Reply-To", () => {
    const input = message({ to: [P1], replyTo: ["a@x.fr", "b@y.fr"] });
    const patch = applyFix(input, "remove-reply-to");
    expect(patch).toEqual({ replyTo: [] });
    expect(evaluateSend({ ...input, ...patch }, SETTINGS).warnings).toEqual([]);
  });

  it("removes X-MSS-MES, keeping the other headers", () => {
    const input = message({ to: [P1], customHeaders: [{ name: "X-Mss-Mes", value: "NON" }, { name: "X-Priority", value: "1" }] });
    expect(applyFix(input, "remove-no-reply-header")).toEqual({ customHeaders: [{ name: "X-Priority", value: "1" }] });
  });

  it("moves patients from To and Cc to Bcc, keeping the others in place", () => {
    const input = message({
      to: [`Lucie Durand <${P1}>`, COLLEAGUE, `"Martin, Paul" <${P2}>, Dr X <x@medecin.mssante.fr>`],
      cc: ["Secrétariat <sec@ch.mssante.fr>", P3],
      bcc: ["archive@ch.mssante.fr", P3],
    });
    const patch = applyFix(input, "patients-to-bcc");
    expect(patch).toEqual({
      to: [COLLEAGUE, "Dr X <x@medecin.mssante.fr>"],
      cc: ["Secrétariat <sec@ch.mssante.fr>"],
      // Written back as the add-on writes names: no comma to split the address list on.
      bcc: ["archive@ch.mssante.fr", P3, `Lucie Durand <${P1}>`, `Martin Paul <${P2}>`],
    });
    const v = evaluateSend({ ...input, ...patch }, SETTINGS);
    expect(v.blockers).toEqual([]);
    expect(v.patientRecipients.map((p) => p.fields)).toEqual([["bcc"], ["bcc"], ["bcc"]]);
  });

  it("does not touch anything a fix does not concern", () => {
    const input = message({ to: [P1, P2], subject: "Re: [FIN]", replyTo: ["a@x.fr"] });
    expect(Object.keys(applyFix(input, "patients-to-bcc")).sort()).toEqual(["bcc", "cc", "to"]);
    expect(Object.keys(applyFix(input, "subject-exact-fin"))).toEqual(["subject"]);
  });
});

describe("verdictFingerprint", () => {
  const base = message({
    to: [P1, COLLEAGUE],
    replyTo: ["sec@cabinet.fr"],
    attachments: [{ name: "lettre.docx", size: 1000 }],
    customHeaders: [{ name: "X-Priority", value: "3" }],
  });
  const fp = verdictFingerprint(base);

  it("is short and stable", () => {
    expect(fp).toMatch(/^v1-[0-9a-z]{22}$/);
    expect(verdictFingerprint({ ...base })).toBe(fp);
  });

  it.each<[string, Partial<SendInput>]>([
    ["another attachment", { attachments: [...base.attachments, { name: "b.odt", size: 5 }] }],
    ["a renamed attachment", { attachments: [{ name: "lettre2.docx", size: 1000 }] }],
    ["an attachment of another size", { attachments: [{ name: "lettre.docx", size: 1001 }] }],
    ["an attachment of another type", { attachments: [{ name: "lettre.docx", size: 1000, type: "application/pdf" }] }],
    ["another Reply-To", { replyTo: ["autre@cabinet.fr"] }],
    ["no Reply-To", { replyTo: [] }],
    ["another recipient", { to: [P2, COLLEAGUE] }],
    ["a recipient moved to Bcc", { to: [COLLEAGUE], bcc: [P1] }],
    ["another sender", { from: "x@ch.mssante.fr" }],
    ["another header", { customHeaders: [{ name: "X-Mss-Mes", value: "FIN" }] }],
  ])("changes with %s", (_label, overrides) => {
    expect(verdictFingerprint({ ...base, ...overrides })).not.toBe(fp);
  });

  it.each<[string, Partial<SendInput>]>([
    ["the subject", { subject: "Autre" }],
    ["the body", { bodyBytes: 99_999 }],
    ["the read receipt", { returnReceipt: true }],
    ["the order or display names of recipients", { to: [COLLEAGUE, `Lucie <${P1.toUpperCase()}>`] }],
  ])("does not change with %s", (_label, overrides) => {
    expect(verdictFingerprint({ ...base, ...overrides })).toBe(fp);
  });
});

describe("properties", () => {
  const arbText = fc.oneof(fc.string({ unit: "binary" }), fc.string());
  const arbAny: fc.Arbitrary<SendInput> = fc.record({
    from: arbText,
    to: fc.array(arbText, { maxLength: 4 }),
    cc: fc.array(arbText, { maxLength: 3 }),
    bcc: fc.array(arbText, { maxLength: 3 }),
    replyTo: fc.array(arbText, { maxLength: 2 }),
    subject: arbText,
    bodyBytes: fc.oneof(fc.nat(), fc.double()),
    attachments: fc.array(fc.record({ name: arbText, size: fc.oneof(fc.nat(), fc.double()), type: fc.option(arbText, { nil: undefined }) }), {
      maxLength: 3,
    }),
    customHeaders: fc.array(fc.record({ name: fc.oneof(arbText, fc.constant("X-Mss-Mes")), value: arbText }), { maxLength: 3 }),
    returnReceipt: fc.boolean(),
  });

  const arbPatient = fc.tuple(arbIns, fc.boolean(), fc.constantFrom("", "Lucie", "Durand, Lucie", 'Le "Doc"')).map(([ins, upper, name]) => {
    const address = upper ? patient(ins).toUpperCase() : patient(ins).toLowerCase();
    return name === "" ? address : `"${name.replace(/"/g, '\\"')}" <${address}>`;
  });
  const arbPro = fc.constantFrom(COLLEAGUE, DOCTOR, "Sec <sec@ch.mssante.fr>", '"Dupont, Marie" <m@labo.mssante.fr>');
  const arbEntry = fc.oneof(
    arbPatient,
    arbPro,
    fc.tuple(arbPatient, arbPro).map(([a, b]) => `${a}, ${b}`),
    fc.constant(patient(BAD_KEY_INS)),
  );
  const arbWithPatients: fc.Arbitrary<SendInput> = fc
    .record({
      to: fc.array(arbEntry, { maxLength: 4 }),
      cc: fc.array(arbEntry, { maxLength: 3 }),
      bcc: fc.array(arbEntry, { maxLength: 2 }),
      subject: fc.constantFrom("", FIN_SUBJECT, "Re: [FIN]", "Résultats"),
    })
    .map((r) => message(r));

  it("evaluateSend never throws, and a verdict is always complete", () => {
    fc.assert(
      fc.property(arbAny, fc.array(arbText, { maxLength: 2 }), (input, extra) => {
        const v = evaluateSend(input, { extraSenderDomains: extra });
        expect(Array.isArray(v.blockers) && Array.isArray(v.warnings)).toBe(true);
        expect(typeof verdictFingerprint(input)).toBe("string");
      }),
      { numRuns: 300 },
    );
  });

  it("a message with no patient recipient never has a finding", () => {
    fc.assert(
      fc.property(arbAny, (input) => {
        const recipients = [...input.to, ...input.cc, ...input.bcc].flatMap((e) => parseRecipients(e));
        fc.pre(!recipients.some((m) => isPatientAddress(m.address)));
        const v = evaluateSend(input, SETTINGS);
        expect(v.blockers).toEqual([]);
        expect(v.warnings).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("X-MSS-MES never stays on a message without a patient (every recipient an address)", () => {
    fc.assert(
      fc.property(arbAny, (input) => {
        const recipients = [...input.to, ...input.cc, ...input.bcc].flatMap((e) => parseRecipients(e));
        fc.pre(!recipients.some((m) => isPatientAddress(m.address)));
        // A recipient that is not an address (a list the address book did not resolve) may
        // be a patient: the user's header is then left alone (see expand.test.ts).
        fc.pre(!recipientsNeedDirectory(input));
        const headers = evaluateSend(input, SETTINGS).headersPatch?.customHeaders ?? input.customHeaders;
        expect(headers.some((h) => h.name.trim().toLowerCase() === "x-mss-mes")).toBe(false);
      }),
    );
  });

  it("after patients-to-bcc no patient is visible to another, and no address is lost", () => {
    const addresses = (entries: readonly string[]): string[] => entries.flatMap((e) => parseRecipients(e).map((m) => m.address.toLowerCase()));
    fc.assert(
      fc.property(arbWithPatients, (input) => {
        const patch = applyFix(input, "patients-to-bcc");
        const after = { ...input, ...patch };
        const v = evaluateSend(after, SETTINGS);
        expect(codes(v.blockers)).not.toContain("patients-see-each-other");
        expect([...addresses(after.to), ...addresses(after.cc)].some(isPatientAddress)).toBe(false);
        const before = new Set(addresses([...input.to, ...input.cc, ...input.bcc]));
        const now = new Set(addresses([...after.to, ...after.cc, ...after.bcc]));
        expect(now).toEqual(before);
        // Professionals stay where they were.
        expect(addresses(after.to)).toEqual(addresses(input.to).filter((a) => !isPatientAddress(a)));
        expect(addresses(after.cc)).toEqual(addresses(input.cc).filter((a) => !isPatientAddress(a)));
      }),
    );
  });

  it("evaluates a typical message in well under 1 ms", () => {
    const input = message({
      to: [`"Durand, Lucie" <${P1}>`],
      cc: [COLLEAGUE],
      subject: "Vos résultats d'analyse",
      bodyBytes: 4_000,
      attachments: [{ name: "résultats.pdf", size: 350_000, type: "application/pdf" }],
      customHeaders: [{ name: "X-Priority", value: "3" }, { name: "X-Mss-Mes", value: "FIN" }],
    });
    for (let i = 0; i < 200; i++) evaluateSend(input, SETTINGS);
    const runs = 2_000;
    const start = performance.now();
    for (let i = 0; i < runs; i++) evaluateSend(input, SETTINGS);
    expect((performance.now() - start) / runs).toBeLessThan(0.5);
  });
});
