/**
 * Our own SIPp scenarios (SIPp's XML scenario format, sipp.sourceforge.net/doc/reference.html:
 * `send`/`recv`/`pause`, the `[last_*]`, `[branch]`, `[peer_tag_param]` keywords, `ereg` actions).
 * The UAC is our platform placing the call; the UAS plays the carrier and callee. Each scenario
 * is built from the message shapes below, so that a test reads as the ladder it runs.
 */

const sdp = (type: 'PCMA' | 'PCMU') => `v=0
o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [media_port] RTP/AVP ${type === 'PCMA' ? 8 : 0}
a=rtpmap:${type === 'PCMA' ? '8 PCMA' : '0 PCMU'}/8000`;

const cdata = (text: string) => `<![CDATA[\n${text}\n]]>`;

function scenario(name: string, steps: string[]): string {
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="${name}">
${steps.join('\n')}
</scenario>
`;
}

// --- the UAC (us) ---

const invite = `<send retrans="500">${cdata(`INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: "call-lifecycle" <sip:platform@[local_ip]:[local_port]>;tag=[pid]us[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: <sip:platform@[local_ip]:[local_port];transport=[transport]>
Max-Forwards: 70
Content-Type: application/sdp
Content-Length: [len]

${sdp('PCMA')}`)}</send>`;

const inDialog = (method: string, cseq: number, extra = '', body = '') =>
  `<send retrans="500">${cdata(`${method} sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: "call-lifecycle" <sip:platform@[local_ip]:[local_port]>;tag=[pid]us[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
Call-ID: [call_id]
CSeq: ${cseq} ${method}
Contact: <sip:platform@[local_ip]:[local_port];transport=[transport]>
Max-Forwards: 70${extra}
Content-Length: [len]
${body === '' ? '' : `\n${body}`}`)}</send>`;

/** ACK of a 2xx: a new transaction in the dialog (RFC 3261 §13.2.2.4). */
const ack2xx = `<send>${cdata(`ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: "call-lifecycle" <sip:platform@[local_ip]:[local_port]>;tag=[pid]us[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
Call-ID: [call_id]
CSeq: 1 ACK
Max-Forwards: 70
Content-Length: 0
`)}</send>`;

/** ACK of a non-2xx final: same branch as the INVITE (RFC 3261 §17.1.1.3). */
const ackFailure = `<send>${cdata(`ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
[last_Via:]
From: "call-lifecycle" <sip:platform@[local_ip]:[local_port]>;tag=[pid]us[call_number]
[last_To:]
Call-ID: [call_id]
CSeq: 1 ACK
Max-Forwards: 70
Content-Length: 0
`)}</send>`;

const cancel = `<send>${cdata(`CANCEL sip:[service]@[remote_ip]:[remote_port] SIP/2.0
[last_Via:]
From: "call-lifecycle" <sip:platform@[local_ip]:[local_port]>;tag=[pid]us[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 CANCEL
Max-Forwards: 70
Content-Length: 0
`)}</send>`;

const recv = (code: number, optional = false) => `<recv response="${code}"${optional ? ' optional="true"' : ''}/>`;
const pause = (ms: number) => `<pause milliseconds="${ms}"/>`;
const okTo = (method: string) => `<recv request="${method}"/>
<send>${cdata(`SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
[last_CSeq:]
Content-Length: 0
`)}</send>`;

// --- the UAS (carrier and callee) ---

const recvInvite = '<recv request="INVITE"/>';

/** The INVITE, remembering what the callee's own BYE needs (SIPp refuses variables it never uses). */
const recvInviteForBye = `<recv request="INVITE">
  <action>
    <ereg regexp=".*" search_in="hdr" header="From:" check_it="true" assign_to="caller"/>
    <ereg regexp=".*" search_in="hdr" header="To:" check_it="true" assign_to="callee"/>
    <ereg regexp="sip:[^>;]*" search_in="hdr" header="Contact:" check_it="true" assign_to="contact"/>
  </action>
</recv>`;

/** A response to the INVITE; `reason` adds a Reason header (RFC 3326), `withSdp` an answer. */
function respond(
  code: number,
  text: string,
  options: { reason?: string; withSdp?: boolean; cseq?: string; retrans?: boolean } = {},
) {
  // A final response to an INVITE is retransmitted until its ACK (RFC 3261 §17.2.1); SIPp waits on
  // a retransmitted send before the next send, so the 200 of a CANCEL is sent once.
  const retrans = code >= 200 && options.retrans !== false ? ' retrans="500"' : '';
  return `<send${retrans}>${cdata(`SIP/2.0 ${code} ${text}
[last_Via:]
[last_From:]
${code === 100 ? '[last_To:]' : '[last_To:];tag=[pid]them[call_number]'}
[last_Call-ID:]
${options.cseq ?? '[last_CSeq:]'}
Contact: <sip:[local_ip]:[local_port];transport=[transport]>${options.reason === undefined ? '' : `\nReason: ${options.reason}`}
${options.withSdp ? `Content-Type: application/sdp\nContent-Length: [len]\n\n${sdp('PCMA')}` : 'Content-Length: 0\n'}`)}</send>`;
}

const recvAck = '<recv request="ACK" optional="false"/>';

/** The callee hangs up: a BYE in the dialog, From our To (RFC 3261 §15.1.1). */
const byeFromCallee = (reason: string) =>
  `<send retrans="500">${cdata(`BYE [$contact] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: [$callee];tag=[pid]them[call_number]
To: [$caller]
Call-ID: [call_id]
CSeq: 1 BYE
Max-Forwards: 70
Reason: ${reason}
Content-Length: 0
`)}</send>`;

/** A pair of scenarios: ours (UAC) and the carrier's (UAS). */
export interface ScenarioPair {
  readonly uac: string;
  readonly uas: string;
}

/** The carrier refuses at once, after 100 Trying, with `code` (and a Reason header). */
export function refused(code: number, text: string, reason?: string): ScenarioPair {
  return {
    uac: scenario(`uac ${code}`, [invite, recv(100, true), recv(code), ackFailure]),
    uas: scenario(`uas ${code}`, [
      recvInvite,
      respond(100, 'Trying'),
      respond(code, text, reason === undefined ? {} : { reason }),
      recvAck,
    ]),
  };
}

/** The callee rings (`provisional`: 180, or 183 with early media), then the carrier refuses. */
export function ringThenRefused(provisional: 180 | 183, ringMs: number, code: number, text: string, reason?: string) {
  const ring = provisional === 180 ? respond(180, 'Ringing') : respond(183, 'Session Progress', { withSdp: true });
  return {
    uac: scenario(`uac ${provisional} ${code}`, [invite, recv(100, true), recv(provisional), recv(code), ackFailure]),
    uas: scenario(`uas ${provisional} ${code}`, [
      recvInvite,
      respond(100, 'Trying'),
      ring,
      pause(ringMs),
      respond(code, text, reason === undefined ? {} : { reason }),
      recvAck,
    ]),
  };
}

/** We give up ringing: CANCEL, its 200, then the INVITE's 487 (RFC 3261 §9). */
export function ourCancel(ringMs: number): ScenarioPair {
  return {
    uac: scenario('uac cancel', [
      invite,
      recv(100, true),
      recv(180),
      pause(ringMs),
      cancel,
      recv(200),
      recv(487),
      ackFailure,
    ]),
    uas: scenario('uas cancel', [
      recvInvite,
      respond(100, 'Trying'),
      respond(180, 'Ringing'),
      '<recv request="CANCEL"/>',
      respond(200, 'OK', { retrans: false }),
      respond(487, 'Request Terminated', { cseq: 'CSeq: 1 INVITE' }),
      recvAck,
    ]),
  };
}

/** Answered after a ring; then the callee hangs up after `talkMs`, or we do. `play` sends our audio. */
export function answered(options: {
  ringMs: number;
  talkMs: number;
  hangup: 'callee' | 'us';
  early?: boolean;
  play?: string;
  inDialog?: boolean;
}): ScenarioPair {
  const ring = options.early ? respond(183, 'Session Progress', { withSdp: true }) : respond(180, 'Ringing');
  const ours = [invite, recv(100, true), recv(options.early ? 183 : 180), recv(200), ack2xx];
  const first = options.hangup === 'callee' ? recvInviteForBye : recvInvite;
  const theirs = [
    first,
    respond(100, 'Trying'),
    ring,
    pause(options.ringMs),
    respond(200, 'OK', { withSdp: true }),
    recvAck,
  ];
  if (options.play !== undefined) ours.push(`<nop><action><exec play_pcap_audio="${options.play}"/></action></nop>`);
  if (options.inDialog) {
    // A re-INVITE (same SDP, RFC 3264 §8), then INFO, OPTIONS and UPDATE inside the dialog: none changes the call.
    ours.push(inDialog('INVITE', 2, '\nContent-Type: application/sdp', sdp('PCMA')), recv(200), ack2xx);
    ours.push(inDialog('INFO', 3), recv(200), inDialog('OPTIONS', 4), recv(200), inDialog('UPDATE', 5), recv(200));
    theirs.push(
      '<recv request="INVITE"/>',
      respond(200, 'OK', { withSdp: true }).replace(';tag=[pid]them[call_number]', ''),
      recvAck,
    );
    for (const method of ['INFO', 'OPTIONS', 'UPDATE']) theirs.push(okTo(method));
  }
  if (options.hangup === 'callee') {
    ours.push(okTo('BYE'));
    theirs.push(pause(options.talkMs), byeFromCallee('Q.850;cause=16;text="Normal call clearing"'), recv(200));
  } else {
    ours.push(pause(options.talkMs), inDialog('BYE', 6, '\nReason: Q.850;cause=16'), recv(200));
    theirs.push(okTo('BYE'));
  }
  return { uac: scenario('uac answered', ours), uas: scenario('uas answered', theirs) };
}
