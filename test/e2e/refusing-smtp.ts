/**
 * An outgoing server that refuses messages (554, or the code given, after DATA), or answers
 * them as a test says (late, say), on 127.0.0.1, for the end-to-end tests of a send the server
 * refuses or is slow to take; and pointing Thunderbird's outgoing server
 * at a port (it keeps its SMTP connections open between sends: the next send opens a new one).
 */
import { SMTPServer, type SMTPServerDataStream } from "smtp-server";
import { z } from "zod";
import { expect } from "vitest";
import { headerLine, type ThunderbirdUi } from "../../harness/index.js";

export interface RefusingSmtp {
  readonly port: number;
  /** Every message offered (after DATA), as received, oldest first. */
  readonly offered: Buffer[];
  close(): Promise<void>;
}

/** How a message is refused: 554 (permanent) unless told otherwise, e.g. 451 "Try again later". */
export interface Refusal {
  readonly code: number;
  readonly text: string;
}

/** Starts a server that refuses every message, or those `accept` says no to. */
export function startRefusingSmtp(
  accept: (raw: Buffer) => boolean = () => false,
  refusal: Refusal = { code: 554, text: "Message refused" },
): Promise<RefusingSmtp> {
  return startAnsweringSmtp((raw) => (accept(raw) ? null : refusal));
}

type Answer = Refusal | null;

/**
 * Starts a server that answers each message (after DATA) as `answer` says — at once, or when
 * its promise settles: null accepts it, a `Refusal` refuses it. Every message offered is kept,
 * in order.
 */
export async function startAnsweringSmtp(answer: (raw: Buffer, index: number) => Answer | Promise<Answer>): Promise<RefusingSmtp> {
  const offered: Buffer[] = [];
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 1_000,
    onData(stream: SMTPServerDataStream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        offered.push(raw);
        const reply = (refusal: Answer): void => {
          if (refusal === null) callback(null);
          else callback(Object.assign(new Error(refusal.text), { responseCode: refusal.code }));
        };
        const given = answer(raw, offered.length - 1);
        if (given instanceof Promise) void given.then(reply);
        else reply(given);
      });
    },
  });
  server.on("error", () => undefined);
  const port = await new Promise<number>((resolvePort, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const where = server.server.address();
      resolvePort(typeof where === "object" && where !== null ? where.port : 0);
    });
  });
  return {
    port,
    offered,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => {
          r();
        });
      }),
  };
}

/** The port of Thunderbird's outgoing server `smtp1`. */
export async function smtpPort(ui: ThunderbirdUi): Promise<number> {
  return z.number().parse(await ui.chromeEval(String.raw`() => Services.prefs.getIntPref("mail.smtpserver.smtp1.port")`));
}

/** Points the outgoing server `smtp1` at `port`, and closes its open connections. */
export async function useSmtpPort(ui: ThunderbirdUi, port: number): Promise<void> {
  await ui.chromeEval(
    String.raw`(value) => {
      Services.prefs.setIntPref("mail.smtpserver.smtp1.port", value);
      let closed = 0;
      for (const server of MailServices.outgoingServer.servers) {
        const real = server.wrappedJSObject ?? server;
        if (typeof real.closeCachedConnections === "function") {
          real.closeCachedConnections();
          closed++;
        }
      }
      if (closed === 0) throw new Error("no outgoing server to reconnect");
      return true;
    }`,
    [port],
  );
}

/**
 * Waits (up to `withinMs`) for two messages on `server`: the one sent, with `subject`, then
 * the [FIN] in reply to it; fails, saying which is missing, otherwise.
 */
export async function messageThenFin(server: RefusingSmtp, subject: string, withinMs: number): Promise<{ first: Buffer; fin: Buffer }> {
  const until = Date.now() + withinMs;
  while (server.offered.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
  const [first, fin] = server.offered;
  if (first === undefined) throw new Error("the message never reached the server");
  expect(headerLine(first, "Subject")).toBe(`Subject: ${subject}`);
  if (fin === undefined) throw new Error("no [FIN] followed the message");
  expect(headerLine(fin, "Subject")).toBe("Subject: [FIN]");
  const firstId = headerLine(first, "Message-ID").replace(/^Message-ID:\s*/i, "");
  expect(headerLine(fin, "In-Reply-To")).toBe(`In-Reply-To: ${firstId}`);
  return { first, fin };
}
