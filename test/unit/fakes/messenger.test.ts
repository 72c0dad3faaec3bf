import { fill } from "../../../src/core/i18n/render.js";
import { describe, expect, it } from "vitest";
import {
  CATALOGS,
  DEFAULT_SENDER,
  FakeThunderbird,
  MANIFEST_ID,
  NO_MANAGED_STORAGE,
  NotFakedError,
  SEND_ABORTED,
  trainCase,
  useFakeThunderbird,
} from "./messenger.js";

const fake = useFakeThunderbird();

describe("what is not faked", () => {
  it("throws on an unfaked namespace, naming it", () => {
    expect(() => messenger.messages).toThrow(NotFakedError);
    expect(() => messenger.messages).toThrow("messenger.messages is not faked");
  });

  it("throws on an unfaked member of a faked namespace", () => {
    expect(() => messenger.compose.beginNew).toThrow("messenger.compose.beginNew is not faked");
    expect(() => messenger.storage.local.onChanged).toThrow("messenger.storage.local.onChanged is not faked");
    expect(() => messenger.storage.sync).toThrow("messenger.storage.sync is not faked");
  });

  it("throws when a call uses an option the fake does not model", async () => {
    const tab = fake().openCompose();
    await expect(messenger.compose.setComposeDetails(tab, { priority: "high" })).rejects.toThrow(
      'messenger.compose.setComposeDetails: field "priority" is not faked',
    );
    await expect(messenger.tabs.query({ url: "x" })).rejects.toThrow(NotFakedError);
    await expect(messenger.windows.update(1, { state: "maximized" })).rejects.toThrow(NotFakedError);
    await expect(messenger.compose.setComposeDetails(tab, { to: [{ id: "c1", type: "contact" }] })).rejects.toThrow(NotFakedError);
  });

  it("refuses assignments: the fake changes through its host", () => {
    expect(() => {
      Reflect.set(messenger.compose, "listAttachments", () => Promise.resolve([]));
    }).toThrow(NotFakedError);
  });

  it("can replace a member, and take one away", async () => {
    fake().override("compose", "listAttachments", () => Promise.reject(new Error("boom")));
    await expect(messenger.compose.listAttachments(1)).rejects.toThrow("boom");
    fake().unfake("i18n", "getUILanguage");
    expect(() => messenger.i18n.getUILanguage).toThrow("messenger.i18n.getUILanguage is not faked");
    // A context opened later gets the same changes.
    const popup = fake().context("popup");
    expect(() => popup.messenger.i18n.getUILanguage).toThrow(NotFakedError);
  });

  it("refuses to install a second messenger global", () => {
    const other = new FakeThunderbird();
    expect(() => {
      other.install();
    }).toThrow("already installed");
  });
});

describe("storage.local and storage.session", () => {
  it("get() and get(null) give everything; get(key) only that key", async () => {
    await messenger.storage.local.set({ a: 1, b: [1, 2] });
    await messenger.storage.local.set({ c: "x" });
    expect(await messenger.storage.local.get()).toEqual({ a: 1, b: [1, 2], c: "x" });
    expect(await messenger.storage.local.get(null as unknown as undefined)).toEqual({ a: 1, b: [1, 2], c: "x" });
    expect(await messenger.storage.local.get("a")).toEqual({ a: 1 });
    expect(await messenger.storage.local.get("missing")).toEqual({});
    expect(await messenger.storage.local.get(["a", "c", "missing"])).toEqual({ a: 1, c: "x" });
    expect(await messenger.storage.local.get([])).toEqual({});
    expect(await messenger.storage.local.get({ a: 0, z: "fallback" })).toEqual({ a: 1, z: "fallback" });
  });

  it("remove and clear", async () => {
    await messenger.storage.session.set({ a: 1, b: 2, c: 3 });
    await messenger.storage.session.remove("a");
    expect(await messenger.storage.session.get()).toEqual({ b: 2, c: 3 });
    await messenger.storage.session.remove(["b", "nothing"]);
    expect(await messenger.storage.session.get()).toEqual({ c: 3 });
    await messenger.storage.session.clear();
    expect(await messenger.storage.session.get()).toEqual({});
  });

  it("keeps copies: changing what was stored or read changes nothing", async () => {
    const value = { list: [1] };
    await messenger.storage.local.set({ value });
    value.list.push(2);
    const read = (await messenger.storage.local.get("value")) as { value: { list: number[] } };
    read.value.list.push(3);
    expect(fake().storage("local")).toEqual({ value: { list: [1] } });
  });

  it("keeps local and session apart, and refuses what cannot be stored", async () => {
    await messenger.storage.local.set({ k: "local" });
    await messenger.storage.session.set({ k: "session" });
    expect(fake().storage("local")).toEqual({ k: "local" });
    expect(fake().storage("session")).toEqual({ k: "session" });
    await expect(messenger.storage.local.set({ f: () => 1 })).rejects.toThrow();
  });

  it("is one storage for every context", async () => {
    const popup = fake().context("popup");
    await popup.messenger.storage.session.set({ shared: true });
    expect(await messenger.storage.session.get("shared")).toEqual({ shared: true });
  });
});

