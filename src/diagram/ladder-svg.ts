import { formatDuration } from './duration.js';
import { xmlText } from './escape.js';
import type { Ladder, LadderParty } from './ladder.js';
import { FADED_COLOR, STATUS_SWATCHES, TRACE_COLOR, VISITED_SWATCH } from './style.js';

const TIME_WIDTH = 78;
const COLUMN = 170;
const STATE_WIDTH = 330;
const HEADER = 64;
const ROW = 40;
const FONT = 'font-family="Helvetica, Arial, sans-serif"';

/**
 * The ladder as a self-contained SVG drawn here (no layout engine): a time column, a lifeline per
 * party, one arrow per message with its label (dashed grey when ignored), and on the right the
 * state the call machine entered, so signalling and status reasoning read side by side. The last
 * row is the outcome, coloured by its status family.
 *
 * @example
 * const svg = ladderToSvg(callLadder(record, scenario.events));
 */
export function ladderToSvg(
  ladder: Ladder,
  title = `call ${ladder.callId}: ${ladder.outcome} after ${formatDuration(ladder.endedAt)}`,
): string {
  const x = new Map<LadderParty, number>(
    ladder.parties.map((party, index) => [party.id, TIME_WIDTH + COLUMN * index + COLUMN / 2]),
  );
  const stateX = TIME_WIDTH + COLUMN * ladder.parties.length + 12;
  const widest = Math.max(0, ...ladder.messages.map((message) => (message.states[0] ?? '').length * 6.4 + 24));
  const width = stateX + Math.max(STATE_WIDTH, widest);
  const height = HEADER + ROW * (ladder.messages.length + 1) + 36;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="ladder" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${xmlText(title)}">`,
    `<defs><marker id="ladder-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#2d3748"/></marker>`,
    `<marker id="ladder-cross" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="8" markerHeight="8"><path d="M1,1 L9,9 M9,1 L1,9" stroke="${FADED_COLOR}" stroke-width="2"/></marker></defs>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="12" y="22" ${FONT} font-size="15" fill="#1a202c">${xmlText(title)}</text>`,
    `<text x="12" y="${HEADER - 12}" ${FONT} font-size="11" fill="#5a6577">time</text>`,
    `<text x="${stateX}" y="${HEADER - 12}" ${FONT} font-size="11" fill="#5a6577">state the call machine entered</text>`,
  ];
  for (const party of ladder.parties) {
    const cx = x.get(party.id) ?? 0;
    out.push(
      `<g class="party" data-party="${party.id}"><rect x="${cx - 62}" y="${HEADER - 32}" width="124" height="26" rx="6" fill="#f5f8fc" stroke="#a0aec0"/>`,
      `<text x="${cx}" y="${HEADER - 14}" text-anchor="middle" ${FONT} font-size="12" fill="#1a202c">${xmlText(party.label)}</text>`,
      `<line x1="${cx}" y1="${HEADER - 6}" x2="${cx}" y2="${height - 40}" stroke="#cbd5e0" stroke-dasharray="4 4"/></g>`,
    );
  }
  ladder.messages.forEach((message, index) => {
    const y = HEADER + ROW * (index + 1) - 8;
    const from = x.get(message.from) ?? 0;
    const to = x.get(message.to) ?? 0;
    const color = message.ignored ? FADED_COLOR : '#2d3748';
    const textColor = message.ignored ? '#718096' : '#1a202c';
    out.push(
      `<g class="message${message.ignored ? ' ignored' : ''}" data-step="${index}" data-at="${message.at}" data-event="${xmlText(message.event)}">`,
    );
    out.push(
      `<text x="12" y="${y + 4}" ${FONT} font-size="11" fill="#5a6577">${xmlText(formatDuration(message.at))}</text>`,
    );
    if (from === to) {
      out.push(
        `<path d="M${from},${y - 6} h36 v14 h-34" fill="none" stroke="${color}" marker-end="url(#ladder-arrow)"/>`,
        `<text x="${from + 42}" y="${y + 4}" ${FONT} font-size="11" fill="${textColor}">${xmlText(message.label)}</text>`,
      );
    } else {
      const dash = message.ignored ? ' stroke-dasharray="5 4"' : '';
      const marker = message.ignored ? 'url(#ladder-cross)' : 'url(#ladder-arrow)';
      out.push(
        `<line x1="${from}" y1="${y}" x2="${to > from ? to - 2 : to + 2}" y2="${y}" stroke="${color}"${dash} marker-end="${marker}"/>`,
        `<text x="${(from + to) / 2}" y="${y - 6}" text-anchor="middle" ${FONT} font-size="11" fill="${textColor}">${xmlText(`${message.label}${message.ignored ? ' (ignored)' : ''}`)}</text>`,
      );
    }
    const [rest, ...via] = message.states;
    if (rest !== undefined) {
      out.push(
        `<rect x="${stateX}" y="${y - 13}" width="${16 + rest.length * 6.4}" height="20" rx="10" fill="${VISITED_SWATCH.fill}" stroke="${TRACE_COLOR}"/>`,
        `<text class="state" x="${stateX + 8}" y="${y + 1}" ${FONT} font-size="11" fill="${VISITED_SWATCH.text}">${xmlText(rest)}</text>`,
      );
      if (via.length > 0)
        out.push(
          `<text x="${stateX + 10}" y="${y + 17}" ${FONT} font-size="9" fill="#5a6577">${xmlText(`via ${[...via].reverse().join(', ')}`)}</text>`,
        );
    }
    out.push('</g>');
  });
  const swatch = STATUS_SWATCHES[ladder.outcome.split(' / ')[0] ?? ''] ?? {
    fill: '#ececec',
    stroke: '#555555',
    text: '#222222',
  };
  const y = HEADER + ROW * (ladder.messages.length + 1) - 4;
  out.push(
    `<g class="outcome"><rect x="${TIME_WIDTH}" y="${y - 16}" width="${width - TIME_WIDTH - 12}" height="26" rx="6" fill="${swatch.fill}" stroke="${swatch.stroke}"/>`,
    `<text x="${TIME_WIDTH + 10}" y="${y + 1}" ${FONT} font-size="12" fill="${swatch.text}">${xmlText(`${ladder.outcome} after ${formatDuration(ladder.endedAt)}`)}</text></g>`,
    '</svg>',
  );
  return `${out.join('\n')}\n`;
}
