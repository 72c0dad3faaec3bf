import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Notice, NoticeRecipient } from "../../../src/core/notices/index.js";
import type { Label } from "../../../eval/labels.js";
import { aims, disagreements, figuresOf, percent, prefilterMisses, reasonConfusion, verdictOfNotice, type Row, type Verdict } from "../../../eval/metrics.js";

const label = (kind: Label["kind"], recipients: Label["recipients"] = [], notNotice: Label["notNotice"] = null): Label => ({
  file: "f",
  kind,
  notNotice: kind === "none" ? (notNotice ?? "ordinary") : null,
  recipients,
});
const v = (kind: Verdict["kind"], recipients: Verdict["recipients"] = []): Verdict => ({ kind, recipients });
const row = (file: string, l: Label, ours: Verdict, sisimai: Verdict | null = null, prefilter = true, summary = true): Row => ({
  file,
  label: l,
  ours,
  sisimai,
  prefilter,
  summary,
});
const ours = (r: Row): Verdict | null => r.ours;
const sis = (r: Row): Verdict | null => r.sisimai;

const A = "a@x.example";
const B = "b@x.example";

const ROWS: Row[] = [
  // 1. right kind, right recipient, right reason
  row("1", label("bounce", [{ address: A, reason: "unknown-recipient" }]), v("bounce", [{ address: A, reason: "unknown-recipient" }]), v("bounce", [{ address: A, reason: "unknown-recipient" }])),
  // 2. two labelled: one found with a wrong reason, one missing; one extra address
  row(
    "2",
    label("bounce", [
      { address: A, reason: "sender-rejected" },
      { address: B, reason: "mailbox-full" },
    ]),
    v("bounce", [
      { address: "A@X.example", reason: "unknown-recipient" },
      { address: "c@x.example", reason: "other" },
    ]),
    v("none"),
    false,
  ),
  // 3. delay read as a bounce
  row("3", label("delay", [{ address: A, reason: "temporary" }]), v("bounce", [{ address: A, reason: "temporary" }]), v("delay", [{ address: A, reason: "temporary" }])),
  // 4. auto-reply: false alarm for Sisimai only
  row("4", label("none", [], "auto-reply"), v("none"), v("bounce", [{ address: A, reason: "other" }]), true, false),
  // 5. receipt reported as a bounce: a false alarm; Sisimai says none (right on failure-or-not)
  row("5", label("receipt", [{ address: A, reason: null }]), v("bounce", [{ address: A, reason: "other" }]), v("none"), false),
  // 6. a bounce whose recipients are not stated (fixture without recipients)
  row("6", label("bounce", null), v("bounce", [{ address: A, reason: "other" }]), null, true, false),
];

describe("figuresOf", () => {
  it("counts what agrees with the label, strictly", () => {
    expect(figuresOf(ROWS, ours)).toEqual({
      kindExact: { n: 4, of: 6 },
      failureOrNot: { n: 5, of: 6 },
      reasons: { n: 2, of: 4 },
      reasonsOfFound: { n: 2, of: 3 },
      recipientsExact: { n: 2, of: 3 },
      addressesFound: { n: 3, of: 4 },
      addressesExtra: 1,
      falseAlarms: { n: 1, of: 2 },
    });
  });

  it("skips the rows a classifier was not run on, and counts a bounce said to be none as finding no one", () => {
    expect(figuresOf(ROWS, sis)).toEqual({
      kindExact: { n: 2, of: 5 },
      failureOrNot: { n: 3, of: 5 },
      reasons: { n: 2, of: 4 },
      reasonsOfFound: { n: 2, of: 2 },
      recipientsExact: { n: 2, of: 3 },
      addressesFound: { n: 2, of: 4 },
      addressesExtra: 0,
      falseAlarms: { n: 1, of: 2 },
    });
  });

  it("gives a perfect classifier every figure in full, on any labels", () => {
    const reasonArb = fc.constantFrom("unknown-recipient", "mailbox-closed", "temporary", "other" as const);
    const labelArb = fc.oneof(
      fc.record({
        kind: fc.constantFrom("bounce", "delay" as const),
        recipients: fc.uniqueArray(fc.record({ address: fc.emailAddress(), reason: reasonArb }), { selector: (r) => r.address.toLowerCase() }),
      }),
      fc.constant({ kind: "none" as const, recipients: [] }),
    );
    fc.assert(
      fc.property(fc.array(labelArb), (labels) => {
        const rows = labels.map((l, i) => row(String(i), label(l.kind, l.recipients), v(l.kind, l.recipients)));
        const f = figuresOf(rows, ours);
        for (const r of [f.kindExact, f.failureOrNot, f.reasons, f.recipientsExact, f.addressesFound]) expect(r.n).toBe(r.of);
        expect(f.falseAlarms.n).toBe(0);
        expect(f.addressesExtra).toBe(0);
      }),
    );
  });
});

