import { CARRIER_EVENT_TYPES, type CallEventType } from '../../machines/events.js';
import { callbackOutcome, outcomeBeforePickup } from '../carriers/outcome.js';
import { POLICIES, POLICY_IDS, type PolicyId } from '../carriers/policies.js';
import { PROVIDER_NAMES, PROVIDERS, type MappedEvent, type Provider } from '../carriers/providers/index.js';
import { Q850_TABLE } from '../carriers/q850.js';
import { SIP_CLASS_DEFAULTS, SIP_TABLE, type SipEffect } from '../carriers/sip.js';
import { outcomeKey } from '../taxonomy/list.js';
import { GENERATED_HEADER, type GeneratedDoc } from './generated.js';

const code = (text: string) => `\`${text}\``;
const policyLink = (id: PolicyId | undefined) => (id === undefined ? '' : `[${id}](#policy-${id})`);
const events = (list: readonly CallEventType[]) => (list.length === 0 ? '—' : list.map(code).join(', '));

function outcomeCell(effect: SipEffect | CallEventType): string {
  if (effect === 'provisional') return '— (nothing happens)';
  if (effect === 'carrier.ringing') return '— (ringing)';
  if (effect === 'carrier.answered') return '— (answered: the machine decides)';
  const afterRing = outcomeBeforePickup(effect, 'ringing');
  const beforeRing = outcomeBeforePickup(effect, 'dialing');
  if (afterRing === null) return '—';
  const after = code(outcomeKey(afterRing));
  return beforeRing !== null && outcomeKey(beforeRing) !== outcomeKey(afterRing)
    ? `${after} (${code(outcomeKey(beforeRing))} if it never rang)`
    : after;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
}

function eventOutcomes(): string[] {
  return table(
    ['carrier event', 'while dialing (no ring yet)', 'while ringing', 'after pickup'],
    CARRIER_EVENT_TYPES.map((type) => {
      const cell = (state: 'dialing' | 'ringing') => {
        if (type === 'carrier.ringing') return state === 'dialing' ? '→ ringing' : 'ignored (duplicate)';
        if (type === 'carrier.trying') return state === 'dialing' ? '→ proceeding (Timer B stops)' : 'ignored';
        if (type === 'carrier.answered') return '→ connected';
        const outcome = outcomeBeforePickup(type, state);
        return outcome === null ? 'ignored' : code(outcomeKey(outcome));
      };
      return [code(type), cell('dialing'), cell('ringing'), 'ignored (kept in ignoredEvents)'];
    }),
  );
}

function sipSection(): string[] {
  const rows = SIP_TABLE.map((row) => [
    String(row.code),
    row.reason,
    row.effect === 'provisional' ? '(provisional)' : code(row.effect),
    outcomeCell(row.effect),
    row.q850 === null
      ? row.code === 487
        ? 'none'
        : row.code === 488 || row.code === 606
          ? 'by Warning'
          : '—'
      : String(row.q850),
    policyLink(row.policy),
  ]);
  const defaults = SIP_CLASS_DEFAULTS.map((row) => [
    row.range,
    row.effect === 'provisional' ? '(provisional)' : code(row.effect),
    outcomeCell(row.effect),
    row.q850 === null ? '—' : String(row.q850),
    policyLink(row.policy),
  ]);
  return [
    '## SIP responses: `fromSip(code, context?)`',
    '',
    'Final responses follow RFC 3398 §8.2.6.1 for the Q.850 cause kept on the event, and the taxonomy for the event.',
    'The outcome column is read from the machine. `context.ringing: false` turns a no-answer code into `carrier.failed`;',
    '`context.cancel: "abort"` does the same for 487 (our CANCEL was not a ring timeout).',
    '',
    ...table(['code', 'reason', 'event', 'outcome', 'Q.850 (RFC 3398)', 'policy'], rows),
    '',
    'Codes without a row take their class default:',
    '',
    ...table(['class', 'event', 'outcome', 'Q.850', 'policy'], defaults),
    '',
    'A code that is not a whole number from 100 to 699 is an error value (`{ ok: false, error }`), never an exception.',
    '',
  ];
}

function q850Section(): string[] {
  const rows = Q850_TABLE.map((row) => [
    String(row.cause),
    row.name,
    code(row.event),
    outcomeCell(row.event),
    row.sip === null ? 'BYE' : String(row.sip),
    policyLink(row.policy),
  ]);
  return [
    '## Q.850 causes: `fromQ850(cause)`',
    '',
    'The SIP column is RFC 3398 §7.2.4.1 (default 500), shown for cross-checking gateways. A number from 1 to 127',
    'without a row is unassigned and maps to `carrier.failed`; anything else is an error value.',
    '',
    ...table(['cause', 'name', 'event', 'outcome', 'SIP (RFC 3398)', 'policy'], rows),
    '',
  ];
}

