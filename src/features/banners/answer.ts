/**
 * The background's side of the banner: a request from the script in a displayed message
 * (what to show, close the exchange, mark the notice handled, open its panel entry) is
 * answered for the message the sender's tab displays — never for an id the page names. The
 * close is the header button's use case (`closeConversation`: one [FIN], the right
 * identity, two clicks sending one). Texts are rendered in the interface language here.
 */
import type { MessageHeader } from "../../adapters/messages.js";
import { patientBanner, type BannerAnswer, type BannerModel, type BannerRequestAction, type RenderedBanner } from "../../core/banners/index.js";
import {
  alreadyClosingText,
  conversationPatient,
  closedText,
  closeQueuedText,
  reviewText,
} from "../../core/conversation/index.js";
import { msg, type Message } from "../../core/i18n/text.js";
import { bareMessageId } from "../../core/notice-records/index.js";
import type { CloseOutcome } from "../conversation/close.js";
import { bannerFor, type BannerDeps } from "./banner-for.js";

export interface AnswerDeps {
  /** The one message the tab displays; null when none or several. */
  displayed(tabId: number): Promise<MessageHeader | null>;
  banner: BannerDeps;
  close(message: MessageHeader): Promise<CloseOutcome>;
  /** Marks the notice with that id handled; false when it is not stored. */
  markHandled(noticeId: string): Promise<boolean>;
  openNotice(noticeId: string): Promise<void>;
  render(text: Message): string;
  lang(): string;
}

function rendered(model: BannerModel, announce: Message | null, deps: AnswerDeps): RenderedBanner {
  return {
    kind: model.kind,
    tone: model.tone,
    lang: deps.lang(),
    label: deps.render(model.label),
    lines: model.lines.map((line) => ({ role: line.role, text: deps.render(line.text) })),
    actions: model.actions.map((a) => ({ action: a.action, label: deps.render(a.label) })),
    announce: announce === null ? "" : deps.render(announce),
  };
}

const NOTHING: BannerAnswer = { banner: null };

/** After a [FIN] went out from the banner: closed now, even before its copy in Sent is indexed. */
async function afterClose(message: MessageHeader, outcome: CloseOutcome, deps: AnswerDeps): Promise<{ model: BannerModel | null; announce: Message | null }> {
  let model = await bannerFor(message, deps.banner);
  const own = await deps.banner.ownAddresses();
  const lookup = conversationPatient(message, own);
  const name = lookup.ok ? lookup.patient.name : "";
  // A [FIN] sent now (from the banner, or a moment ago from the header button: its claim says
  // so) closes the exchange even while its copy in the Sent folder is not indexed yet.
  const closedAt = outcome.outcome === "sent" ? deps.banner.now() : outcome.outcome === "duplicate" && outcome.claim.status === "sent" ? outcome.claim.at : null;
  if (closedAt !== null && lookup.ok && model?.kind === "patient" && model.tone === "open") {
    model = patientBanner(lookup.patient, { state: "closed", on: closedAt, closingMessageId: "" }, "", deps.banner.dates(closedAt));
  }
  switch (outcome.outcome) {
    case "sent":
      return { model, announce: closedText(name) };
    case "review":
      return { model, announce: reviewText(name) };
    case "queued":
      // In the Outbox, not sent: the banner says the close waits (its claim), never closed.
      return { model, announce: closeQueuedText(name) };
    case "duplicate":
      return { model, announce: alreadyClosingText(name) };
    case "already-closed":
      return { model, announce: null };
    case "not-closable":
    case "not-started":
    case "send-failed":
      return { model, announce: msg("bannerCloseNotDone") };
  }
}

export async function answerBanner(action: BannerRequestAction, tabId: number, deps: AnswerDeps): Promise<BannerAnswer> {
  const message = await deps.displayed(tabId);
  if (message === null) return NOTHING;
  let model: BannerModel | null;
  let announce: Message | null = null;
  switch (action) {
    case "show":
      model = await bannerFor(message, deps.banner);
      break;
    case "close": {
      // Only a patient banner with its close action offers this; checked again here.
      const before = await bannerFor(message, deps.banner);
      if (before?.kind !== "patient" || !before.actions.some((a) => a.action === "close")) {
        model = before;
        break;
      }
      const outcome = await deps.close(message);
      ({ model, announce } = await afterClose(message, outcome, deps));
      break;
    }
    case "handled": {
      const id = bareMessageId(message.headerMessageId);
      const before = await bannerFor(message, deps.banner);
      if (id !== null && before?.kind === "notice" && (await deps.markHandled(id))) announce = msg("bannerHandledAnnounce");
      model = await bannerFor(message, deps.banner);
      break;
    }
    case "open-notice": {
      const id = bareMessageId(message.headerMessageId);
      model = await bannerFor(message, deps.banner);
      if (id !== null && model?.kind === "notice") await deps.openNotice(id);
      break;
    }
  }
  return { banner: model === null ? null : rendered(model, announce, deps) };
}
