/**
 * One `abort` listener per caller signal, however many requests share it. An application commonly passes one
 * `AbortSignal` to every call of a batch; a listener per call would pass Node's limit of 10 and print
 * `MaxListenersExceededWarning`, and each would cost an `addEventListener`/`removeEventListener` pair. Here the
 * first subscriber installs the only listener and later ones join a set it fans out to.
 */

const relays = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Runs `onAbort` once when `signal` aborts. Returns the function that unsubscribes (call it when the work is
 * done, whether or not the signal fired). The signal must not be aborted yet: callers check `signal.aborted`
 * first.
 */
export function subscribeAbort(signal: AbortSignal, onAbort: () => void): () => void {
  let subscribers = relays.get(signal);
  if (subscribers === undefined) {
    const created = new Set<() => void>();
    subscribers = created;
    relays.set(signal, created);
    signal.addEventListener(
      "abort",
      () => {
        relays.delete(signal);
        for (const subscriber of created) subscriber();
        created.clear();
      },
      { once: true },
    );
  }
  const set = subscribers;
  set.add(onAbort);
  return () => {
    set.delete(onAbort);
  };
}

/**
 * A signal of one's own that aborts when `parent` does, with the same reason, subscribed through
 * {@link subscribeAbort}. `release` unsubscribes it once the work it guards is over.
 */
export function linkedSignal(parent: AbortSignal): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  if (parent.aborted) {
    controller.abort(parent.reason);
    return { signal: controller.signal, release: noop };
  }
  const release = subscribeAbort(parent, () => controller.abort(parent.reason));
  return { signal: controller.signal, release };
}

function noop(): void {}
