/**
 * Which banner a patient's own message gets when it quotes a bounce: mail from a patient
 * mailbox is the patient's message, never a notice.
 */
import { describe, expect, it } from "vitest";
import { parseHeader } from "../../../src/adapters/messages.js";
import { say } from "../../../src/core/i18n/catalogs.js";
import { classifyMessage } from "../../../src/core/notices/index.js";
import { bannerFor } from "../../../src/features/banners/banner-for.js";
import { realBannerDeps } from "../../../src/features/banners/real-deps.js";
import { FakeMailStore } from "../fakes/messages.js";
import { useFakeThunderbird } from "../fakes/messenger.js";

const fake = useFakeThunderbird();

/** Marie Durand writes from her own patient mailbox and pastes the error text she saw elsewhere. */
const FROM_PATIENT = [
  'From: "Marie Durand" <255081416802538@patient.mssante.fr>',
  "To: Dr Martin <dr.martin@medecin.mssante.fr>",
  "Subject: Undelivered Mail Returned to Sender",
  `Date: ${new Date(Date.now() - 86_400_000).toUTCString()}`,
  "Message-ID: <question-1@patient.mssante.fr>",
  "MIME-Version: 1.0",
  "Content-Type: text/plain; charset=UTF-8",
  "",
  "Bonjour docteur, mon mari a reçu ceci en écrivant à sa mère :",
  'Le message que vous avez envoyé à "295109912611193@patient.mssante.fr" n\'a pas pu être distribué car la messagerie Mon espace Santé de votre destinataire est clôturée',
  "",
].join("\r\n");

describe("a patient's own message is never taken for a bounce", () => {
  /*
   * A message whose From is a patient mailbox (`<INS>@patient.mssante.fr`, written with only
   * by the patient or their caregivers) is the patient's message even when its subject and
   * text look like a bounce: it gets the patient banner (Marie Durand, the state of her
   * exchange, the close action), and no notice about a third person is stored or listed.
   * The classifier says so for every path (arrival, folder scan, banner, command line).
   */
  it("Marie Durand's message quoting an error text gets her patient banner, and nothing is stored", async () => {
    const store = new FakeMailStore(fake(), 5);
    store.addAccount("account1", "Cabinet", ["Inbox", "Sent"], ["dr.martin@medecin.mssante.fr"]);
    const id = store.add("account1", "Inbox", FROM_PATIENT);
    const banner = await fake().background.run(async () => {
      const message = parseHeader(await messenger.messages.get(id));
      if (message === null) throw new Error("no header");
      return bannerFor(message, realBannerDeps);
    });
    expect(banner?.kind).toBe("patient");
    expect(banner === null ? "" : say(banner.lines[0]?.text ?? banner.label, "fr")).toBe("Patient Mon espace santé : Marie Durand");
    expect(Object.keys(fake().storage("local")).filter((k) => k.startsWith("notices.item:"))).toEqual([]);
  });

  it("the classifier takes it for no notice, and still reads a read receipt sent from a patient's address", async () => {
    expect((await classifyMessage(FROM_PATIENT)).kind).toBe("none");
    const receipt = [
      "From: <255081416802538@patient.mssante.fr>",
      "To: <dr.martin@medecin.mssante.fr>",
      "Subject: Lu : Résultats",
      "Message-ID: <mdn-1@patient.mssante.fr>",
      "MIME-Version: 1.0",
      'Content-Type: multipart/report; report-type=disposition-notification; boundary="b"',
      "",
      "--b",
      "Content-Type: text/plain; charset=UTF-8",
      "",
      "Votre message a été lu.",
      "--b",
      "Content-Type: message/disposition-notification",
      "",
      "Final-Recipient: rfc822; 255081416802538@patient.mssante.fr",
      "Original-Message-ID: <cr-1@medecin.mssante.fr>",
      "Disposition: automatic-action/MDN-sent-automatically; displayed",
      "--b--",
      "",
    ].join("\r\n");
    expect((await classifyMessage(receipt)).kind).toBe("receipt");
  });
});
