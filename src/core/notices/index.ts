export { classifyMessage, CLASSIFIER_INPUT_BYTES, MAX_MESSAGE_BYTES, MAX_DIAGNOSTIC_CHARS } from "./classify.js";
export { looksLikeNotice, mayBeNoticeFromSummary, type MessageSummary } from "./prefilter.js";
export { ordinaryNotice } from "./ordinary.js";
export {
  explainReason,
  explainRecipient,
  summarizeNotice,
  reasonLabel,
  type Explanation,
  type ExplainOptions,
} from "./explain.js";
export { MAX_RECIPIENTS } from "./plaintext.js";
export {
  REASONS,
  type DeliveryAction,
  type Disposition,
  type DispositionType,
  type HeaderField,
  type NotANotice,
  type Notice,
  type NoticeFormat,
  type NoticeKind,
  type NoticeRecipient,
  type OriginalMessage,
  type Reason,
} from "./types.js";
