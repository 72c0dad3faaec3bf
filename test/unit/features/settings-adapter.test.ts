import { describe, expect, it } from "vitest";
import { clearUserSettings, loadSettings } from "../../../src/features/settings/store.js";
import { useFakeThunderbird } from "../fakes/messenger.js";

const fake = useFakeThunderbird();

describe("settings in storage.local, beside the add-on's other data", () => {
  const notice = { "notices.item:<b1@mx>": { kind: "bounce", handled: true } };

  it("back to defaults forgets the settings and keeps everything else", async () => {
    fake().seedStorage("local", { settingsVersion: 1, readReceiptDefault: false, receiptDefault: true, ...notice });
    await fake().background.run(() => clearUserSettings());
    expect(fake().storage("local")).toEqual(notice);
    const { values } = await fake().background.run(() => loadSettings());
    expect(values.readReceiptDefault).toBe(true);
  });

  it("reads the settings without reporting the other data as problems", async () => {
    fake().seedStorage("local", { settingsVersion: 1, noReplyDefault: true, ...notice });
    const { values, problems } = await fake().background.run(() => loadSettings());
    expect(values.noReplyDefault).toBe(true);
    expect(problems).toEqual([]);
    expect(fake().storage("local")).toMatchObject(notice);
  });

  it("migrates a version 0 layout in place, leaving other data alone", async () => {
    fake().seedStorage("local", { receiptDefault: false, allowedDomains: "formation.example", ...notice });
    const { values } = await fake().background.run(() => loadSettings());
    expect(values.readReceiptDefault).toBe(false);
    expect(values.extraSenderDomains).toEqual(["formation.example"]);
    expect(fake().storage("local")).toMatchObject({ ...notice, settingsVersion: 1 });
  });
});
