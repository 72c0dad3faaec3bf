// A local SMTP server that keeps every message exactly as received, for end-to-end tests.
// It listens on 127.0.0.1 only, on a port chosen by the system, without TLS or authentication,
// and advertises DSN so that the NOTIFY/RET/ENVID parameters Thunderbird sends can be checked.
import { SMTPServer } from "smtp-server";
import type { SMTPServerAddress, SMTPServerDataStream, SMTPServerSession } from "smtp-server";

/** One address of the SMTP envelope with the parameters given on its command line. */
export interface EnvelopeAddress {
  readonly address: string;
  /** Command parameters, keys upper case (`NOTIFY`, `ORCPT`, `RET`, `ENVID`, `BODY`, …). */
  readonly args: Readonly<Record<string, string | true>>;
}

/** A recipient of the envelope with its parsed DSN parameters. */
export interface EnvelopeRecipient extends EnvelopeAddress {
  /** `NOTIFY=` values, upper case; absent when the client sent none. */
  readonly notify: readonly string[] | undefined;
  /** `ORCPT=` value as received; absent when the client sent none. */
  readonly orcpt: string | undefined;
}

export interface SmtpEnvelope {
  /** `MAIL FROM`; `null` for a null sender (`MAIL FROM:<>`). */
  readonly mailFrom: EnvelopeAddress | null;
  readonly rcptTo: readonly EnvelopeRecipient[];
  /** `RET=` of `MAIL FROM` (`FULL`/`HDRS`), `null` when not given. */
  readonly dsnRet: string | null;
  /** `ENVID=` of `MAIL FROM`, `null` when not given. */
  readonly dsnEnvid: string | null;
}

export interface CapturedMessage {
  /** The message as transmitted after DATA (dot-unstuffed, line endings untouched). */
  readonly raw: Buffer;
  readonly envelope: SmtpEnvelope;
  /** The name the client gave with EHLO/HELO. */
  readonly clientName: string;
  readonly receivedAt: Date;
}

export interface SmtpCapture {
  readonly host: "127.0.0.1";
  readonly port: number;
  /** Messages received so far, oldest first. */
  messages(): readonly CapturedMessage[];
  /** Resolves with the messages once at least `count` have arrived; rejects after `timeoutMs`. */
  waitForMessages(count: number, timeoutMs?: number): Promise<readonly CapturedMessage[]>;
  /** Forgets the messages received so far. */
  clear(): void;
  /** Calls `listener` with each message as it arrives. */
  onMessage(listener: (message: CapturedMessage) => void): void;
  close(): Promise<void>;
}

interface Waiter {
  readonly count: number;
  readonly resolve: (messages: readonly CapturedMessage[]) => void;
}

function copyArgs(args: SMTPServerAddress["args"]): Record<string, string | true> {
  return args === false ? {} : { ...args };
}

function copyAddress(address: SMTPServerAddress): EnvelopeAddress {
  return { address: address.address, args: copyArgs(address.args) };
}

function copyEnvelope(session: SMTPServerSession): SmtpEnvelope {
  const envelope = session.envelope;
  return {
    mailFrom: envelope.mailFrom === false ? null : copyAddress(envelope.mailFrom),
    rcptTo: envelope.rcptTo.map((rcpt) => ({
      ...copyAddress(rcpt),
      notify: rcpt.dsn?.notify === undefined ? undefined : [...rcpt.dsn.notify],
      orcpt: rcpt.dsn?.orcpt,
    })),
    dsnRet: envelope.dsn?.ret ?? null,
    dsnEnvid: envelope.dsn?.envid ?? null,
  };
}

