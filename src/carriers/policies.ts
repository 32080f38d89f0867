/**
 * The mapping decisions no RFC or provider document makes for us, each with its reason. Every
 * table row that relies on one names it by id, and docs/carriers.md prints them all, so a reader
 * can see which rows are facts and which are choices.
 *
 * @example
 * POLICIES['sip-480'].decision; // → '480 Temporarily Unavailable is a no-answer (…)'
 */
export const POLICIES = {
  'sip-480': {
    decision:
      '480 Temporarily Unavailable is a no-answer (ABSENT/NO_ANSWER once ringing was seen, ERROR/OTHER before).',
    reason:
      'RFC 3398 §8.2.6.1 maps 480 to cause 18 "no user responding"; Asterisk uses 19 and some SBCs 20. All three say the subscriber was reached but did not take the call, which is NO_ANSWER, not a failure of the network.',
  },
  'sip-408': {
    decision: '408 Request Timeout is a no-answer (the machine still requires an observed ring).',
    reason:
      'A 408 to an INVITE means nobody answered before the far end gave up. RFC 3398 keeps cause 102 (timer expiry) on it, which is kept on the event; the taxonomy question is only "did the phone ring unanswered", and the machine answers it from whether ringing was seen.',
  },
  'sip-487': {
    decision:
      '487 Request Terminated is a no-answer unless the context says our side cancelled for another reason (then ERROR/OTHER).',
    reason:
      'A 487 answers our own CANCEL. An outbound campaign cancels a ringing INVITE when its ring timer expires (Twilio reports its ring timeout as SIP 487), so by default it is NO_ANSWER. RFC 3398 gives it no cause.',
  },
  'sip-403': {
    decision: '403 Forbidden is a rejection (ERROR/REJECTED).',
    reason:
      'RFC 3398 maps 403 to cause 21 "call rejected"; some SBCs send 79 instead. The seed defines REJECTED as "initiated, then an error response from the carrier", which a 403 is.',
  },
  'sip-484': {
    decision: '484 Address Incomplete is an unallocated number.',
    reason:
      'RFC 3398 maps it to cause 28 "invalid number format": the number as dialled does not exist, which is what UNALLOCATED_NUMBER reports to a campaign (fix or drop the number). ERROR/OTHER would hide a data problem.',
  },
  'sip-410': {
    decision: '410 Gone (and Q.850 cause 22 "number changed") is an unallocated number.',
    reason:
      'The number no longer reaches the subscriber it was allocated to; for a campaign that is the same action as an unallocated number.',
  },
  'sip-unlisted': {
    decision:
      'A final code with no row of its own takes its class default: 2xx answered, 3xx/4xx/5xx/6xx ERROR/OTHER; the Q.850 cause kept with it is 31.',
    reason:
      'RFC 3398 §8.2.6.1 maps every status code it does not list to cause 31 "normal, unspecified". We do not follow redirects (3xx), so a redirect ends the attempt.',
  },
  'sip-provisional': {
    decision: 'Only 180 and 183 mean ringing; every other 1xx is explicitly provisional and moves nothing.',
    reason:
      '100 Trying, 181 and 182 say nothing about the callee being alerted; 183 carries early media, in practice ringback.',
  },
  'codes-specific-wins': {
    decision:
      'When a SIP code and a Q.850 cause are both known, the SIP code decides, unless it only says "failed": then a cause that says more decides.',
    reason:
      'RFC 6432 puts a Q.850 cause in a Reason header precisely so that a gateway can pass on what the PSTN said behind a generic SIP error (e.g. 503 with cause 17 is a busy line).',
  },
  'q850-normal-before-pickup': {
    decision: 'Causes 16 "normal clearing" and 31 "normal, unspecified" before pickup are ERROR/OTHER.',
    reason:
      'A normal clearing before any answer says nothing about why the call did not connect; guessing NO_ANSWER would repeat the bug users report ("no answer" for calls that never rang).',
  },
  'q850-barred': {
    decision: 'Barring and authorization causes (52, 54, 55, 57, 87) are ERROR/OTHER, not REJECTED.',
    reason:
      'They are network permission failures (RFC 3398 §7.2.4.1 sends them as 403), not a recipient or carrier declining this call.',
  },
  'caller-cancel': {
    decision:
      'A cancel by our own side (API cancel, originator cancel, out of credits, time limit) is platform.abort: ERROR/OTHER before pickup, ANSWERED/INCOMPLETE after it (COMPLETE if every message had played).',
    reason:
      'Every provider has a caller-side cancel; the taxonomy has none. The seed puts "platform interrupted" under ERROR/OTHER before pickup and ANSWERED/INCOMPLETE after it.',
  },
  fax: {
    decision: 'A fax machine detected on pickup is amd.machine (ABSENT/VOICEMAIL_DETECTED).',
    reason:
      'Twilio groups fax with answering machines as "a machine answered"; the taxonomy has no fax outcome, and VOICEMAIL_DETECTED ("reached, did not answer, an automated system was detected") is the closest truth. ANSWERED would claim a person heard the message.',
  },
  'released-line': {
    decision:
      'An end-of-call signal after pickup that does not say who hung up is recipient.hangup; one that says our side hung up is platform.abort.',
    reason:
      'If every message had already played, the machine still reports ANSWERED/COMPLETE (the hangup only adds the HANGUP result code, or arrives late and is ignored); otherwise the broadcast really was cut short.',
  },
  'completed-implies-answer': {
    decision:
      'A "completed" status seen before any answer implies the answer: carrier.answered at (end − duration) when the provider gives the duration, at the end otherwise.',
    reason:
      'Twilio, Vonage and Plivo send only the terminal status by default; "completed" is documented as "a connection was established", so the answer happened.',
  },
  'verdict-at-pickup': {
    decision:
      'A detection verdict (AnsweredBy, machine detection result, beep) that arrives on the callback ending the call is placed at the moment of pickup, not at the end.',
    reason:
      'Twilio puts AnsweredBy on its "completed" callback (and Telnyx, Plivo and Vonage may report a verdict late); detection takes seconds after pickup, not the whole call. Placed at the end, every voicemail would read VOICEMAIL_INCOMPLETE and every person would hear nothing.',
  },
  'no-ring-no-absent': {
    decision:
      'A provider\'s "no-answer" or "timeout" is carrier.noAnswer; whether it becomes ABSENT/NO_ANSWER or ERROR/OTHER is the machine\'s decision, from whether a ringing signal was seen (a cause-19 no-answer reports its own ring: alerted-cause).',
    reason:
      'Users report "no answer" on calls that never rang as a bug (reference §5). Subscribe to ringing callbacks (Twilio StatusCallbackEvent=ringing) to get ABSENT/NO_ANSWER.',
  },
  'alerted-cause': {
    decision:
      'A provider callback whose cause is Q.850 19 "no answer from user (user alerted)", or a name standing for it (FreeSWITCH NO_ANSWER, Telnyx no_answer), counts as the ring: it emits carrier.ringing before carrier.noAnswer.',
    reason:
      'Q.850 defines cause 19 as "user alerted": the network saw the phone ring, which is the observation the never-rang rule asks for. Telnyx Call Control sends no ringing webhook, so without this no Telnyx call could be ABSENT/NO_ANSWER. fromQ850(19) alone still gives one event: a scenario writes its ring itself.',
  },
  'cause-decides': {
    decision:
      'An Asterisk DialEnd NOANSWER, CONGESTION or CHANUNAVAIL ends the call only when no later callback names a specific cause: a Hangup whose cause is busy, rejected, unallocated or no answer replaces it; a generic one (0, 16) leaves it standing.',
    reason:
      'Asterisk derives the dial status from the hang-up cause and reports NOANSWER for every cause but 17, 34, 3 and 20 (main/dial.c, ast_hangup_cause_to_dial_status): after a 404 or a 603 the Hangup cause says what happened, after a ring timeout it says nothing (cause 0).',
  },
  'provider-playback': {
    decision:
      "When a call's log reports the end of playback (Asterisk PLAYBACKSTATUS, Telnyx call.playback.ended or call.speak.ended with status completed, FreeSWITCH PLAYBACK_STOP done), its messages play untimed: the provider's signal ends each one, and --message-ms is not used for that call.",
    reason:
      'The provider knows when its media stopped; a length assumed on our side would decide COMPLETE or INCOMPLETE from a guess.',
  },
  'ring-timeout-rang': {
    decision:
      "A provider's own ring timeout that comes with no ringing signal (Telnyx hangup_cause timeout) is read as a ring, from the call's start_time, then no answer: ABSENT/NO_ANSWER.",
    reason:
      'Telnyx sends no ringing webhook, and timeout means timeout_secs passed without an answer: the far end neither answered nor refused for that long, which is what an unanswered ring is. Without it no Telnyx ring timeout could be ABSENT/NO_ANSWER (policy no-ring-no-absent would make it ERROR/OTHER).',
  },
  'callee-cancel': {
    decision:
      "Plivo's CallStatus cancel is a refusal by the callee (ERROR/REJECTED) unless HangupSource says our side ended it (Caller, API Request, Answer XML, Plivo: platform.abort).",
    reason:
      'Plivo documents cancel as "canceled by the callee without answering" (support.plivo.com, call statuses), and its hang-up callback says who hung up.',
  },
  unmapped: {
    decision:
      'A value a provider does not document is reported as { kind: "unmapped", provider, field, value } and produces no event.',
    reason:
      'A guess would put a wrong status on a call silently; the CLI prints the unmapped values with the record so nothing is lost.',
  },
} as const;

export type PolicyId = keyof typeof POLICIES;
export const POLICY_IDS = Object.keys(POLICIES) as PolicyId[];
