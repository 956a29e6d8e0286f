// Frame times of the live view, from requestAnimationFrame timestamps: shown on the page
// and read by bench/teach-fps.ts (window.__teachFrames) to measure smoothness.
const MAX = 20_000;
const times: number[] = [];
(globalThis as { __teachFrames?: number[] }).__teachFrames = times;

export function recordFrameTime(ts: number): void {
  times.push(ts);
  if (times.length > MAX) times.splice(0, times.length - MAX);
}

/** Mean frames per second over the last `seconds` of recorded frames. */
export function recentFps(seconds = 2): number {
  if (times.length < 2) return 0;
  const end = times[times.length - 1];
  let i = times.length - 1;
  while (i > 0 && end - times[i - 1] <= seconds * 1000) i--;
  const span = end - times[i];
  return span > 0 ? ((times.length - 1 - i) * 1000) / span : 0;
}
