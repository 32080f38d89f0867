import { text, type Datagram } from '../../../bench/sip-capture-writer.js';

/**
 * SIP messages in the shape of RFC 3261 §24.2's example flow (INVITE, 180, 200, ACK, BYE) and
 * RFC 3665 §3.8 (busy), with our own addresses: the messages a capture of one call holds.
 */
export const US = { address: '192.0.2.10', port: 5060 };
export const THEM = { address: '198.51.100.20', port: 5060 };

interface Line {
  readonly at: number;
  readonly from: 'us' | 'them';
  readonly text: string;
}

function message(start: string, headers: string[], body = ''): string {
  return `${start}\r\n${[...headers, `Content-Length: ${new TextEncoder().encode(body).length}`].join('\r\n')}\r\n\r\n${body}`;
}

const sdp = (address: string, port: number) =>
  `v=0\r\no=- 1 1 IN IP4 ${address}\r\ns=-\r\nc=IN IP4 ${address}\r\nt=0 0\r\nm=audio ${port} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n`;

/** A call of `callId`: our INVITE, then what `replies` adds. */
export function dialog(callId: string, replies: (m: Messages) => Line[]): Line[] {
  return [{ at: 0, from: 'us', text: messages(callId).invite }, ...replies(messages(callId))];
}

export type Messages = ReturnType<typeof messages>;

export function messages(callId: string) {
  const ours = `From: <sip:platform@${US.address}>;tag=us-${callId}`;
  const to = '<sip:+33612345678@carrier.example>';
  const via = (branch: string) => `Via: SIP/2.0/UDP ${US.address}:${US.port};branch=z9hG4bK${branch}`;
  const response = (code: string, tag: boolean, cseq = '1 INVITE', extra: string[] = [], body = '') =>
    message(
      `SIP/2.0 ${code}`,
      [
        via(`${callId}i`),
        ours,
        `To: ${to}${tag ? `;tag=them-${callId}` : ''}`,
        `Call-ID: ${callId}`,
        `CSeq: ${cseq}`,
        ...extra,
      ],
      body,
    );
  return {
    invite: message(
      'INVITE sip:+33612345678@carrier.example SIP/2.0',
      [
        via(`${callId}i`),
        'Max-Forwards: 70',
        ours,
        `To: ${to}`,
        `Call-ID: ${callId}`,
        'CSeq: 1 INVITE',
        'Content-Type: application/sdp',
      ],
      sdp(US.address, 40000),
    ),
    trying: response('100 Trying', false),
    ringing: response('180 Ringing', true),
    busy: response('486 Busy Here', true),
    ok: response('200 OK', true, '1 INVITE', ['Content-Type: application/sdp'], sdp(THEM.address, 50000)),
    ack: message('ACK sip:+33612345678@carrier.example SIP/2.0', [
      via(`${callId}a`),
      ours,
      `To: ${to};tag=them-${callId}`,
      `Call-ID: ${callId}`,
      'CSeq: 1 ACK',
    ]),
    byeFromThem: message('BYE sip:platform@192.0.2.10 SIP/2.0', [
      `Via: SIP/2.0/UDP ${THEM.address}:${THEM.port};branch=z9hG4bK${callId}b`,
      `From: ${to};tag=them-${callId}`,
      `To: <sip:platform@${US.address}>;tag=us-${callId}`,
      `Call-ID: ${callId}`,
      'CSeq: 1 BYE',
      'Reason: Q.850;cause=16',
    ]),
  };
}

/** The datagrams of a dialog, each sent `at` ms after `startUs`, over UDP or TCP. */
export function datagramsOf(lines: readonly Line[], startUs: number): Datagram[] {
  return lines.map((line) => {
    const [src, dst] = line.from === 'us' ? [US, THEM] : [THEM, US];
    return {
      timeUs: startUs + line.at * 1000,
      src: src.address,
      dst: dst.address,
      srcPort: src.port,
      dstPort: dst.port,
      payload: text(line.text),
    };
  });
}

/** Our RTP to the far side's SDP endpoint: `count` packets of 20 ms of PCMU (160 timestamp units). */
export function rtpDatagrams(startUs: number, count: number): Datagram[] {
  return Array.from({ length: count }, (_, index) => {
    const packet = new Uint8Array(12 + 160);
    const view = new DataView(packet.buffer);
    packet[0] = 0x80;
    view.setUint16(2, index);
    view.setUint32(4, 1000 + index * 160);
    view.setUint32(8, 0x1234);
    return {
      timeUs: startUs + index * 20_000,
      src: US.address,
      dst: THEM.address,
      srcPort: 40000,
      dstPort: 50000,
      payload: packet,
    };
  });
}
