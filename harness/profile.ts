// A fresh Thunderbird profile for one test run, configured by prefs only (user.js): one
// mail account without incoming server holding the identities, Local Folders, an outgoing
// SMTP server on 127.0.0.1 without authentication or TLS, and nothing that reaches the
// network or shows first-run UI.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mboxBytes } from "./local-folders.js";

export type PrefValue = string | number | boolean;

export interface IdentitySpec {
  /** Pref key (`mail.identity.<key>.*`); defaults to `id1`, `id2`… in order. */
  readonly key?: string;
  readonly email: string;
  readonly fullName?: string;
  /** Extra `mail.identity.<key>.<name>` prefs (e.g. `{ fcc: false }`). */
  readonly prefs?: Readonly<Record<string, PrefValue>>;
}

export interface ProfileOptions {
  /** Port of the SMTP server on 127.0.0.1 that every identity sends through. */
  readonly smtpPort: number;
  /** The identities of the mail account, the first one being the default. */
  readonly identities?: readonly IdentitySpec[];
  /** Extra prefs written last into user.js (they override the harness's own). */
  readonly prefs?: Readonly<Record<string, PrefValue>>;
  /** Local Folders to create before start, folder name → raw messages (.eml contents). */
  readonly localFolders?: Readonly<Record<string, readonly (string | Uint8Array)[]>>;
  /** Folder under which the run's folders are created (default: the system temp folder). */
  readonly parentDir?: string;
}

export interface ProfileIdentity {
  readonly key: string;
  readonly email: string;
  readonly fullName: string;
}

export interface ThunderbirdProfile {
  /** Root of everything this run owns on disk: profile, TMPDIR, HOME. Removed at stop. */
  readonly rootDir: string;
  readonly profileDir: string;
  /** TMPDIR for Thunderbird (outgoing mail is staged there). */
  readonly tmpDir: string;
  /** HOME for Thunderbird (e.g. `.mozilla/managed-storage/<id>.json` can be written there). */
  readonly homeDir: string;
  /** The account holding the identities. */
  readonly accountKey: string;
  readonly identities: readonly ProfileIdentity[];
  /** Folder of the Local Folders account (`<profile>/Mail/Local Folders`). */
  readonly localFoldersDir: string;
}

/** The identity every test sends from unless told otherwise. */
export const MSSANTE_IDENTITY: IdentitySpec = {
  key: "id1",
  email: "dr.martin@medecin.mssante.fr",
  fullName: "Dr Claire Martin",
};

/** A second identity of the same practitioner outside MSSanté. */
export const NON_MSSANTE_IDENTITY: IdentitySpec = {
  key: "id2",
  email: "dr.martin@exemple.fr",
  fullName: "Dr Claire Martin",
};

const ACCOUNT_KEY = "account1";
const LOCAL_ACCOUNT_KEY = "account2";
const SERVER_KEY = "server1";
const LOCAL_SERVER_KEY = "server2";
const SMTP_KEY = "smtp1";

/** Prefs that keep a test instance quiet, offline apart from loopback, and without first-run UI. */
export const QUIET_PREFS: Readonly<Record<string, PrefValue>> = {
  // First run, default-client prompt, start page, in-app notifications (donation appeals…).
  "mail.shell.checkDefaultClient": false,
  "mail.provider.suppress_dialog_on_startup": true,
  "mail.spotlight.firstRunDone": true,
  "mail.winsearch.firstRunDone": true,
  "mail.rights.override": true,
  "mail.rights.version": 1,
  "mailnews.start_page.enabled": false,
  "mail.inappnotifications.enabled": false,
  "browser.aboutConfig.showWarning": false,
  "mail.biff.show_alert": false,
  "mail.biff.play_sound": false,
  // Telemetry and data reporting.
  "datareporting.policy.dataSubmissionEnabled": false,
  "datareporting.healthreport.uploadEnabled": false,
  "toolkit.telemetry.enabled": false,
  "toolkit.telemetry.unified": false,
  "toolkit.telemetry.server": "",
  "toolkit.telemetry.reportingpolicy.firstRun": false,
  // Updates, add-on metadata, safe browsing, remote settings.
  "app.update.disabledForTesting": true,
  "app.update.auto": false,
  "app.update.enabled": false,
  "extensions.update.enabled": false,
  "extensions.update.autoUpdateDefault": false,
  "extensions.getAddons.cache.enabled": false,
  "browser.safebrowsing.malware.enabled": false,
  "browser.safebrowsing.phishing.enabled": false,
  "browser.safebrowsing.downloads.enabled": false,
  "services.settings.server": "http://127.0.0.1:9/remote-settings",
  "network.connectivity-service.enabled": false,
  "network.captive-portal-service.enabled": false,
  "network.proxy.type": 0,
  "browser.search.update": false,
  // Remote content in messages.
  "mailnews.message_display.disable_remote_image": true,
  // Calendar: no time zone guessing.
  "calendar.timezone.useSystemTimezone": true,
  // Diagnostics: console messages of Thunderbird and of add-on pages go to stdout, where
  // `ThunderbirdInstance.stderrTail()` keeps them.
  "devtools.console.stdout.chrome": true,
  "devtools.console.stdout.content": true,
  // Add-ons: temporary installs and their event pages live long enough for slow test steps.
  "extensions.autoDisableScopes": 0,
  "extensions.background.idle.timeout": 600_000,
  "xpinstall.signatures.required": false,
  // Composition and sending: no spell-check or confirmation prompts, synchronous sending.
  "mail.spellcheck.inline": false,
  "mail.SpellCheckBeforeSend": false,
  "mail.warn_on_send_accel_key": false,
  "mailnews.sendInBackground": false,
};

