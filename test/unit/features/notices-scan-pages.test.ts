/**
 * The thorough folder scan asks for a page's headers together (each call is a round trip to
 * Thunderbird), asks for the next page while it reads the current one, and still counts a
 * message whose headers could not be read as an error, without stopping the scan.
 * (The quick scan: notices-scan-modes.test.ts.)
 */
import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { scanFolders } from "../../../src/features/notices/scan.js";
import { FakeMailStore } from "../fakes/messages.js";
import { useFakeThunderbird } from "../fakes/messenger.js";

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/notices/${name}`, import.meta.url), "utf8");
const CLOSED = fixture("mes-closed-text-fr.eml");
const ORDINARY = fixture("ordinary-fr.eml");
const ordinary = (n: number): string => ORDINARY.replace(/^Message-ID:.*$/im, `Message-ID: <ordinary-${n}@cabinet.example>`);

const fake = useFakeThunderbird();
let store: FakeMailStore;

beforeEach(() => {
  store = new FakeMailStore(fake(), 10);
  store.addAccount("account1", "Cabinet", ["Inbox"]);
});

type GetHeaders = (id: number) => Promise<unknown>;

/** Wraps the fake's `getHeaders`; `before` runs first and may throw. */
function wrapGetHeaders(before: (id: number) => void, after: () => void = () => undefined): void {
  const original = (messenger.messages as unknown as { getHeaders: GetHeaders }).getHeaders;
  const wrapped: GetHeaders = async (id) => {
    before(id);
    try {
      return await original(id);
    } finally {
      after();
    }
  };
  fake().override("messages", "getHeaders" as keyof typeof messenger.messages, wrapped as never);
}

describe("scanning a folder page by page", () => {
  it("thorough: asks for a page's headers together, and reads in full only the candidates", async () => {
    for (let i = 0; i < 24; i++) store.add("account1", "Inbox", ordinary(i));
    store.add("account1", "Inbox", CLOSED);
    let inFlight = 0;
    let most = 0;
    wrapGetHeaders(
      () => {
        inFlight++;
        most = Math.max(most, inFlight);
      },
      () => {
        inFlight--;
      },
    );

    const result = await scanFolders({ kind: "folder", folder: store.folder("account1", "Inbox") }, { thorough: true });

    expect(result).toMatchObject({ cancelled: false, thorough: true, messages: 25, headerReads: 25, fullReads: 1, notices: 1, errors: 0 });
    expect(most).toBe(10);
    expect(store.calls.getHeaders).toBe(25);
    expect(store.calls.getRaw).toBe(1);
    expect(store.calls.continueList).toBe(2);
  });

  it("counts a message whose headers fail as an error and scans the rest", async () => {
    for (let i = 0; i < 15; i++) store.add("account1", "Inbox", ordinary(i));
    store.add("account1", "Inbox", CLOSED);
    let calls = 0;
    wrapGetHeaders(() => {
      if (++calls === 3) throw new Error("Message not found");
    });

    const result = await scanFolders({ kind: "folder", folder: store.folder("account1", "Inbox") }, { thorough: true });

    expect(result).toMatchObject({ cancelled: false, messages: 16, notices: 1, errors: 1 });
  });

  it("stops between messages when cancelled, the next page already asked for", async () => {
    for (let i = 0; i < 35; i++) store.add("account1", "Inbox", ordinary(i));
    const controller = new AbortController();
    const result = await scanFolders(
      { kind: "folder", folder: store.folder("account1", "Inbox") },
      {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.messages === 12) controller.abort();
        },
      },
    );
    expect(result).toMatchObject({ cancelled: true, messages: 12, errors: 0 });
    // Stopped in the second page: the third was asked for while it was read, no more.
    expect(store.calls.continueList).toBe(2);
  });
});
