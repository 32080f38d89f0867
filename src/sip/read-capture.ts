import { SipCaptureCalls, type SipCaptureOptions } from './capture-calls.js';
import { CaptureReader } from './capture/file-reader.js';
import { isKnownLinkType } from './capture/link.js';
import { SipPacketReader, type CapturedSip } from './capture/messages.js';
import type { SipCallResult } from './sip-record.js';

/** What a capture held besides its calls, for the CLI's summary and warnings. */
export interface CaptureSummary {
  readonly format: 'pcap' | 'pcapng';
  readonly frames: number;
  readonly sipMessages: number;
  readonly malformed: number;
  readonly malformedExamples: readonly string[];
  /** Messages that belong to no call of ours (out-of-dialog requests, calls the other side placed). */
  readonly strays: number;
  readonly notOurs: number;
  /** Link types this reader does not decode (their frames are skipped). */
  readonly unknownLinkTypes: readonly number[];
  /** The capture was cut off inside its last record (a capture stopped by a kill). */
  readonly truncated: boolean;
}

/**
 * Reads a libpcap or pcapng capture, chunk by chunk, and calls `onCall` with each call's record
 * (in order of first INVITE) as soon as it is known. Memory holds one chunk and the calls in
 * progress, whatever the capture's size. Browser-safe: give it any async iterable of bytes (a
 * `ReadableStream` of a `File`, a Node stream). A file that is not a capture throws
 * `CaptureFormatError` with a one-line message. `onSip`, when given, sees every SIP message as it
 * is read, before its call does (a call's ladder is drawn from them).
 *
 * @example
 * const summary = await readSipCapture(createReadStream('calls.pcapng'), { messages: [{ id: 'm', durationMs: 8000 }] }, (call) => {
 *   if (call.kind === 'record') console.log(call.record.status, call.record.subStatus);
 * });
 */
export async function readSipCapture(
  chunks: AsyncIterable<Uint8Array>,
  options: SipCaptureOptions,
  onCall: (call: SipCallResult) => void,
  onSip?: (sip: CapturedSip) => void,
): Promise<CaptureSummary> {
  const calls = new SipCaptureCalls(options, onCall);
  const packets = new SipPacketReader(
    (sip) => {
      onSip?.(sip);
      calls.sip(sip);
    },
    (segment) => calls.udp(segment),
  );
  const unknown = new Set<number>();
  const reader = new CaptureReader((frame) => {
    if (!isKnownLinkType(frame.linkType)) unknown.add(frame.linkType);
    packets.frame(frame.timeUs, frame.linkType, frame.data);
  });
  for await (const chunk of chunks) reader.push(chunk);
  const { truncated } = reader.end();
  calls.end();
  return {
    format: reader.kind ?? 'pcap',
    frames: packets.counts.frames,
    sipMessages: packets.counts.sipMessages,
    malformed: packets.counts.malformed,
    malformedExamples: [...packets.counts.malformedExamples],
    strays: calls.strays,
    notOurs: calls.notOurs,
    unknownLinkTypes: [...unknown].sort((a, b) => a - b),
    truncated,
  };
}
