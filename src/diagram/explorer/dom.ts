/**
 * The few DOM shapes the explorer's script uses, typed here because the project compiles without
 * the DOM library (the core must not depend on a browser's types).
 */
export interface El {
  id: string;
  textContent: string | null;
  innerHTML: string;
  readonly classList: { add(name: string): void; remove(name: string): void; toggle(name: string, on?: boolean): void };
  readonly dataset: Record<string, string | undefined>;
  readonly style: Record<string, string>;
  disabled?: boolean;
  value?: string;
  max?: string;
  readonly parentElement: El | null;
  addEventListener(type: string, listener: (event: Ev) => void, options?: { passive?: boolean }): void;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El> & Iterable<El>;
  appendChild(child: El): El;
  setAttribute(name: string, value: string): void;
  getBoundingClientRect(): { left: number; top: number; width: number; height: number };
  closest(selector: string): El | null;
  setPointerCapture?(id: number): void;
}

export interface Ev {
  readonly target: El | null;
  readonly clientX: number;
  readonly clientY: number;
  readonly deltaY: number;
  readonly pointerId: number;
  preventDefault(): void;
}

export interface Doc {
  getElementById(id: string): El | null;
  createElement(tag: string): El;
  querySelectorAll(selector: string): ArrayLike<El> & Iterable<El>;
}

export const doc = (): Doc => (globalThis as unknown as { document: Doc }).document;
