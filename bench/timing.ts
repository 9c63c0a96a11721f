import { spawnSync } from "node:child_process";

/** Median wall time in ms of `fn` over `runs` runs, after `warmup` unmeasured runs. */
export function medianMs(fn: () => unknown, runs = 15, warmup = 3): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** Median wall time in ms of a whole process, start to exit. */
export function medianProcessMs(cmd: string, args: string[], runs = 9, env: NodeJS.ProcessEnv = process.env): number {
  const times: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const t = performance.now();
    const r = spawnSync(cmd, args, { stdio: "ignore", env });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${r.status}`);
    if (i > 0) times.push(performance.now() - t);
  }
  return median(times);
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

export const ms = (v: number) => `${v.toFixed(1)} ms`;
export const goal = (ok: boolean) => (ok ? "✓ goal met" : "✗ goal missed");