/** Renders prefs as user.js lines. */
export function userJs(prefs: Readonly<Record<string, PrefValue>>): string {
  return Object.entries(prefs)
    .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});\n`)
    .join("");
}

interface ResolvedIdentity extends ProfileIdentity {
  readonly prefs: Readonly<Record<string, PrefValue>>;
}

/** The account, identity, server and SMTP prefs for the given identities. */
function accountPrefs(smtpPort: number, identities: readonly ResolvedIdentity[]): Record<string, PrefValue> {
  const prefs: Record<string, PrefValue> = {
    "mail.accountmanager.accounts": `${ACCOUNT_KEY},${LOCAL_ACCOUNT_KEY}`,
    "mail.accountmanager.defaultaccount": ACCOUNT_KEY,
    "mail.accountmanager.localfoldersserver": LOCAL_SERVER_KEY,
    [`mail.account.${ACCOUNT_KEY}.server`]: SERVER_KEY,
    [`mail.account.${ACCOUNT_KEY}.identities`]: identities.map((identity) => identity.key).join(","),
    [`mail.account.${LOCAL_ACCOUNT_KEY}.server`]: LOCAL_SERVER_KEY,
    // The account of the identities: no incoming server (type "none"), its own folder tree.
    [`mail.server.${SERVER_KEY}.type`]: "none",
    [`mail.server.${SERVER_KEY}.hostname`]: "mssante.local",
    [`mail.server.${SERVER_KEY}.userName`]: "dr.martin",
    [`mail.server.${SERVER_KEY}.name`]: "MSSanté",
    [`mail.server.${SERVER_KEY}.directory-rel`]: "[ProfD]Mail/mssante.local",
    [`mail.server.${SERVER_KEY}.login_at_startup`]: false,
    // Local Folders (without directory-rel Thunderbird creates "Local Folders-1").
    [`mail.server.${LOCAL_SERVER_KEY}.type`]: "none",
    [`mail.server.${LOCAL_SERVER_KEY}.hostname`]: "Local Folders",
    [`mail.server.${LOCAL_SERVER_KEY}.userName`]: "nobody",
    [`mail.server.${LOCAL_SERVER_KEY}.name`]: "Local Folders",
    [`mail.server.${LOCAL_SERVER_KEY}.directory-rel`]: "[ProfD]Mail/Local Folders",
    // Outgoing server. On 153 the outgoing servers are still `mail.smtpserver.<key>.*`
    // listed in `mail.smtpservers` (`mail.smtpserver.<key>.type` = "smtp" is the default).
    "mail.smtpservers": SMTP_KEY,
    "mail.smtp.defaultserver": SMTP_KEY,
    [`mail.smtpserver.${SMTP_KEY}.type`]: "smtp",
    [`mail.smtpserver.${SMTP_KEY}.hostname`]: "127.0.0.1",
    [`mail.smtpserver.${SMTP_KEY}.port`]: smtpPort,
    [`mail.smtpserver.${SMTP_KEY}.authMethod`]: 1, // none
    [`mail.smtpserver.${SMTP_KEY}.try_ssl`]: 0, // plain, no STARTTLS
    [`mail.smtpserver.${SMTP_KEY}.username`]: "",
    [`mail.smtpserver.${SMTP_KEY}.description`]: "SMTP capture",
  };
  for (const identity of identities) {
    const base = `mail.identity.${identity.key}`;
    prefs[`${base}.useremail`] = identity.email;
    prefs[`${base}.fullName`] = identity.fullName;
    prefs[`${base}.smtpServer`] = SMTP_KEY;
    prefs[`${base}.valid`] = true;
    prefs[`${base}.compose_html`] = false;
    prefs[`${base}.reply_on_top`] = 1;
    prefs[`${base}.attach_signature`] = false;
    for (const [name, value] of Object.entries(identity.prefs)) prefs[`${base}.${name}`] = value;
  }
  return prefs;
}

/** Creates the run's folders and a profile ready for `startThunderbird`. */
export async function createProfile(options: ProfileOptions): Promise<ThunderbirdProfile> {
  const rootDir = await mkdtemp(join(options.parentDir ?? tmpdir(), "mssante-e2e-"));
  const profileDir = join(rootDir, "profile");
  const tmpDir = join(rootDir, "tmp");
  const homeDir = join(rootDir, "home");
  const localFoldersDir = join(profileDir, "Mail", "Local Folders");
  await Promise.all([
    mkdir(localFoldersDir, { recursive: true }),
    mkdir(tmpDir, { recursive: true }),
    mkdir(homeDir, { recursive: true }),
  ]);

  const specs = options.identities ?? [MSSANTE_IDENTITY, NON_MSSANTE_IDENTITY];
  if (specs.length === 0) throw new Error("createProfile: at least one identity is needed");
  const identities: ResolvedIdentity[] = specs.map((spec, index) => ({
    key: spec.key ?? `id${index + 1}`,
    email: spec.email,
    fullName: spec.fullName ?? "",
    prefs: spec.prefs ?? {},
  }));
  if (new Set(identities.map((identity) => identity.key)).size !== identities.length) {
    throw new Error("createProfile: identity keys must be distinct");
  }

  const prefs = {
    ...QUIET_PREFS,
    ...accountPrefs(options.smtpPort, identities),
    ...(options.prefs ?? {}),
  };
  await writeFile(join(profileDir, "user.js"), userJs(prefs));

  for (const [folder, messages] of Object.entries(options.localFolders ?? {})) {
    await writeFile(join(localFoldersDir, folder), mboxBytes(messages));
  }

  return {
    rootDir,
    profileDir,
    tmpDir,
    homeDir,
    accountKey: ACCOUNT_KEY,
    identities: identities.map(({ key, email, fullName }) => ({ key, email, fullName })),
    localFoldersDir,
  };
}
