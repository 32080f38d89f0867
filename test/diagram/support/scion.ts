import { createRequire } from 'node:module';

/**
 * SCION (@scion-scxml/scxml), an SCXML 1.0 interpreter that runs the W3C conformance tests, reads
 * our SCXML back: what another statechart tool makes of the file, not what our own code thinks.
 */
const require = createRequire(import.meta.url);
const scxml = require('@scion-scxml/scxml') as ScionModule;

interface ScionModule {
  documentStringToModel(
    url: string,
    text: string,
    done: (
      error: Error | null,
      factory: { prepare(done: (error: Error | null, model: () => ScionState) => void): void },
    ) => void,
  ): void;
  core: { Statechart: new (model: () => ScionState) => ScionChart };
}

/** A state of SCION's model, as its compiler writes it. */
export interface ScionState {
  readonly id: string;
  readonly $type: 'scxml' | 'state' | 'parallel' | 'final' | 'history' | 'initial';
  readonly states?: readonly ScionState[];
  readonly transitions?: readonly {
    readonly event?: string;
    readonly target?: string | readonly string[];
    readonly cond?: unknown;
  }[];
  readonly invokes?: unknown;
  readonly initial?: string;
}

export interface ScionChart {
  start(): void;
  gen(event: { name: string }): void;
  getConfiguration(): string[];
}

/** The model SCION compiles from an SCXML document (it rejects what it cannot read). */
export function readScxml(xml: string): Promise<() => ScionState> {
  return new Promise((resolve, reject) => {
    scxml.documentStringToModel('diagram.scxml', xml, (error, factory) => {
      if (error) return reject(error);
      factory.prepare((prepareError, model) => (prepareError ? reject(prepareError) : resolve(model)));
    });
  });
}

/** A running SCION statechart of the document. */
export async function runScxml(xml: string): Promise<ScionChart> {
  const chart = new scxml.core.Statechart(await readScxml(xml));
  chart.start();
  return chart;
}

/** Every state (id and kind) and transition (source, event, targets, guarded) SCION read. */
export function scionContents(root: ScionState): {
  states: { id: string; type: string }[];
  transitions: { source: string; event: string | null; targets: string[]; guarded: boolean }[];
} {
  const states: { id: string; type: string }[] = [];
  const transitions: { source: string; event: string | null; targets: string[]; guarded: boolean }[] = [];
  const visit = (state: ScionState): void => {
    if (state.$type !== 'scxml' && state.$type !== 'initial') states.push({ id: state.id, type: state.$type });
    for (const transition of state.transitions ?? []) {
      const target = transition.target;
      transitions.push({
        source: state.id,
        event: transition.event ?? null,
        targets: target === undefined ? [] : typeof target === 'string' ? target.split(/\s+/) : [...target],
        guarded: transition.cond !== undefined,
      });
    }
    for (const child of state.states ?? []) visit(child);
  };
  visit(root);
  return { states, transitions };
}
