/**
 * Breaks found in which banner a displayed message gets (issue 12, items 1-2), by a reviewer
 * who did not write it. Each test says what is wrong and what is expected; each fails on the
 * code as it is.
 */
import { describe, expect, it } from "vitest";
import { parseHeader } from "../../../src/adapters/messages.js";
import { say } from "../../../src/core/i18n/catalogs.js";
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
   * WRONG: a message whose From is a patient mailbox (`<INS>@patient.mssante.fr`) — which
   * only a patient or their caregivers can write with — is classified as a bounce when its
   * subject and text look like one, and stored. Its banner is then the notice banner
   * « La messagerie Mon espace santé de ce patient (INS 2 95 10 99 126 111 93) est
   * clôturée : rien ne lui a été remis » — about a third person, from text the patient
   * typed — instead of Marie Durand's patient banner (her INS, the state of her exchange,
   * « Clore l'échange »). The professional is told a mailbox is closed on the word of a
   * patient's message, and the panel lists it as a return to handle.
   * EXPECTED: mail from a patient mailbox is the patient's message: the patient banner
   * (Marie Durand, open, the close action), no notice stored.
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
});
