import { describe, expect, it } from "vitest";
import { classifyMessage, looksLikeNotice } from "../../../src/core/notices/index.js";

function message(headers: readonly string[], body: readonly string[]): string {
  return [...headers, "Content-Type: text/plain; charset=utf-8", "", ...body, ""].join("\r\n");
}

const FML = [
  "From: cardio-admin@lists.example.org",
  "To: dr.martin@medecin.mssante.fr",
  "Subject: You dr.martin@medecin.mssante.fr are not member (cardio ML)",
  "X-MLServer: fml [fml 4.0.3 release]",
];

describe("a mailing-list manager's refusal", () => {
  it("is a failure for the list's address, refused for its sender", async () => {
    const n = await classifyMessage(message(FML, [
      "You dr.martin@medecin.mssante.fr are not a member of this mailing list <cardio@lists.example.org>.",
      "",
      "If you know the general guide of this list, please send mail with the body",
      "",
      "\tguide",
      "",
      "to the address",
      "",
      "\tcardio-ctl@lists.example.org",
    ]));
    expect(n).toMatchObject({ kind: "bounce", format: "text" });
    expect(n.recipients.map((r) => [r.address, r.reason])).toEqual([["cardio@lists.example.org", "sender-rejected"]]);
    expect(looksLikeNotice(message(FML, []))).toBe(true);
  });

  it("a loop the list manager stopped is a failure too, for no named cause", async () => {
    const n = await classifyMessage(message(FML, ["Duplicated Message-ID in <cardio@lists.example.org>."]));
    expect(n.recipients.map((r) => [r.address, r.reason])).toEqual([["cardio@lists.example.org", "other"]]);
  });

  it("a message held for a moderator, or a request to confirm, is not a failure", async () => {
    const held = await classifyMessage(message(FML, [
      "You are not a member of this mailing list <cardio@lists.example.org>:",
      "your message awaits moderator approval.",
    ]));
    expect(held.kind).toBe("none");
    const confirm = await classifyMessage(message(FML, [
      "You are not subscribed to <cardio@lists.example.org> yet: reply to confirm your subscription.",
    ]));
    expect(confirm.kind).toBe("none");
  });

  it("a person's post to a list, saying the same words, is not a notice", async () => {
    const n = await classifyMessage(message(
      ["From: Jean Dupont <jean.dupont@clinique.example>", "To: cardio@lists.example.org", "Subject: Question",
        "List-Id: <cardio.lists.example.org>"],
      ["I am not a member of this mailing list <cardio@lists.example.org> yet, sorry for writing."],
    ));
    expect(n.kind).toBe("none");
  });
});
