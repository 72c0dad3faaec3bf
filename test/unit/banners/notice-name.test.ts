/**
 * The notice banner's sentence names the recipient with the sent message's To name only when
 * it reads as a name: no bidirectional control or zero-width character reaches it, and a
 * name that is an INS is no name.
 */
import { describe, expect, it } from "vitest";
import { noticeBanner, type DateContext } from "../../../src/core/banners/index.js";
import { say } from "../../../src/core/i18n/catalogs.js";
import { namesFromRecipients } from "../../../src/core/notice-records/index.js";
import { CLOSED_MAILBOX_ADDRESS, closedMailboxBounce } from "./closed-mailbox.js";

const UTC: DateContext = { locale: "fr-FR", offsetAt: () => 0, year: 2026 };
const ADDRESS = CLOSED_MAILBOX_ADDRESS;

const RECORD = closedMailboxBounce();

/** The banner's first line for a sent message whose To field is `to` (the name is read from it, as `noticeOf` does). */
function titleFor(to: string): string {
  const name = namesFromRecipients([to]).get(ADDRESS) ?? null;
  const model = noticeBanner(RECORD, name, UTC);
  const first = model?.lines[0];
  if (first === undefined) throw new Error("no banner");
  return say(first.text, "fr");
}

describe("the recipient's name in the notice banner's sentence", () => {
  /*
   * The name in « La messagerie Mon espace santé de NAME (INS 2 95 10 99 126 111 93) est
   * clôturée » comes from the sent message's To field: a U+202E (right-to-left override) in
   * it would show the rest of the line, the INS included, reversed. No bidirectional control
   * and no zero-width character reaches a banner's text; the name is cleaned as the patient
   * banner's.
   */
  it("a right-to-left override in the recipient's name does not reach the banner", () => {
    const title = titleFor(`"Marie \u202EDurand" <${ADDRESS}>`);
    expect(title).not.toMatch(/[\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/u);
    expect(title).toContain("Marie Durand");
  });

  /*
   * A To display name that is another patient's INS would put two INS in one sentence, the
   * first another patient's: a name that reads as an INS is no name (« de ce patient »).
   */
  it("a recipient's name that is another INS is not used as the name", () => {
    expect(titleFor(`"253072A07300443" <${ADDRESS}>`)).toBe(
      "La messagerie Mon espace santé de ce patient (INS 2 95 10 99 126 111 93) est clôturée : rien ne lui a été remis.",
    );
  });
});
