// The oldest supported Thunderbird, 140 ESR, beside the system's one: the built add-on
// installs, and its send guard works through the compose API. WebDriver BiDi on 140 has no
// chrome scope, so the user interface is not driven: a throwaway driver add-on composes and
// sends as the professional would and mails its results back to the SMTP capture.
// Prepare 140 once with `node scripts/thunderbird-esr.mjs 140` (or set THUNDERBIRD_140_BIN).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createProfile,
  headerLine,
  headerLines,
  killStartedThunderbirds,
  MSSANTE_IDENTITY,
  NON_MSSANTE_IDENTITY,
  startSmtpCapture,
  startThunderbird,
} from "../../harness/index.js";
import type { CapturedMessage, SmtpCapture, ThunderbirdInstance } from "../../harness/index.js";
import { thunderbird140Binary } from "./tb140/binary.js";
import { BANNER_DRIVER_ID, BANNER_REPORT_SUBJECT, bannerReportSchema, writeBannerDriver } from "./tb140/banner-driver.js";
import { DRIVER_ID, OTHER_PATIENT, PATIENT, REPORT_ADDRESS, reportSchema, writeDriver } from "./tb140/driver.js";
import { plainTextBody } from "./tb140/mail-body.js";

const ADDON_DIR = fileURLToPath(new URL("../../dist/addon", import.meta.url));
const ADDON_ID = "mssante-patient@mssante-patient.fr";

let smtp: SmtpCapture | undefined;
let thunderbird: ThunderbirdInstance | undefined;

const recipients = (message: CapturedMessage): string[] => message.envelope.rcptTo.map((rcpt) => rcpt.address);

/** Resolves with the first captured message to `address`; rejects after `timeoutMs`. */
async function waitForMessageTo(capture: SmtpCapture, address: string, timeoutMs: number): Promise<CapturedMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = capture.messages().find((message) => recipients(message).includes(address));
    if (found !== undefined) return found;
    if (Date.now() > deadline) {
      const seen = capture.messages().map((message) => recipients(message).join(","));
      throw new Error(
        `no message to ${address} within ${timeoutMs} ms (captured: ${JSON.stringify(seen)})\n` +
          `--- Thunderbird output (tail) ---\n${thunderbird?.stderrTail(80) ?? ""}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function running(): { tb: ThunderbirdInstance; capture: SmtpCapture } {
  if (thunderbird === undefined || smtp === undefined) throw new Error("Thunderbird 140 did not start");
  return { tb: thunderbird, capture: smtp };
}

beforeAll(async () => {
  const binary = thunderbird140Binary();
  if (!existsSync(`${ADDON_DIR}/manifest.json`)) {
    throw new Error(`${ADDON_DIR} is not built: run \`node scripts/build.mjs\``);
  }
  smtp = await startSmtpCapture();
  const profile = await createProfile({ smtpPort: smtp.port, identities: [MSSANTE_IDENTITY, NON_MSSANTE_IDENTITY] });
  thunderbird = await startThunderbird({ profile, binary });
});

afterAll(async () => {
  try {
    await thunderbird?.stop();
  } finally {
    await smtp?.close();
    killStartedThunderbirds();
  }
});

describe("Thunderbird 140 ESR", () => {
  it("installs the built add-on as a temporary add-on over WebDriver BiDi", async () => {
    const { tb } = running();
    expect(await tb.bidi.installExtension(ADDON_DIR)).toBe(ADDON_ID);
  });

  it("sends to one patient with the read receipt, refuses two patients in To", async () => {
    const { tb, capture } = running();
    const driverDir = await writeDriver(tb.profile.rootDir);
    expect(await tb.bidi.installExtension(driverDir)).toBe(DRIVER_ID);

    const reportMessage = await waitForMessageTo(capture, REPORT_ADDRESS, 60_000);
    const body = plainTextBody(reportMessage.raw);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new Error(`the driver's report is not JSON:\n${body}`);
    }
    const report = reportSchema.parse(json);

    // Really 140, not the system's Thunderbird.
    expect(report.version).toMatch(/^140\./);

    // (a) One patient, subject [FIN]: sent, with the read receipt the add-on adds by default.
    expect(report.a).toBe("sent");
    const toPatient = capture.messages().filter((message) => recipients(message).includes(PATIENT));
    expect(toPatient).toHaveLength(1);
    const [sent] = toPatient;
    if (sent === undefined) throw new Error("no message to the patient");
    expect(recipients(sent)).toEqual([PATIENT]);
    expect(sent.envelope.mailFrom?.address).toBe(MSSANTE_IDENTITY.email);
    expect(headerLine(sent.raw, "To")).toBe(`To: Marie Durand <${PATIENT}>`);
    expect(headerLine(sent.raw, "Subject")).toBe("Subject: [FIN]");
    expect(headerLine(sent.raw, "Disposition-Notification-To")).toBe(
      `Disposition-Notification-To: Dr Claire Martin <${MSSANTE_IDENTITY.email}>`,
    );
    expect(plainTextBody(sent.raw).trim()).toBe("Au revoir.");

    // (b) Two patients in To: refused by the add-on's onBeforeSend guard, nothing left.
    expect(report.b).not.toBe("sent");
    expect(report.b).toMatch(/onBeforeSend|abort/i);
    expect(capture.messages().filter((message) => recipients(message).includes(OTHER_PATIENT))).toEqual([]);
    // The guard opened its explanation window (an extension popup window).
    expect(report.windowsAfterB).toContain("popup");

    // Nothing else left: the patient message and the report.
    expect(capture.messages()).toHaveLength(2);
    expect(headerLines(reportMessage.raw, "Disposition-Notification-To")).toEqual([]);
  });

  it("shows the patient banner at the top of a displayed patient's message", async () => {
    const { tb, capture } = running();
    const message = [
      "From: Marie Durand <" + PATIENT + ">",
      "To: " + MSSANTE_IDENTITY.email,
      "Subject: Question",
      "Date: Mon, 03 Mar 2025 09:15:00 +0100",
      "Message-ID: <tb140-banner@patient.mssante.fr>",
      "Content-Type: text/plain; charset=UTF-8",
      "",
      "Bonjour docteur,",
      "",
    ].join("\r\n");
    const driverDir = await writeBannerDriver(tb.profile.rootDir, message);
    expect(await tb.bidi.installExtension(driverDir)).toBe(BANNER_DRIVER_ID);
    const deadline = Date.now() + 60_000;
    let reportMessage: CapturedMessage | undefined;
    while (reportMessage === undefined) {
      reportMessage = capture.messages().find((m) => headerLines(m.raw, "Subject").some((line) => line.includes(BANNER_REPORT_SUBJECT)));
      if (reportMessage === undefined && Date.now() > deadline) throw new Error(`no banner report\n${tb.stderrTail(80)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const report = bannerReportSchema.parse(JSON.parse(plainTextBody(reportMessage.raw)));
    expect(report.version).toMatch(/^140\./);
    expect(report.error).toBe("");
    // In the interface's language (this profile may be English): the name, the INS in groups, the state.
    expect(report.label).toMatch(/^(Patient Mon espace santé|Mon espace santé patient)$/);
    const lines = report.banner.split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/: Marie Durand$/);
    expect(lines[1]).toMatch(/^INS 2 55 08 14 168 025 38 — /);
  });
});