/** What a row's events decide before pickup, after a ring (read from the machine). */
function rowOutcome(before: readonly CallEventType[]): string {
  if (before.includes('carrier.answered')) return 'the machine decides';
  const outcome = callbackOutcome({ beforePickup: before.map((type) => ({ type }) as MappedEvent) });
  return outcome === null ? '—' : code(outcomeKey(outcome));
}

function providerSection(provider: Provider): string[] {
  const rows = provider.rows.map((row) => [
    code(row.field),
    code(row.value),
    events(row.before),
    rowOutcome(row.before),
    events(row.after),
    policyLink(row.policy),
    row.note ?? '',
  ]);
  return [
    `### ${provider.title} (\`--provider ${provider.name}\`)`,
    '',
    `Callbacks are ${provider.identity}`,
    '',
    `Checked against: ${provider.sources.map((url) => `<${url}>`).join(', ')}.`,
    '',
    ...table(
      ['field', 'value', 'events before pickup', 'outcome (after a ring)', 'events after pickup', 'policy', 'note'],
      rows,
    ),
    '',
  ];
}

function render(): string {
  return [
    GENERATED_HEADER,
    '',
    '# Carrier signals and provider vocabularies',
    '',
    "How SIP responses, Q.850 causes and six providers' status callbacks become the machine's events, and so a",
    "call's outcome. Every table is rendered from the mapping code in `src/carriers/` (the tables *are* the",
    'data); every outcome is read from the machine. Rows that rest on a choice rather than a source name the',
    'policy, listed with its reason at the end.',
    '',
    '## Using it',
    '',
    '- In a scenario, write `{ "at": 900, "sip": 486 }`, `{ "at": 900, "q850": 17 }` or both: the event becomes',
    '  `carrier.busy` before it reaches the machine, and the record keeps `sipCode` and `q850` (a cause not',
    '  given is filled from RFC 3398 §8.2.6.1). `{ "type": "carrier.busy", "sipCode": 486 }` still works as is.',
    '  A provisional code (100, 181…) in a scenario is an error: it would change nothing. The machine',
    '  replaces both codes with those of each carrier event that applies and carries one: a final written',
    '  with only `q850` clears the `sipCode` of an earlier `{ "sip": 183 }`, so a record never pairs one',
    "  signal's code with another's cause.",
    '- In code: `fromSip(486)`, `fromQ850(17)`, `fromCodes({ sip: 503, q850: 17 })`,',
    '  `parseReasonHeader(\'Q.850;cause=17;text="User busy"\')` (RFC 3326; RFC 6432 carries it in responses).',
    '- From a provider log: `call-lifecycle normalize --provider twilio events.jsonl` (see below); one',
    '  callback at a time: `readCallback(provider, body)` ([normalize.md](normalize.md)).',
    '',
    '## What each carrier event does',
    '',
    ...eventOutcomes(),
    '',
    '"Never rang" matters: a no-answer before any ringing signal is ERROR/OTHER, because users report',
    '"no answer" on calls that never rang as a bug ([no-ring-no-absent](#policy-no-ring-no-absent)).',
    '',
    ...sipSection(),
    ...q850Section(),
    '## Both codes, and the Reason header',
    '',
    'When a SIP code and a Q.850 cause are both known, the SIP code decides unless it only says "failed"',
    '([codes-specific-wins](#policy-codes-specific-wins)): 503 with `Reason: Q.850;cause=17` is a busy line.',
    '`parseReasonHeader` accepts the header with or without `Reason:`, several comma-separated values,',
    'and quoted text holding `,` or `;`; a missing or non-numeric cause, or a cause out of range for its',
    "protocol, is an error value naming the value's position (`reason[1].cause`).",
    '',
    '## Providers',
    '',
    'A normalizer reads one callback (parsed JSON) and returns the events it means *before* and *after*',
    'pickup: an end-of-call cause before pickup says why the call failed, after pickup it is a hangup.',
    'Replay picks the list from whether the call was answered. A value the provider does not document is',
    'returned as `{ kind: "unmapped", provider, field, value }` and produces no event; arbitrary JSON never',
    "throws (a payload without the provider's call id is an error value). Where a provider reports that a",
    'message finished (Asterisk PLAYBACKSTATUS, Telnyx call.playback.ended and call.speak.ended, FreeSWITCH',
    'PLAYBACK_STOP) that report ends it ([provider-playback](#policy-provider-playback)); for the others',
    "(Twilio, Vonage, Plivo) COMPLETE/INCOMPLETE and the voicemail result codes are computed by the machine from the call's messages.",
    '',
    ...PROVIDER_NAMES.flatMap((name) => providerSection(PROVIDERS[name])),
    '## Replaying a log: `call-lifecycle normalize`',
    '',
    '- **Grouping and order.** Callbacks are read one by one with `readCallback` (the single-callback API',
    "  that `serve` shares; see [normalize.md](normalize.md)) and grouped by the provider's call id. Within a",
    "  call they apply in time order: the provider's timestamp, then its sequence number, then lifecycle phase",
    '  (ringing, answer, detection, beep, end) only where both are equal or missing, then specific endings',
    '  (busy, rejected, unallocated, no answer) before generic ones (two channels hanging up at once). A',
    "  callback without a timestamp (Twilio's AMD callback) goes before the first timed callback of a later",
    '  phase. The order is total on what the callbacks mean, so shuffling the log gives the same record.',
    "- **Time.** `at` is ms since the earliest moment the call's log shows (an implied answer included);",
    '  a callback without a timestamp takes the time of the callback before it. An answer implied by',
    '  "completed" is placed `duration` before it.',
    '- **Detection before pickup.** An AMD result or beep only means something after pickup. When one comes',
    "  before the answer (Twilio's default subscription sends only the terminal callback, and its AMD",
    '  callback has no timestamp), it waits for the answer that "completed" implies and applies right',
    '  after it. If the call is never answered it reaches the machine at the end and is kept as ignored.',
    '- **Duplicates** (callbacks with the same `key`: the same provider event delivered again) apply once,',
    '  so a redelivered callback changes nothing. **Late events** reach the machine like any other and land',
    '  in `ignoredEvents` (a terminal state absorbs them); `unmapped` lists each distinct value once.',
    '- **Call input.** Each call plays one message of `--message-ms` ms (default 30000, a project',
    "  assumption, not a measured figure: set it to your campaign's length) or the list in `--messages`",
    "  (untimed when the call's log reports the end of playback);",
    '  voicemail policy `--voicemail` (default leave). AMD is on for a call exactly when its log has a',
    '  detection result. The destination is the first E.164 number a callback names, else `--to`.',
    "- **Timers.** The provider's own timers decided when it gave up, so during replay the dialing,",
    "  ringing and AMD timers are set to one day: only the provider's signals end those states. The beep",
    "  wait, message durations and release delay stay the machine's. A log that ends while the call is",
    '  dialing, ringing or detecting has no outcome: the call is reported as stalled (exit 3).',
    '- **Input.** One JSON callback per line (blank lines are skipped), or one JSON array of callbacks.',
    '- **Bad lines.** A line that is not JSON, or not a callback of the provider, stops the command with',
    '  one line naming the line number (exit 2); with `--skip-malformed` each is skipped with a warning',
    '  on stderr. Unmapped values are listed in the record and on stderr. Nothing is dropped silently.',
    '- **Output.** One JSON record per line, calls ordered by their first timestamp then id; each record is',
    "  the machine's record plus `provider`, `unmapped`, and the `policies` the readings that applied",
    "  relied on (a row's policy counts for the side it is about: before pickup when the row has events",
    '  there, otherwise after).',
    '',
    'Example logs, one per provider, are in `examples/providers/`; the tests replay them.',
    '',
    '## Policies',
    '',
    ...POLICY_IDS.flatMap((id) => [
      `### <a id="policy-${id}"></a>${id}`,
      '',
      `**Decision.** ${POLICIES[id].decision}`,
      '',
      `**Why.** ${POLICIES[id].reason}`,
      '',
    ]),
    '## Sources',
    '',
    '- RFC 3261 §21 (SIP response codes), §17.1.1.2 (Timer B).',
    '- RFC 3398 §8.2.6.1 (SIP status → ISUP/Q.850 cause; unlisted codes → 31) and §7.2.4.1 (cause → SIP).',
    '- RFC 3326 (the Reason header) and RFC 6432 (Q.850 causes in Reason headers of responses).',
    '- ITU-T Q.850 cause names; Asterisk "Hangup Cause Mappings": <https://docs.asterisk.org/Configuration/Miscellaneous/Hangup-Cause-Mappings>.',
    '- Provider pages as listed under each provider.',
    '',
  ].join('\n');
}

export const carriersDoc: GeneratedDoc = { path: 'docs/carriers.md', render };