describe("storage.managed", () => {
  it("throws like Thunderbird when there is no policy", async () => {
    await expect(messenger.storage.managed.get()).rejects.toThrow(NO_MANAGED_STORAGE);
  });

  it("gives the policy, read-only", async () => {
    fake().setPolicy({ readReceiptDefault: { value: false, locked: true } });
    expect(await messenger.storage.managed.get()).toEqual({ readReceiptDefault: { value: false, locked: true } });
    expect(await messenger.storage.managed.get("other")).toEqual({});
    await expect(messenger.storage.managed.set({ a: 1 })).rejects.toThrow("read-only");
  });

  it("takes the policy from the options", async () => {
    const host = new FakeThunderbird({ policy: { noReplyDefault: true } });
    expect(await host.background.messenger.storage.managed.get()).toEqual({ noReplyDefault: true });
  });
});

describe("compose", () => {
  it("gives the details of the tab, with defaults", async () => {
    const tab = fake().openCompose({ to: ["a@b.mssante.fr"], subject: "Bonjour" });
    const details = await messenger.compose.getComposeDetails(tab);
    expect(details).toMatchObject({ from: DEFAULT_SENDER, to: ["a@b.mssante.fr"], cc: [], subject: "Bonjour", customHeaders: [], returnReceipt: false });
  });

  it("changes only the fields given, and a recipient string becomes a list", async () => {
    const tab = fake().openCompose({ to: ["a@b.mssante.fr"], subject: "Bonjour", returnReceipt: true });
    await messenger.compose.setComposeDetails(tab, { cc: "c@d.mssante.fr", subject: undefined });
    expect(fake().composeDetails(tab)).toMatchObject({ to: ["a@b.mssante.fr"], cc: ["c@d.mssante.fr"], subject: "Bonjour", returnReceipt: true });
  });

  it("replaces the whole custom header list and gives the names back Train-Cased", async () => {
    const tab = fake().openCompose({ customHeaders: [{ name: "X-Priority", value: "1 (Highest)" }] });
    await messenger.compose.setComposeDetails(tab, { customHeaders: [{ name: "X-MSS-MES", value: "FIN" }] });
    expect((await messenger.compose.getComposeDetails(tab)).customHeaders).toEqual([{ name: "X-Mss-Mes", value: "FIN" }]);
    expect(trainCase("x-mss-mes")).toBe("X-Mss-Mes");
    expect(trainCase("LIST-ID")).toBe("List-Id");
  });

  it("refuses header names Thunderbird refuses", async () => {
    const tab = fake().openCompose();
    for (const name of ["Reply-To", "X-Mozilla-Status", "X-", "Subject"]) {
      await expect(messenger.compose.setComposeDetails(tab, { customHeaders: [{ name, value: "v" }] })).rejects.toThrow("Invalid custom header");
    }
    await messenger.compose.setComposeDetails(tab, { customHeaders: [{ name: "List-Id", value: "<l.example>" }] });
    expect(fake().composeDetails(tab).customHeaders).toEqual([{ name: "List-Id", value: "<l.example>" }]);
  });

  it("lists attachments and rejects an unknown tab", async () => {
    const tab = fake().openCompose({ attachments: [{ name: "cr.pdf", size: 1200 }] });
    fake().attach(tab, { name: "photo.png", size: 10 });
    expect((await messenger.compose.listAttachments(tab)).map((a) => [a.name, a.size])).toEqual([
      ["cr.pdf", 1200],
      ["photo.png", 10],
    ]);
    await expect(messenger.compose.getComposeDetails(999)).rejects.toThrow("Invalid tab ID: 999");
  });

  it("sends when no listener cancels, applying the details a listener returns, and closes the window", async () => {
    const tab = fake().openCompose({ to: ["a@b.mssante.fr"] });
    const removed: number[] = [];
    messenger.tabs.onRemoved.addListener((id) => removed.push(id));
    messenger.compose.onBeforeSend.addListener(() => ({ details: { returnReceipt: true } }));
    const result = await messenger.compose.sendMessage(tab, { mode: "sendNow" });
    expect(result.mode).toBe("sendNow");
    expect(fake().sentMessages).toHaveLength(1);
    expect(fake().sentMessages[0]?.details.returnReceipt).toBe(true);
    expect(removed).toEqual([tab]);
    await expect(messenger.compose.getComposeDetails(tab)).rejects.toThrow();
  });

  it("the server refusing: answers a send now without a Message-ID, fires onAfterSend the same way first, and keeps the message open", async () => {
    fake().serverRefuses = true;
    const tab = fake().openCompose({ to: ["a@b.mssante.fr"] });
    const seen: unknown[] = [];
    messenger.compose.onAfterSend.addListener((t, info) => seen.push([t.id, info]));
    const result = await messenger.compose.sendMessage(tab);
    expect(result).toEqual({ mode: "sendNow", messages: [], headerMessageId: null });
    expect(seen).toEqual([[tab, { mode: "sendNow", messages: [], headerMessageId: null }]]);
    expect(fake().sentMessages).toEqual([]);
    expect(fake().isOpen(fake().windowOf(tab))).toBe(true);
  });

  it("rejects like Thunderbird when a listener cancels, and keeps the message open", async () => {
    const tab = fake().openCompose();
    const listener = (): { cancel: boolean } => ({ cancel: true });
    messenger.compose.onBeforeSend.addListener(listener);
    expect(messenger.compose.onBeforeSend.hasListener(listener)).toBe(true);
    await expect(messenger.compose.sendMessage(tab)).rejects.toThrow(SEND_ABORTED);
    expect(fake().sentMessages).toEqual([]);
    expect(fake().isOpen(fake().windowOf(tab))).toBe(true);
    messenger.compose.onBeforeSend.removeListener(listener);
    expect((await fake().send(tab)).sent).toBe(true);
  });

  it("runs each listener in the context that added it", async () => {
    const tab = fake().openCompose();
    const seen: string[] = [];
    const popup = fake().context("popup");
    popup.run(() => {
      messenger.compose.onBeforeSend.addListener(() => {
        seen.push(fake().current().name);
        return {};
      });
    });
    await fake().send(tab);
    expect(seen).toEqual(["popup"]);
  });
});