/** Starts a capturing SMTP server on 127.0.0.1 with a system-chosen port. */
export async function startSmtpCapture(): Promise<SmtpCapture> {
  let received: CapturedMessage[] = [];
  let waiters: Waiter[] = [];
  const listeners: ((message: CapturedMessage) => void)[] = [];

  const notify = (): void => {
    const ready = waiters.filter((waiter) => received.length >= waiter.count);
    waiters = waiters.filter((waiter) => received.length < waiter.count);
    for (const waiter of ready) waiter.resolve([...received]);
  };

  const server = new SMTPServer({
    name: "smtp-capture.test",
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    hideDSN: false,
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 1_000,
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", (error: Error) => {
        callback(error);
      });
      stream.on("end", () => {
        const message: CapturedMessage = {
          raw: Buffer.concat(chunks),
          envelope: copyEnvelope(session),
          clientName: session.hostNameAppearsAs,
          receivedAt: new Date(),
        };
        received.push(message);
        callback(null);
        notify();
        for (const listener of listeners) listener(message);
      });
    },
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      const address = server.server.address();
      if (address === null || typeof address === "string") {
        reject(new Error("SMTP capture: no TCP address"));
        return;
      }
      resolve(address.port);
    });
  });
  // Errors on client sockets must not crash the test process.
  server.on("error", () => undefined);

  return {
    host: "127.0.0.1",
    port,
    messages: () => [...received],
    waitForMessages(count: number, timeoutMs = 30_000) {
      if (received.length >= count) return Promise.resolve([...received]);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((waiter) => waiter !== entry);
          reject(
            new Error(`SMTP capture: expected ${count} message(s) within ${timeoutMs} ms, got ${received.length}`),
          );
        }, timeoutMs);
        const entry: Waiter = {
          count,
          resolve: (messages) => {
            clearTimeout(timer);
            resolve(messages);
          },
        };
        waiters.push(entry);
      });
    },
    clear() {
      received = [];
    },
    onMessage(listener) {
      listeners.push(listener);
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}

/** The header block of a raw message (everything before the first empty line). */
export function headerBlock(raw: Buffer): Buffer {
  const crlf = raw.indexOf("\r\n\r\n");
  const lf = raw.indexOf("\n\n");
  const candidates = [crlf === -1 ? -1 : crlf + 2, lf === -1 ? -1 : lf + 1].filter((index) => index >= 0);
  return candidates.length === 0 ? raw : raw.subarray(0, Math.min(...candidates));
}

/** The body of a raw message (everything after the first empty line), as bytes. */
export function bodyBytes(raw: Buffer): Buffer {
  const crlf = raw.indexOf("\r\n\r\n");
  const lf = raw.indexOf("\n\n");
  if (crlf !== -1 && (lf === -1 || crlf < lf)) return raw.subarray(crlf + 4);
  if (lf !== -1) return raw.subarray(lf + 2);
  return Buffer.alloc(0);
}

/**
 * Every header field of the raw message whose name is `name` (case-insensitive), as sent,
 * unfolded (a line break followed by a space or tab is removed, the space or tab kept),
 * decoded as UTF-8. `headerLines(raw, "Subject")` → `["Subject: [FIN] Résultats"]`
 * (RFC 2047 encoded-words stay encoded, exactly as on the wire).
 */
export function headerLines(raw: Buffer, name: string): string[] {
  const text = headerBlock(raw).toString("utf8");
  const fields: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === "") continue;
    const last = fields.length - 1;
    if ((line.startsWith(" ") || line.startsWith("\t")) && last >= 0) {
      fields[last] = `${fields[last] ?? ""}${line}`;
    } else {
      fields.push(line);
    }
  }
  const wanted = name.toLowerCase();
  return fields.filter((field) => {
    const colon = field.indexOf(":");
    return colon > 0 && field.slice(0, colon).trimEnd().toLowerCase() === wanted;
  });
}

/** The single header field named `name`; throws when it is missing or repeated. */
export function headerLine(raw: Buffer, name: string): string {
  const lines = headerLines(raw, name);
  const [line] = lines;
  if (line === undefined || lines.length !== 1) {
    throw new Error(`expected exactly one ${name} header, found ${lines.length}`);
  }
  return line;
}
