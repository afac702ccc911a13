// The engines' status text ("Up 3 minutes", "Exited (0) 2 hours ago") is true
// only when fetched. From it and the fetch time we estimate when that state
// began, so the UI can keep the text current without asking the engine again.

const UNIT_SECONDS: Record<string, number> = {
  second: 1,
  minute: 60,
  hour: 3600,
  day: 86_400,
  week: 604_800,
  month: 2_592_000, // 30 days, as docker/go-units counts
  year: 31_536_000,
};

/** Seconds in a duration written by docker/go-units HumanDuration (Docker and Podman alike); null if it is not one. */
export function parseHumanDuration(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (t === 'less than a second') return 0;
  if (t === 'about a minute') return 60;
  if (t === 'about an hour') return 3600;
  const match = /^(\d+) (second|minute|hour|day|week|month|year)s?$/.exec(t);
  return match ? Number(match[1]) * UNIT_SECONDS[match[2]!]! : null;
}

const UP = /^Up (.+?)(?: \(.*\))?$/;
const EXITED = /^Exited \(-?\d+\) (.+) ago$/;

/** Unix ms at which the state in `status` began, estimated from the fetch time; null when the text has no duration. */
export function statusSince(status: string, fetchedAtMs: number): number | null {
  const phrase = UP.exec(status)?.[1] ?? EXITED.exec(status)?.[1];
  const seconds = phrase === undefined ? null : parseHumanDuration(phrase);
  return seconds === null ? null : fetchedAtMs - seconds * 1000;
}
