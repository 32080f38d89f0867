import { doc, type El, type Ev } from './dom.js';

/**
 * Pan (drag) and zoom (wheel, or the + / − / fit buttons) of the SVG inside its viewport, by a CSS
 * transform: the picture stays sharp at any scale.
 */
export function panZoom(viewport: El, picture: El): { fit(): void } {
  let scale = 1;
  let x = 0;
  let y = 0;
  const apply = (): void => {
    picture.style.transform = `translate(${x}px, ${y}px) scale(${scale})`;
  };
  const zoomAt = (factor: number, cx: number, cy: number): void => {
    const next = Math.min(8, Math.max(0.1, scale * factor));
    x = cx - ((cx - x) * next) / scale;
    y = cy - ((cy - y) * next) / scale;
    scale = next;
    apply();
  };
  const fit = (): void => {
    const box = viewport.getBoundingClientRect();
    const width = Number(picture.dataset.width ?? box.width);
    const height = Number(picture.dataset.height ?? box.height);
    scale = Math.min(box.width / width, box.height / height, 1.5);
    x = (box.width - width * scale) / 2;
    y = Math.max(0, (box.height - height * scale) / 2);
    apply();
  };
  viewport.addEventListener(
    'wheel',
    (event: Ev) => {
      event.preventDefault();
      const box = viewport.getBoundingClientRect();
      zoomAt(event.deltaY < 0 ? 1.15 : 1 / 1.15, event.clientX - box.left, event.clientY - box.top);
    },
    { passive: false },
  );
  let drag: { x: number; y: number } | null = null;
  viewport.addEventListener('pointerdown', (event: Ev) => {
    if (event.target?.closest('g.node, g.cluster') !== null && event.target?.closest('g.node, g.cluster') !== undefined)
      return;
    drag = { x: event.clientX - x, y: event.clientY - y };
    viewport.setPointerCapture?.(event.pointerId);
  });
  viewport.addEventListener('pointermove', (event: Ev) => {
    if (drag === null) return;
    x = event.clientX - drag.x;
    y = event.clientY - drag.y;
    apply();
  });
  viewport.addEventListener('pointerup', () => {
    drag = null;
  });
  const center = (factor: number) => () => {
    const box = viewport.getBoundingClientRect();
    zoomAt(factor, box.width / 2, box.height / 2);
  };
  doc().getElementById('zoom-in')?.addEventListener('click', center(1.25));
  doc().getElementById('zoom-out')?.addEventListener('click', center(0.8));
  doc().getElementById('zoom-fit')?.addEventListener('click', fit);
  return { fit };
}
