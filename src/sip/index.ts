/**
 * SIP in: call records from SIP captures (libpcap and pcapng), and the same mapping message by
 * message for a live feed. Browser-safe: the file reading for the CLI is in ./node/.
 */
export { SipCall } from './call.js';
export type { ReasonInRecord, SipCallEvent, SipFacts, SipSide, SipStep } from './call.js';
export { sipDialogEvents } from './dialog-events.js';
export type { TimedSipMessage } from './dialog-events.js';
export { header, headerName, looksLikeSip, parseSipMessage } from './message.js';
export type { SipMessage } from './message.js';
export { e164FromUri, sipKeys } from './fields.js';
export type { SipKeys } from './fields.js';
export { audioEndpoint } from './sdp.js';
export type { MediaEndpoint } from './sdp.js';
export { readSipCapture } from './read-capture.js';
export type { CaptureSummary } from './read-capture.js';
export { captureLadder } from './capture-ladder.js';
export type { CaptureLadder } from './capture-ladder.js';
export { sipLadder } from './ladder.js';
export type { TimedSip } from './ladder.js';
export { SipCaptureCalls } from './capture-calls.js';
export type { OurSide, SipCaptureOptions } from './capture-calls.js';
export type { PlayedFrom, SipCallRecord, SipCallResult, SipRecordFacts } from './sip-record.js';
export { CaptureFormatError, CaptureReader } from './capture/file-reader.js';
export type { Frame } from './capture/file-reader.js';
export { SipPacketReader } from './capture/messages.js';
export type { CapturedSip } from './capture/messages.js';
