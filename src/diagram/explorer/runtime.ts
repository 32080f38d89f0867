import type { ExplorerData } from './data.js';
import { doc, type El } from './dom.js';
import { panZoom } from './pan-zoom.js';

/** The parts of an XState actor the page drives. */
interface ActorLike {
  start(): void;
  stop(): void;
  send(event: { type: string }): void;
  getSnapshot(): { value: unknown; status: string; can(event: { type: string }): boolean };
  subscribe(observer: { next(): void; error(error: unknown): void }): unknown;
}

/** What the bundled entry hands the page: the machine and XState's own functions, from one copy. */
export interface ExplorerRuntime {
  readonly machine: unknown;
  readonly createActor: (machine: never, options?: { input?: unknown }) => ActorLike;
  readonly input?: unknown;
}

/** The key paths a snapshot value names: `{ a: { b: 'c' } }` → `a`, `a.b`, `a.b.c`. */
function activePaths(value: unknown, prefix: string[] = []): string[] {
  if (typeof value === 'string') return [[...prefix, value].join('.')];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => [
    [...prefix, key].join('.'),
    ...activePaths(child, [...prefix, key]),
  ]);
}

/**
 * Starts the explorer in the page: pan and zoom, click a state to see what enters and leaves it,
 * a live actor stepped by buttons for the events the current state accepts, and the timeline of a
 * recorded call.
 */
export function startExplorer(runtime: ExplorerRuntime | null): void {
  const page = doc();
  const data = JSON.parse(page.getElementById('explorer-data')?.textContent ?? '{}') as ExplorerData;
  const viewport = page.getElementById('viewport');
  const picture = page.getElementById('picture');
  if (viewport === null || picture === null) return;
  const zoom = panZoom(viewport, picture);
  zoom.fit();

  const svgOf = (svgId: string): El | null => picture.querySelector(`#${svgId}`);
  const nodeById = new Map(data.nodes.map((node) => [node.id, node]));
  const nodeByPath = new Map(data.nodes.map((node) => [node.path.join('.'), node]));
  const edgeById = new Map(data.edges.map((edge) => [edge.id, edge]));
  const clear = (name: string): void => {
    for (const element of [...picture.querySelectorAll(`.${name}`)]) element.classList.remove(name);
  };

  /** Marks the active states and the arrows of the transitions just taken. */
  const showActive = (active: readonly string[], taken: readonly string[]): void => {
    clear('cl-active');
    clear('cl-taken');
    for (const id of active) svgOf(nodeById.get(id)?.svgId ?? '')?.classList.add('cl-active');
    for (const arrow of data.arrows)
      if (arrow.edges.some((edge) => taken.includes(edge))) svgOf(arrow.svgId)?.classList.add('cl-taken');
    const leaves = active.filter((id) => !active.some((other) => nodeById.get(other)?.parent === id));
    const state = page.getElementById('state');
    if (state !== null) state.textContent = leaves.map((id) => nodeById.get(id)?.path.join('.') || id).join(', ');
  };

  /** A state clicked: it, the arrows that enter it and those that leave it. */
  const select = (id: string): void => {
    for (const name of ['cl-selected', 'cl-in', 'cl-out']) clear(name);
    svgOf(nodeById.get(id)?.svgId ?? '')?.classList.add('cl-selected');
    const lines: string[] = [];
    for (const arrow of data.arrows) {
      if (arrow.source === id) svgOf(arrow.svgId)?.classList.add('cl-out');
      if (arrow.target === id) svgOf(arrow.svgId)?.classList.add('cl-in');
    }
    for (const edge of data.edges) {
      if (edge.source === id) lines.push(`→ ${edge.label}`);
      if (edge.targets.includes(id))
        lines.push(`← ${edge.label} (from ${nodeById.get(edge.source)?.label ?? edge.source})`);
    }
    const panel = page.getElementById('selection');
    if (panel !== null) {
      panel.innerHTML = '';
      const title = page.createElement('strong');
      title.textContent = nodeById.get(id)?.path.join('.') || id;
      panel.appendChild(title);
      for (const line of lines) {
        const item = page.createElement('div');
        item.textContent = line;
        panel.appendChild(item);
      }
    }
  };
  for (const node of data.nodes)
    svgOf(node.svgId)?.addEventListener('click', (event) => {
      event.preventDefault();
      select(node.id);
    });

  const log = (text: string): void => {
    const list = page.getElementById('log');
    if (list === null) return;
    const item = page.createElement('li');
    item.textContent = text;
    list.appendChild(item);
  };

  if (runtime !== null && data.live) startLive(runtime, data, { showActive, log, nodeByPath, edgeById });
  if (data.trace.length > 0) startTimeline(data, showActive);
}

