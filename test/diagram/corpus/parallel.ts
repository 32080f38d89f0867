import { createMachine } from 'xstate';
import type { CorpusMachine } from './types.js';

/** Parallel regions of independent toggles (a text editor's formatting bar). */
export const formatting: CorpusMachine = {
  name: 'formatting',
  source: 'https://stately.ai/docs/parallel-states (the word processor bold/underline/italic example shape)',
  machine: createMachine({
    id: 'formatting',
    type: 'parallel',
    states: {
      bold: { initial: 'off', states: { off: { on: { TOGGLE_BOLD: 'on' } }, on: { on: { TOGGLE_BOLD: 'off' } } } },
      italic: {
        initial: 'off',
        states: { off: { on: { TOGGLE_ITALIC: 'on' } }, on: { on: { TOGGLE_ITALIC: 'off' } } },
      },
      list: {
        initial: 'none',
        states: {
          none: { on: { BULLETS: 'bullets', NUMBERS: 'numbers' } },
          bullets: { on: { NONE: 'none', NUMBERS: 'numbers' } },
          numbers: { on: { NONE: 'none', BULLETS: 'bullets' } },
        },
      },
    },
    on: { RESET: { target: ['.bold.off', '.italic.off', '.list.none'] } },
  }),
  states: [
    'bold',
    'bold.off',
    'bold.on',
    'italic',
    'italic.off',
    'italic.on',
    'list',
    'list.none',
    'list.bullets',
    'list.numbers',
  ],
  transitions: [
    '(root) RESET -> bold.off,italic.off,list.none',
    'bold.off TOGGLE_BOLD -> bold.on',
    'bold.on TOGGLE_BOLD -> bold.off',
    'italic.off TOGGLE_ITALIC -> italic.on',
    'italic.on TOGGLE_ITALIC -> italic.off',
    'list.none BULLETS -> list.bullets',
    'list.none NUMBERS -> list.numbers',
    'list.bullets NONE -> list.none',
    'list.bullets NUMBERS -> list.numbers',
    'list.numbers NONE -> list.none',
    'list.numbers BULLETS -> list.bullets',
  ],
};

/** A deep history state inside a parallel state, with no default target (a media player). */
export const mediaPlayer: CorpusMachine = {
  name: 'media player',
  source:
    'https://stately.ai/docs/history-states; statelyai/xstate packages/core/test/history.test.ts (history inside parallel states)',
  machine: createMachine({
    id: 'mediaPlayer',
    initial: 'player',
    states: {
      player: {
        type: 'parallel',
        on: { SLEEP: 'asleep' },
        states: {
          playback: {
            initial: 'paused',
            states: { paused: { on: { PLAY: 'playing' } }, playing: { on: { PAUSE: 'paused' } } },
          },
          volume: {
            initial: 'normal',
            states: { normal: { on: { MUTE: 'muted' } }, muted: { on: { UNMUTE: 'normal' } } },
          },
          memory: { type: 'history', history: 'deep' },
        },
      },
      asleep: { on: { WAKE: 'player.memory' } },
    },
  }),
  states: [
    'player',
    'player.playback',
    'player.playback.paused',
    'player.playback.playing',
    'player.volume',
    'player.volume.normal',
    'player.volume.muted',
    'player.memory',
    'asleep',
  ],
  transitions: [
    'player SLEEP -> asleep',
    'player.playback.paused PLAY -> player.playback.playing',
    'player.playback.playing PAUSE -> player.playback.paused',
    'player.volume.normal MUTE -> player.volume.muted',
    'player.volume.muted UNMUTE -> player.volume.normal',
    'asleep WAKE -> player.memory',
  ],
};

/** A parallel state nested in a compound one, whose regions each reach a final state (an upload form). */
export const uploadForm: CorpusMachine = {
  name: 'upload form',
  source: 'https://stately.ai/docs/parallel-states (onDone when every region is final)',
  machine: createMachine({
    id: 'uploadForm',
    initial: 'editing',
    states: {
      editing: {
        type: 'parallel',
        states: {
          file: {
            initial: 'empty',
            states: { empty: { on: { PICK_FILE: 'picked' } }, picked: { type: 'final' } },
          },
          caption: {
            initial: 'empty',
            states: { empty: { on: { TYPE: 'written' } }, written: { type: 'final' } },
          },
        },
        onDone: 'ready',
      },
      ready: { on: { SUBMIT: 'sent' } },
      sent: { type: 'final' },
    },
  }),
  states: [
    'editing',
    'editing.file',
    'editing.file.empty',
    'editing.file.picked',
    'editing.caption',
    'editing.caption.empty',
    'editing.caption.written',
    'ready',
    'sent',
  ],
  transitions: [
    'editing done -> ready',
    'editing.file.empty PICK_FILE -> editing.file.picked',
    'editing.caption.empty TYPE -> editing.caption.written',
    'ready SUBMIT -> sent',
  ],
};
