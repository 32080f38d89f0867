import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VALID_OUTCOMES, outcomeKey } from '../src/taxonomy/index.js';
import { outcomeOf, replay } from './support/calls.js';

const dir = resolve(import.meta.dirname, '../examples');
const files = readdirSync(dir).filter((file) => file.endsWith('.json'));

// What each example must end as, written from the scenario's story, not from running it.
const EXPECTED: Record<string, string> = {
  'answered-complete.json': 'ANSWERED/COMPLETE',
  'answered-complete-hangup.json': 'ANSWERED/COMPLETE/HANGUP',
  'answered-incomplete.json': 'ANSWERED/INCOMPLETE',
  'answered-incomplete-hangup.json': 'ANSWERED/INCOMPLETE/HANGUP',
  'busy.json': 'ABSENT/BUSY',
  'no-answer.json': 'ABSENT/NO_ANSWER',
  'voicemail-complete.json': 'ABSENT/VOICEMAIL_DETECTED/VOICEMAIL_COMPLETE',
  'voicemail-incomplete.json': 'ABSENT/VOICEMAIL_DETECTED/VOICEMAIL_INCOMPLETE',
  'voicemail-skipped.json': 'ABSENT/VOICEMAIL_DETECTED',
  'blacklisted.json': 'ERROR/BLACKLISTED',
  'rejected.json': 'ERROR/REJECTED',
  'unallocated-number.json': 'ERROR/UNALLOCATED_NUMBER',
  'failed.json': 'ERROR/OTHER',
  'late-and-duplicate-events.json': 'ANSWERED/COMPLETE',
};

describe('examples/', () => {
  it('holds a scenario for every terminal outcome', () => {
    expect(new Set(files.map((file) => EXPECTED[file]))).toEqual(new Set(VALID_OUTCOMES.map(outcomeKey)));
  });

  it.each(files)('%s ends as its name says', (file) => {
    const { call, events } = JSON.parse(readFileSync(resolve(dir, file), 'utf8'));
    expect(EXPECTED[file], `add ${file} to EXPECTED`).toBeDefined();
    expect(outcomeOf(replay(call, events))).toBe(EXPECTED[file]);
  });

  it('late-and-duplicate-events lists the duplicate ring, the duplicate answer and the late noAnswer', () => {
    const { call, events } = JSON.parse(readFileSync(resolve(dir, 'late-and-duplicate-events.json'), 'utf8'));
    expect(replay(call, events).ignoredEvents.map((e) => `${e.at} ${e.state} ${e.event}`)).toEqual([
      '1300 ringing carrier.ringing',
      '7900 connected.detecting carrier.answered',
      '23000 connected.releasing carrier.noAnswer',
    ]);
  });
});
