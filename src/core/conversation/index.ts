export {
  conversationPatient,
  closingIdentity,
  usableName,
  type MessageParties,
  type ConversationPatient,
  type NotClosableReason,
  type PatientLookup,
  type IdentityRef,
} from "./patient.js";
export {
  buildClosingReply,
  closingText,
  textToHtml,
  bracketId,
  parseMessageIds,
  NEUTRAL_SALUTATION,
  type ClosingReplyInput,
  type ClosingReply,
} from "./reply.js";
export {
  conversationState,
  sameThread,
  type ThreadedMessage,
  type SentMessage,
  type ClosingContext,
  type ConversationState,
} from "./state.js";
export {
  provesClosing,
  waitingSince,
  waitsToClose,
  filedAsSent,
  authoredBy,
  datedByNow,
  placeOf,
  CLOCK_SKEW_MS,
  SENT_MAIL_USES,
  NOT_SENT_USES,
  type StoredClosing,
} from "./closing-evidence.js";
export {
  CLOSE_ACTION_TITLE,
  notClosableText,
  notClosableMenuTitle,
  CLOSE_MENU_TITLE,
  closedText,
  closeBackgroundText,
  closeQueuedText,
  pendingCloseText,
  pendingDroppedText,
  pendingExpiredText,
  alreadyClosingText,
  reviewText,
  closeFailedText,
  backgroundSendNotFoundReason,
  closeNotStartedText,
  noSentCopyReason,
} from "./messages.js";
export {
  exchangeView,
  alreadyClosedText,
  dateText,
  groupedIns,
  CLOSE_ACTION_LABEL,
  type ExchangeView,
} from "./view.js";
export { closingSendMode, pendingCloseStep, sentInBackground, SENT_DATE_SLACK_MS, type SendMode, type PendingStep, type SentCandidate } from "./send-mode.js";
export { PENDING_CLOSE_MAX_DAYS, pendingCloseDated, pendingCloseExpired } from "./pending-expiry.js";