describe("tabs and windows", () => {
  it("finds the compose tab of the window a popup is attached to", async () => {
    const first = fake().openCompose();
    const second = fake().openCompose();
    const popup = fake().context("popup", { windowId: fake().windowOf(first) });
    const found = await popup.run(() => messenger.tabs.query({ active: true, currentWindow: true }));
    expect(found.map((t) => [t.id, t.type])).toEqual([[first, "messageCompose"]]);
    expect((await messenger.tabs.get(second)).type).toBe("messageCompose");
    await expect(messenger.tabs.get(999)).rejects.toThrow("Invalid tab ID");
  });

  it("records the windows opened and focused, and forgets closed ones", async () => {
    const win = await fake().background.run(() =>
      messenger.windows.create({ type: "popup", url: "pages/x.html", width: 10, height: 20, allowScriptsToClose: true }),
    );
    expect(fake().openedWindows).toEqual([{ id: win.id, context: "background", type: "popup", url: "pages/x.html", width: 10, height: 20 }]);
    const id = win.id ?? -1;
    await messenger.windows.update(id, { focused: true });
    expect(fake().focusedWindows).toEqual([id]);
    await messenger.windows.remove(id);
    expect(fake().isOpen(id)).toBe(false);
    await expect(messenger.windows.update(id, { focused: true })).rejects.toThrow("Invalid window ID");
  });
});

