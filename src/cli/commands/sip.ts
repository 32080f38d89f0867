import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { callMachine } from '../../../machines/call.machine.js';
import type { MessageSpec } from '../../../machines/input.js';
import { callMachineGraph, traceTitle } from '../../diagram/call-machine.js';
import { pathFromTimeline } from '../../diagram/path.js';
import { toSvg } from '../../diagram/svg.js';
import { createReportBuilder, renderReport, renderSummaryTable } from '../../report/index.js';
import { describeValue } from '../../../machines/result.js';
import { escapeControl } from '../../input/index.js';
import { CaptureFormatError } from '../../sip/capture/file-reader.js';
import type { OurSide } from '../../sip/capture-calls.js';
import { readSipCapture, type CaptureSummary } from '../../sip/read-capture.js';
import type { SipCallResult } from '../../sip/sip-record.js';
import { CaptureFileError, captureChunks } from '../../sip/node/capture-file.js';
import { UsageError, parseOptions, type Command } from '../command.js';
import { DEFAULT_MESSAGE_MS, parseMessages } from '../messages-option.js';
import { reportFormatOf } from '../report-format.js';

const NAME = 'sip';

const help = `Usage: call-lifecycle sip [options] CAPTURE | -

Reads a SIP capture (libpcap or pcapng, as tshark, dumpcap and tcpdump write them; standard input
for -) and prints one call record per call, as JSON lines, in order of first INVITE: the SIP
Call-ID as callId, startTime (the wall-clock time of the first INVITE), and every time in ms
since that INVITE. A summary table goes to stderr. See docs/sip.md.

Reads Ethernet, Linux cooked (SLL, SLL2), loopback and raw IP frames; IPv4 and IPv6 with
fragments; SIP over UDP and TCP. Any size: memory holds only the calls in progress.

Rules: only responses to the INVITE ring, answer or end a call (100 Trying stops the carrier
timer; 180 and 183 ring; 3xx-6xx map through their code, refined by a Reason header's Q.850
cause); our CANCEL then 487 is our ring timeout (ABSENT/NO_ANSWER); the far side's BYE is the
recipient hanging up, ours is our release; retransmissions count once; re-INVITE, UPDATE, INFO
and OPTIONS change nothing and are counted. The capture decides, not our timers, and there is
no answering-machine detection (SIP carries no verdict). Where the capture holds our RTP, its
length says how much of the broadcast was played (the record says "played": {"source": "rtp"}).

Options:
  --us ADDR[:PORT]      our side (IPv6 in brackets: [::1]:5060); default: the sender of each
                        call's first INVITE. Calls another side placed are skipped.
  --to <+E164>          the destination for calls whose INVITE names no E.164 number
  --message-ms <ms>     the length of the one message each call plays (default ${DEFAULT_MESSAGE_MS})
  --messages <file>     a JSON array of messages [{ "id": "m1", "durationMs": 12000 }, ...] instead
  --report FILE         a report of the calls: .json, .csv, .md or .html
  --diagram DIR         one SVG per call in DIR: the call machine with the path the call took

Exit codes:
  0  every call has a record
  2  bad options, or the input is not a capture (one line on stderr says why)
  3  some call has no record: the capture stops before its end, or it names no E.164 number
     (a JSON line with "error" is printed for it, and a line on stderr)
`;

