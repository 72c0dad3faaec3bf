/**
 * The messages Thunderbird answered a send for, kept a short while in session memory so that a
 * close after a send in the background never takes one of them for its own: only their
 * Message-ID and when; a draft or template saved is not noted; forgotten after 10 minutes.
 */
import { describe, expect, it } from "vitest";
import { ANSWERED_KEEP_MS, rememberAnsweredSend, wasAnswered } from "../../../src/features/conversation/answered-sends.js";
import { closeAfterSend } from "../../../src/features/conversation/close-after-send.js";
import { useFakeThunderbird } from "../fakes/messenger.js";

const fake = useFakeThunderbird();
const AT = Date.UTC(2026, 11, 3, 10, 0);

const session = (): Promise<Record<string, unknown>> => fake().background.run(() => messenger.storage.session.get());

describe("answered sends", () => {
  it("noted with or without angle brackets, found either way, only the Message-ID and the time kept, and in session memory only", async () => {
    await fake().background.run(() => rememberAnsweredSend(["<m-1@cab>", "", "m-2@cab"], AT));
    expect(await session()).toEqual({ "answeredSend:m-1@cab": AT, "answeredSend:m-2@cab": AT });
    expect(await fake().background.run(() => messenger.storage.local.get())).toEqual({});
    expect(await fake().background.run(() => wasAnswered("m-1@cab", AT + 1_000))).toBe(true);
    expect(await fake().background.run(() => wasAnswered("<m-2@cab>", AT + 1_000))).toBe(true);
    expect(await fake().background.run(() => wasAnswered("m-3@cab", AT + 1_000))).toBe(false);
    expect(await fake().background.run(() => wasAnswered("", AT))).toBe(false);
  });

  it("forgotten after ANSWERED_KEEP_MS: no longer found, and removed at the next answer", async () => {
    await fake().background.run(() => rememberAnsweredSend(["old@cab"], AT));
    expect(await fake().background.run(() => wasAnswered("old@cab", AT + ANSWERED_KEEP_MS))).toBe(true);
    expect(await fake().background.run(() => wasAnswered("old@cab", AT + ANSWERED_KEEP_MS + 1))).toBe(false);
    await fake().background.run(() => rememberAnsweredSend(["new@cab"], AT + ANSWERED_KEEP_MS + 1));
    expect(Object.keys(await session())).toEqual(["answeredSend:new@cab"]);
    // The clock set back a little: kept (a message answered is never taken for another
    // window's); set back further than ANSWERED_KEEP_MS: forgotten, or it would be kept for as
    // long as the clock went back.
    expect(await fake().background.run(() => wasAnswered("new@cab", AT + 2))).toBe(true);
    expect(await fake().background.run(() => wasAnswered("new@cab", AT))).toBe(false);
    expect(Object.keys(await session())).toEqual([]);
  });

  it("noted by the answer to a send (now, or later), whatever the window asked; a draft, a template or an error is not", async () => {
    const tab = fake().openCompose({ to: ["x@exemple.fr"], subject: "Bonjour" });
    const answer = (mode: string, headerMessageId: string, error: string | null = null) =>
      fake().background.run(() => closeAfterSend(tab, { mode, error, headerMessageId, copies: [] }));
    await answer("sendNow", "<now@cab>");
    await answer("sendLater", "later@cab");
    await answer("draft", "draft@cab");
    await answer("template", "template@cab");
    await answer("sendNow", "failed@cab", "550 refused");
    const keys = Object.keys(await session()).filter((k) => k.startsWith("answeredSend:"));
    expect(keys.sort()).toEqual(["answeredSend:later@cab", "answeredSend:now@cab"]);
  });
});
