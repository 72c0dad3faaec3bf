import { describe, expect, it } from "vitest";
import { serviceNotification } from "../../../src/core/notices/formats/service-json.js";
import { classifyMessage } from "../../../src/core/notices/index.js";

function message(body: string, subject = "AWS Notification Message"): string {
  return [
    "From: Notifications <no-reply@sns.service-envoi.example>",
    "To: dr.martin@medecin.mssante.fr",
    `Subject: ${subject}`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    body,
    "",
  ].join("\r\n");
}

const bounce = {
  notificationType: "Bounce",
  bounce: {
    bounceType: "Permanent",
    bouncedRecipients: [{ emailAddress: "a@clinic.example", status: "5.1.1", diagnosticCode: "smtp; 550 5.1.1 user unknown" }],
  },
};

describe("a sending service's JSON notification (Amazon SES)", () => {
  it("reads a bounce, alone or in its SNS envelope, as report fields", async () => {
    for (const body of [JSON.stringify(bounce), JSON.stringify({ Type: "Notification", Message: JSON.stringify(bounce) }, null, 2)]) {
      const n = await classifyMessage(message(body));
      expect(n).toMatchObject({ kind: "bounce", format: "dsn" });
      expect(n.recipients.map((r) => [r.address, r.action, r.reason])).toEqual([["a@clinic.example", "failed", "unknown-recipient"]]);
    }
  });

  it("a complaint is not a delivery notice, nor is a delivery", async () => {
    const complaint = await classifyMessage(message(JSON.stringify({ notificationType: "Complaint", complaint: {} })));
    expect(complaint).toMatchObject({ kind: "none", notNotice: "complaint" });
    const delivery = { notificationType: "Delivery", delivery: { recipients: ["a@clinic.example"] } };
    expect(await classifyMessage(message(JSON.stringify(delivery)))).toMatchObject({ kind: "none" });
  });

  it("reads nothing from text that only holds JSON further down, or broken JSON", async () => {
    const quoted = await classifyMessage(message(`Regarde ce message :\n${JSON.stringify(bounce)}`, "A voir"));
    expect(quoted.kind).toBe("none");
    expect(serviceNotification(`Regarde :\n${JSON.stringify(bounce)}`)).toBeNull();
    expect(serviceNotification(JSON.stringify(bounce).slice(0, -1))).toBeNull();
    expect(serviceNotification('{"notificationType":"Bounce","bounce":{"bouncedRecipients":"a@b.example"}}')).toBeNull();
  });

  it("a value cannot add a field of its own (line breaks in it are made spaces)", () => {
    const sneaky = {
      notificationType: "Bounce",
      bounce: { bouncedRecipients: [{ emailAddress: "a@clinic.example", diagnosticCode: "x\nFinal-Recipient: rfc822; b@other.example" }] },
    };
    const n = serviceNotification(JSON.stringify(sneaky));
    expect(n?.type).toBe("report");
    expect(n?.type === "report" ? n.fields.match(/^Final-Recipient:/gm) : null).toHaveLength(1);
  });
});