describe("i18n, runtime, menus", () => {
  it("reads the real French messages, and gives an empty string for an unknown key", () => {
    expect(messenger.i18n.getUILanguage()).toBe("fr");
    expect(messenger.i18n.getMessage("menuComposeAction")).toBe(CATALOGS.fr.get("menucomposeaction")?.message);
    expect(messenger.i18n.getMessage("menuComposeAction")).toContain("patient");
    expect(messenger.i18n.getMessage("noSuchKey")).toBe("");
  });

  it("reads the English messages for an English interface", () => {
    const host = new FakeThunderbird({ uiLanguage: "en-US" });
    expect(host.background.messenger.i18n.getMessage("menuComposeAction")).toBe(CATALOGS.en.get("menucomposeaction")?.message);
    expect(CATALOGS.en.get("menucomposeaction")?.message).not.toBe(CATALOGS.fr.get("menucomposeaction")?.message);
  });

  it("fills named placeholders and positional values as Thunderbird does", () => {
    const entry = { message: "$WHO$ : $1 ($$)", placeholders: { who: { content: "$2" } } };
    expect(fill(entry, ["a", "b"])).toBe("b : a ($)");
    const named = [...CATALOGS.fr.entries()].find(([, e]) => e.placeholders !== undefined && /\$[A-Z_]+\$/.test(e.message));
    if (named === undefined) throw new Error("the catalog has no named placeholder to test with");
    const [key, found] = named;
    const values = Object.keys(found.placeholders ?? {}).map((_, i) => `valeur${i + 1}`);
    const text = messenger.i18n.getMessage(key, values);
    expect(text).not.toMatch(/\$[A-Za-z_]+\$/);
    expect(text).toBe(fill(found, values));
  });

  it("has the manifest's id and records menus", () => {
    expect(messenger.runtime.id).toBe(MANIFEST_ID);
    expect(MANIFEST_ID).toBe("mssante-patient@mssante-patient.fr");
    messenger.menus.create({ id: "m", title: "t", contexts: ["tools_menu"] });
    expect(fake().createdMenus).toEqual([{ id: "m", title: "t", contexts: ["tools_menu"] }]);
  });

  it("fires runtime.onStartup when Thunderbird starts, in the context that listens", async () => {
    const seen: string[] = [];
    messenger.runtime.onStartup.addListener(() => {
      seen.push(fake().current().name);
    });
    expect(seen).toEqual([]);
    await fake().startUp();
    expect(seen).toEqual(["background"]);
  });

  it("records notifications, with their id or a made-up one, and builds extension URLs", async () => {
    expect(messenger.runtime.getURL("/icons/icon-64.png")).toBe("moz-extension://fake-uuid/icons/icon-64.png");
    expect(await messenger.notifications.create("n1", { type: "basic", title: "T", message: "M" })).toBe("n1");
    expect(await messenger.notifications.create({ type: "basic", title: "T2", message: "M2" })).toBe("notification-2");
    expect(fake().notifications).toEqual([
      { id: "n1", options: { type: "basic", title: "T", message: "M" } },
      { id: "notification-2", options: { type: "basic", title: "T2", message: "M2" } },
    ]);
    expect(() => messenger.notifications.clear).toThrow(NotFakedError);
  });
});
