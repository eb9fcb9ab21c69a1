// Unit tests' stand-in for real input: happy-dom has no `isTrusted` (every event reads undefined, i.e. untrusted),
// so an event meant as the person's own is marked here. Browsers define it on each event and no page can; the real
// trusted paths are covered end to end (test/hostile.e2e.ts).
export function trusted<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}