describe("per file", () => {
  it("says what differs", () => {
    const [, second, third] = ROWS;
    if (second === undefined || third === undefined) throw new Error("rows");
    expect(disagreements(second.label, second.ours)).toEqual([
      `${A}: reason unknown-recipient, label sender-rejected`,
      `missing ${B} (mailbox-full)`,
      "extra c@x.example",
    ]);
    expect(disagreements(third.label, third.ours)).toEqual(["kind bounce, label delay"]);
    expect(disagreements(third.label, v("delay", [{ address: A, reason: "temporary" }]))).toEqual([]);
  });

  it("tallies reasons label → said", () => {
    expect([...reasonConfusion(ROWS, ours).entries()]).toEqual([
      ["sender-rejected → unknown-recipient", 1],
      ["mailbox-full → (not found)", 1],
    ]);
  });

  it("lists the labelled notices the pre-filter turns down", () => {
    expect(prefilterMisses(ROWS)).toEqual({ missed: ["2", "5"], of: 5 });
    expect(prefilterMisses(ROWS, "summary")).toEqual({ missed: ["6"], of: 5 });
  });

  it("formats a ratio", () => {
    expect(percent({ n: 1, of: 3 })).toBe("33.3 %");
    expect(percent({ n: 0, of: 0 })).toBe("n/a");
  });
});

describe("verdictOfNotice", () => {
  const rcpt = (address: string, action: NoticeRecipient["action"], reason: NoticeRecipient["reason"]): NoticeRecipient => ({
    address,
    action,
    status: null,
    diagnostic: null,
    reason,
    ins: null,
    insValid: null,
    disposition: null,
    date: null,
  });
  const notice = (kind: Notice["kind"], recipients: NoticeRecipient[]): Notice => ({
    kind,
    notNotice: kind === "none" ? "ordinary" : null,
    format: null,
    recipients,
    original: null,
    subject: null,
    date: null,
    reporter: null,
  });

  it("keeps the failed and delayed recipients of a bounce, not the delivered ones", () => {
    const n = notice("bounce", [rcpt("A@x.example", "failed", "unknown-recipient"), rcpt("b@x.example", "delivered", null), rcpt("c@x.example", null, "other")]);
    expect(verdictOfNotice(n)).toEqual({
      kind: "bounce",
      recipients: [
        { address: "a@x.example", reason: "unknown-recipient" },
        { address: "c@x.example", reason: "other" },
      ],
    });
  });

  it("keeps a receipt's reader", () => {
    expect(verdictOfNotice(notice("receipt", [rcpt("p@x.example", null, null)])).recipients).toEqual([{ address: "p@x.example", reason: null }]);
  });
});

describe("aims", () => {
  const perfect = figuresOf([ROWS[0] as Row], ours);
  it("are all met by a classifier that agrees with every label", () => {
    expect(aims(perfect, figuresOf(ROWS, sis)).every((a) => a.met)).toBe(true);
  });

  it("are missed one by one", () => {
    const met = (f: ReturnType<typeof figuresOf>, s = figuresOf(ROWS, sis)): boolean[] => aims(f, s).map((a) => a.met);
    expect(met({ ...perfect, reasons: { n: 89, of: 100 } })).toEqual([false, true, true, true]);
    expect(met({ ...perfect, addressesFound: { n: 97, of: 100 } })).toEqual([true, false, true, true]);
    expect(met({ ...perfect, falseAlarms: { n: 1, of: 10 } }, perfect)).toEqual([true, true, false, false]);
    expect(met(perfect, { ...perfect, addressesExtra: -1 })).toEqual([true, true, true, false]);
    expect(met({ ...perfect, recipientsExact: { n: 9, of: 10 } }, perfect)).toEqual([true, true, true, false]);
  });
});