function startLive(
  runtime: ExplorerRuntime,
  data: ExplorerData,
  view: {
    showActive(active: readonly string[], taken: readonly string[]): void;
    log(text: string): void;
    nodeByPath: ReadonlyMap<string, ExplorerData['nodes'][number]>;
    edgeById: ReadonlyMap<string, ExplorerData['edges'][number]>;
  },
): void {
  const page = doc();
  let actor: ActorLike;
  let taken: string[] = [];
  const options = runtime.input === undefined ? {} : { input: runtime.input };
  const render = (): void => {
    const snapshot = actor.getSnapshot();
    const active = activePaths(snapshot.value)
      .map((path) => view.nodeByPath.get(path)?.id)
      .filter((id): id is string => id !== undefined);
    const root = data.nodes[0]?.id;
    view.showActive(root === undefined ? active : [root, ...active], taken);
    const paths = activePaths(snapshot.value);
    const liveState = page.getElementById('live-state');
    if (liveState !== null)
      liveState.textContent = `The live actor is in ${paths.filter((path) => !paths.some((other) => other.startsWith(`${path}.`))).join(', ') || data.nodes[0]?.label}.`;
    const buttons = page.getElementById('events');
    if (buttons === null) return;
    buttons.innerHTML = '';
    const seen = new Set<string>();
    const activeSet = new Set(root === undefined ? active : [root, ...active]);
    for (const edge of data.edges) {
      // Only what the current state accepts: a transition of an active state, not a `*` catch-all
      // nor the call machine's `call.ignore`, which only records an event another state handles.
      if (
        !activeSet.has(edge.source) ||
        edge.event === null ||
        edge.event === '*' ||
        edge.event === 'call.ignore' ||
        edge.event.endsWith('.*')
      )
        continue;
      if (seen.has(edge.event) || snapshot.status !== 'active' || !snapshot.can({ type: edge.event })) continue;
      seen.add(edge.event);
      const button = page.createElement('button');
      button.classList.add('event');
      button.dataset.event = edge.event;
      button.textContent = edge.kind === 'event' ? edge.event : (edge.label.split(' [')[0] ?? edge.label);
      button.addEventListener('click', () => {
        const before = actor.getSnapshot().value;
        actor.send({ type: edge.event ?? '' });
        taken = data.edges
          .filter((candidate) => candidate.event === edge.event && activeSet.has(candidate.source))
          .map((candidate) => candidate.id);
        const after = actor.getSnapshot().value;
        const paths = activePaths(after);
        const leaves = paths.filter((path) => !paths.some((other) => other.startsWith(`${path}.`)));
        view.log(
          `${button.textContent} → ${JSON.stringify(after) === JSON.stringify(before) ? 'no change' : leaves.join(', ')}`,
        );
        render();
      });
      buttons.appendChild(button);
    }
    if (seen.size === 0) {
      const none = page.createElement('em');
      none.textContent = snapshot.status === 'done' ? 'The machine is done.' : 'No event applies here.';
      buttons.appendChild(none);
    }
  };
  const restart = (): void => {
    actor?.stop();
    actor = runtime.createActor(runtime.machine as never, options);
    actor.subscribe({ next: () => undefined, error: (error) => view.log(`error: ${String(error)}`) });
    actor.start();
    taken = [];
    const list = page.getElementById('log');
    if (list !== null) list.innerHTML = '';
    view.log('start');
    render();
  };
  page.getElementById('reset')?.addEventListener('click', restart);
  restart();
}

function startTimeline(
  data: ExplorerData,
  showActive: (active: readonly string[], taken: readonly string[]) => void,
): void {
  const page = doc();
  const slider = page.getElementById('timeline');
  const caption = page.getElementById('step');
  if (slider === null) return;
  const show = (index: number): void => {
    const step = data.trace[index];
    if (step === undefined) return;
    showActive(step.active, step.edge === null ? [] : [step.edge]);
    if (caption !== null) caption.textContent = `step ${index + 1} of ${data.trace.length} · ${step.label}`;
    for (const row of [...page.querySelectorAll('svg.ladder g.message')])
      row.classList.toggle('current', Number(row.dataset.at) === step.at);
  };
  slider.addEventListener('input', () => show(Number(slider.value ?? 0)));
  show(Number(slider.value ?? 0));
}
