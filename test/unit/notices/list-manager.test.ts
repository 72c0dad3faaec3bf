import { describe, expect, it } from "vitest";
import { classifyMessage, looksLikeNotice } from "../../../src/core/notices/index.js";
import type { Notice } from "../../../src/core/notices/types.js";

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

const ME = "dr.martin@medecin.mssante.fr";
const LIST = "cardio@lists.example.org";

function eml(headers: readonly string[], body: readonly string[], type = "text/plain; charset=utf-8"): string {
  return [...headers, "MIME-Version: 1.0", `Content-Type: ${type}`, "", ...body, ""].join("\r\n");
}

const addresses = (n: Notice): string[] => n.recipients.map((r) => r.address);

const sympa = (subject: string, body: readonly string[], to = ME): string =>
  eml(["From: sympa@lists.example.org", `To: ${to}`, `Subject: ${subject}`, "List-Id: <cardio.lists.example.org>", `X-Sympa-To: ${LIST}`], body);

const mailman = (subject: string, body: readonly string[]): string =>
  eml([
    "From: cardio-request@lists.example.org",
    `To: ${ME}`,
    `Subject: ${subject}`,
    "List-Id: <cardio.lists.example.org>",
    "X-Mailman-Version: 2.1.39",
    `List-Post: <mailto:${LIST}>`,
  ], body);

describe("what a list manager sends that is not a refusal, and whom a refusal names (hostile review)", () => {
  it("a list's digest, in which a member writes 'non-member', is not a refusal", async () => {
    // Came out: bounce for cardio@lists.example.org (sender-rejected): any line of any
    // member's post in the digest is read as the manager's refusal. Before the rule: ordinary.
    const n = await classifyMessage(mailman("cardio Digest, Vol 12, Issue 3", [
      "Send cardio mailing list submissions to",
      `\t${LIST}`,
      "",
      "Today's Topics:",
      "",
      "   1. Re: non-member posting (Jean Dupont)",
      "",
      "Message: 1",
      "From: Jean Dupont <jean@clinic.example>",
      "",
      `I think non-members should be allowed to post to ${LIST}.`,
    ]));
    expect(n.kind).toBe("none");
  });

  it("a list's welcome message that states its posting rules is not a refusal", async () => {
    // Came out: bounce for the list (sender-rejected) on "only members may post". Before
    // the rule: ordinary.
    const n = await classifyMessage(mailman('Welcome to the "cardio" mailing list', [
      `Welcome to the ${LIST} mailing list!`,
      "",
      "To post to this list, send your message to:",
      "",
      `  ${LIST}`,
      "",
      "Please note: only members may post; messages from non-members are discarded.",
    ]));
    expect(n.kind).toBe("none");
  });

  it("a message held for the list's moderators (« modérateurs », Sympa's 'editor(s)') is not a refusal", async () => {
    // Came out: bounce for the list: the 'held' words are English "moderator/moderation"
    // only; French « modérateurs » and Sympa's "forwarded to the list editor(s)" are missed.
    const fr = await classifyMessage(sympa("Votre message pour la liste cardio", [
      `Vous n'êtes pas abonné à la liste ${LIST} : votre message a été transmis aux modérateurs de la liste, qui décideront de sa diffusion.`,
    ]));
    const en = await classifyMessage(sympa("Message for list cardio", [
      `Your message for list ${LIST} has been forwarded to the list editor(s): you are not subscribed to it.`,
    ]));
    expect(fr.kind).toBe("none");
    expect(en.kind).toBe("none");
  });

  it("a list manager's answer to an unsubscribe command ('you are not subscribed') is not a refusal of a message", async () => {
    // Came out: bounce for cardio@lists.example.org ("other"): the reply to a command sent
    // to the manager is read as a message refused by the list. Before the rule: ordinary.
    const n = await classifyMessage(eml(
      ["From: sympa@lists.example.org", `To: ${ME}`, "Subject: Results of your commands", "List-Id: <cardio.lists.example.org>"],
      ["> signoff cardio", "", `You are not subscribed to list ${LIST}: your unsubscribe request was not processed.`],
    ));
    expect(n.kind).toBe("none");
  });

  it("a list manager's refusal naming the sender by another of their addresses names the list, not the sender", async () => {
    // Came out: dr.martin@medecin.mssante.fr / secretariat@medecin.mssante.fr (the sender's
    // own addresses, not the one in To:) reported as the failed recipient, though the line
    // and X-Sympa-To name the list.
    const alias = await classifyMessage(sympa("Message distribution: Authorization denied", [
      `You are not allowed to post: ${ME} is not subscribed to ${LIST}.`,
    ], "dr.martin+listes@medecin.mssante.fr"));
    const other = await classifyMessage(sympa("Message distribution: Authorization denied", [
      `Your message was rejected because ${ME} (sent as secretariat@medecin.mssante.fr) is not subscribed to ${LIST}.`,
    ]));
    expect(addresses(alias)).toEqual([LIST]);
    expect(addresses(other)).toEqual([LIST]);
  });
});

describe("a list manager's notice: subject, quoted lines, the list's own domain", () => {
  it("a subject saying the message awaits approval, or asking to confirm, makes it no refusal", async () => {
    for (const subject of ["Your message to cardio awaits moderator approval", "confirm 4f2a9c0d1e"]) {
      const n = await classifyMessage(mailman(subject, [`You are not a member of ${LIST}.`]));
      expect(n.kind).toBe("none");
    }
  });

  it("a quoted line of the sender's own message is not the manager's refusal", async () => {
    const n = await classifyMessage(sympa("Votre message pour la liste cardio", [
      "> Je ne suis pas abonné, mais : only members may post, paraît-il.",
      "",
      "Votre message a bien été reçu.",
    ]));
    expect(n.kind).toBe("none");
  });

  it("names the list from its List-Id when the line gives only the sender's other address and the list's", async () => {
    const n = await classifyMessage(eml(
      ["From: sympa@lists.example.org", `To: ${ME}`, "Subject: Message distribution: Authorization denied",
        "List-Id: <cardio.lists.example.org>"],
      ["You are not allowed to post: secretariat@medecin.mssante.fr is not subscribed to cardio@lists.example.org."],
    ));
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([LIST]);
  });

  it("names no one when the refusal gives only the sender's addresses and the list has no List-Post", async () => {
    const n = await classifyMessage(eml(
      ["From: sympa@lists.example.org", `To: ${ME}`, "Subject: Message distribution: Authorization denied",
        "List-Id: <cardio.lists.example.org>"],
      ["You are not allowed to post: secretariat@medecin.mssante.fr is not subscribed."],
    ));
    expect(addresses(n)).toEqual([]);
  });
});
