import { alarm, elevator, order, signupForm } from './annotated.js';
import { ageGate, crossing, door, search } from './eventless.js';
import { counter, textInput, toggle } from './flat.js';
import { chatSession, inlineLoader, ticker, uploader, userFetch } from './invoke.js';
import { cdPlayer, checkout, quiz, settings } from './nested.js';
import { formatting, mediaPlayer, uploadForm } from './parallel.js';
import type { CorpusMachine } from './types.js';

export type { CorpusMachine } from './types.js';

/** Every corpus machine, in the order the tests report them. */
export const CORPUS: readonly CorpusMachine[] = [
  counter,
  textInput,
  toggle,
  cdPlayer,
  checkout,
  settings,
  quiz,
  formatting,
  mediaPlayer,
  uploadForm,
  userFetch,
  inlineLoader,
  ticker,
  uploader,
  chatSession,
  door,
  ageGate,
  crossing,
  search,
  order,
  alarm,
  elevator,
  signupForm,
];
