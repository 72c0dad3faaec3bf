export { checkIns, insKey, INS_LENGTH, type InsCheck, type InsProblem } from "./check.js";
export { decodeIns, probableBirthYear, type InsIdentity, type BirthPlace } from "./decode.js";
export { normalizeIns, stripPatientDomain, PATIENT_DOMAIN } from "./normalize.js";
export { insProblemText, describeIdentity } from "./messages.js";
export { compareIdentity, mismatchText, type ExpectedIdentity, type IdentityMismatch } from "./expected.js";
export { insAnnouncement, insEntryView, insStatusKind, type InsEntryView } from "./entry-view.js";