/** Parses `ADDR[:PORT]`, IPv6 in brackets (for `sip --us`, and `diagram --us` with a capture). */
export function parseUs(command: string, value: string): OurSide {
  const bracketed = /^\[([0-9a-fA-F:.]+)\](?::(\d+))?$/.exec(value);
  const plain = /^([0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*)$/.test(value) ? [value, value, undefined] : null;
  const v4port = /^([0-9.]+):(\d+)$/.exec(value);
  const match = bracketed ?? v4port ?? plain;
  if (match === null)
    throw new UsageError(
      `${command}: --us: expected ADDR or ADDR:PORT ([::1]:5060 for IPv6), got ${describeValue(value)}`,
    );
  const address = (match[1] as string).toLowerCase().replace(/^0+(?=\d)/, '');
  const port = match[2] === undefined ? undefined : Number(match[2]);
  if (port !== undefined && (port < 1 || port > 65535))
    throw new UsageError(`${command}: --us: expected a port from 1 to 65535, got ${match[2]}`);
  return port === undefined ? { address } : { address, port };
}

function fileName(index: number, callId: string): string {
  return `${String(index + 1).padStart(4, '0')}-${callId.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80)}.svg`;
}

function warnings(summary: CaptureSummary): string[] {
  const lines: string[] = [];
  if (summary.truncated) lines.push('the capture ends inside a packet (cut short): that packet is skipped');
  if (summary.unknownLinkTypes.length > 0)
    lines.push(
      `frames of link types ${summary.unknownLinkTypes.join(', ')} are not read (docs/sip.md lists the link types read)`,
    );
  if (summary.malformed > 0)
    lines.push(`${summary.malformed} malformed SIP message(s) skipped, e.g. ${summary.malformedExamples[0] ?? ''}`);
  if (summary.notOurs > 0) lines.push(`${summary.notOurs} call(s) placed by another side than --us skipped`);
  if (summary.strays > 0)
    lines.push(`${summary.strays} SIP message(s) outside any call of ours (e.g. out-of-dialog OPTIONS)`);
  return lines;
}

export const sipCommand: Command = {
  name: NAME,
  summary: 'read a SIP capture (pcap or pcapng) into call records, one per call',
  help,
  async run(args, io) {
    const { values, positionals } = parseOptions(
      NAME,
      args,
      {
        us: { type: 'string' },
        to: { type: 'string' },
        'message-ms': { type: 'string' },
        messages: { type: 'string' },
        report: { type: 'string' },
        diagram: { type: 'string' },
      },
      true,
    );
    if (positionals.length !== 1)
      throw new UsageError(`${NAME}: expected one capture file (or - for standard input), got ${positionals.length}`);
    const messages: MessageSpec[] = await parseMessages(NAME, values, io);
    if (values.to !== undefined && !/^\+[1-9]\d{1,14}$/.test(values.to))
      throw new UsageError(
        `${NAME}: --to: expected an E.164 number such as "+33612345678", got ${describeValue(values.to)}`,
      );
    const reportFormat = values.report === undefined ? null : reportFormatOf(NAME, values.report);
    const us = values.us === undefined ? undefined : parseUs(NAME, values.us);
    const file = positionals[0] as string;
    const builder = createReportBuilder({ channels: 0, seed: file, profileName: 'SIP capture' });
    const results: SipCallResult[] = [];
    let firstUs: number | null = null;
    let complete = true;
    const onCall = (call: SipCallResult) => {
      firstUs ??= call.startUs;
      if (call.kind !== 'record') {
        complete = false;
        io.stdout(
          `${JSON.stringify({ callId: call.callId, startTime: call.startTime, error: call.kind, message: call.message })}\n`,
        );
        // The message quotes the capture (a Call-ID, a Request-URI): escaped, it stays one line.
        io.stderr(`call-lifecycle: ${NAME}: ${escapeControl(call.message)}\n`);
        return;
      }
      io.stdout(`${JSON.stringify(call.record)}\n`);
      builder.add({ ...call.record, startAt: Math.round((call.startUs - firstUs) / 1000), fault: null });
      if (values.diagram !== undefined) results.push(call);
    };
    let summary: CaptureSummary;
    try {
      summary = await readSipCapture(
        captureChunks(file, io.cwd),
        { messages, ...(us === undefined ? {} : { us }), ...(values.to === undefined ? {} : { to: values.to }) },
        onCall,
      );
    } catch (error) {
      if (error instanceof CaptureFormatError || error instanceof CaptureFileError)
        throw new UsageError(
          `${NAME}: ${file === '-' ? 'standard input' : file}: ${error.message.replace(/^cannot read [^:]*: /, '')}`,
        );
      throw error;
    }
    for (const line of warnings(summary)) io.stderr(`call-lifecycle: ${NAME}: ${escapeControl(line)}\n`);
    const finished = builder.finish({ partial: false });
    // A capture has no channel count of its own: the most calls seen at once stands for it.
    const report = { ...finished, campaign: { ...finished.campaign, channels: finished.occupancy.peakBusy } };
    if (values.report !== undefined && reportFormat !== null)
      await writeFile(resolve(io.cwd, values.report), await renderReport(report, reportFormat));
    if (values.diagram !== undefined) await writeDiagrams(resolve(io.cwd, values.diagram), results);
    io.stderr(renderSummaryTable(report));
    return complete ? 0 : 3;
  },
};

async function writeDiagrams(dir: string, results: readonly SipCallResult[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  const graph = callMachineGraph();
  for (const [index, result] of results.entries()) {
    if (result.kind !== 'record') continue;
    const path = pathFromTimeline(callMachine, result.record.timeline, graph);
    const svg = await toSvg(graph, {
      trace: { nodes: path.nodes, edges: path.edges },
      title: traceTitle(result.record),
    });
    await writeFile(resolve(dir, fileName(index, result.callId)), svg);
  }
}
