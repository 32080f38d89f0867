/** Where a side receives its audio, from its SDP (RFC 8866): address, port and RTP clock rate. */
export interface MediaEndpoint {
  readonly address: string;
  readonly port: number;
  /** RTP timestamp units per second of the first payload type (8000 for G.711). */
  readonly clockRate: number;
}

// RFC 3551 §6: the static payload types' clock rates (G.722's RTP clock is 8000 by that table).
const STATIC_RATES: Readonly<Record<string, number>> = { 0: 8000, 3: 8000, 4: 8000, 8: 8000, 9: 8000, 18: 8000 };

/**
 * The audio endpoint an SDP body announces, or null (no audio, port 0, no connection address).
 *
 * @example
 * audioEndpoint('v=0\r\nc=IN IP4 192.0.2.10\r\nm=audio 6000 RTP/AVP 0\r\n');
 * // → { address: '192.0.2.10', port: 6000, clockRate: 8000 }
 */
export function audioEndpoint(body: string): MediaEndpoint | null {
  let sessionAddress: string | null = null;
  let mediaAddress: string | null = null;
  let port = 0;
  let payloadType: string | null = null;
  let clockRate: number | null = null;
  let inAudio = false;
  let seenAudio = false;
  for (const line of body.split(/\r?\n/)) {
    if (line.startsWith('m=')) {
      if (seenAudio) break;
      inAudio = line.startsWith('m=audio ');
      if (!inAudio) continue;
      seenAudio = true;
      const [, portText, , firstType] = line.slice(2).split(/\s+/);
      port = Number(portText?.split('/')[0]);
      payloadType = firstType ?? null;
    } else if (line.startsWith('c=')) {
      const address = /^c=IN IP[46] ([^\s/]+)/.exec(line)?.[1] ?? null;
      if (seenAudio && inAudio) mediaAddress = address;
      else if (!seenAudio) sessionAddress = address;
    } else if (inAudio && payloadType !== null && line.startsWith(`a=rtpmap:${payloadType} `)) {
      clockRate = Number(/\/(\d+)/.exec(line)?.[1] ?? Number.NaN);
    }
  }
  const address = mediaAddress ?? sessionAddress;
  if (!seenAudio || address === null || !Number.isInteger(port) || port <= 0 || port > 65535) return null;
  const rate = clockRate ?? STATIC_RATES[payloadType ?? ''] ?? 8000;
  return { address: address.toLowerCase(), port, clockRate: Number.isFinite(rate) && rate > 0 ? rate : 8000 };
}
