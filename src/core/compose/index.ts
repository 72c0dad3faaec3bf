export { parseRecipientParts, parseRecipients, domainOf, isPatientAddress, patientOf, nameShowsOtherPatient, holdsPatientIdentifier, personName, cleanDisplayName, headerDisplayName, cutAtGrapheme, DISPLAY_NAME_MAX, formatRecipient, type Mailbox } from "./recipients.js";
export { FIN_SUBJECT, closingIntent, type ClosingIntent } from "./subject.js";
export {
  NO_REPLY_HEADER_NAME,
  NO_REPLY_HEADER_VALUE,
  isNoReplyHeaderName,
  hasNoReplyHeader,
  withNoReplyHeader,
  noReplyHeaders,
  isNoReplyHeaderCanonical,
  type CustomHeader,
} from "./headers.js";
export {
  PATIENT_MAX_MESSAGE_BYTES,
  HEADER_ALLOWANCE_BYTES,
  PART_ALLOWANCE_BYTES,
  base64EncodedBytes,
  estimateMessageBytes,
  utf8ByteLength,
  megabytesText,
  type SizeInput,
  type SizedAttachment,
} from "./size.js";
export { isPreferredPatientFormat } from "./attachments.js";
export { senderAllowed, senderAddress, normalizeDomainEntry, isPatientDomain } from "./sender.js";
export {
  evaluateSend,
  applyFix,
  verdictFingerprint,
  recipientsNeedDirectory,
  directoryNeedsOf,
  type FieldNode,
  type UnresolvedInField,
  type SendInput,
  type GuardSettings,
  type SendVerdict,
  type AttachmentInfo,
  type PatientRecipient,
  type RecipientField,
  type Finding,
  type FindingCode,
  type BlockerCode,
  type WarningCode,
  type Fix,
  type FixId,
  type ComposePatch,
} from "./guard.js";
export {
  EMPTY_DIRECTORY,
  namesOfVCard,
  primaryEmailOfVCard,
  type Directory,
  type DirectoryContact,
  type DirectoryList,
  type DirectoryProblem,
  type DirectoryRead,
  type DirectoryNeeds,
} from "./directory.js";
export {
  needsDirectory,
  isUnplainEntry,
  matchesAnyList,
  needsContactsByName,
  resolveEntry,
  type EntryResolution,
  type NodeRef,
  type ReachedMailbox,
  type RecipientEntry,
  type UnresolvedReason,
  type UnresolvedRecipient,
} from "./expand.js";
