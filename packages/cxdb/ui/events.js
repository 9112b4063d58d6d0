// One EventSource on /v1/events shared by every view: views subscribe to event types, and the
// header shows whether the stream is connected (EventSource reconnects by itself; views are told
// to resync then).

const EVENT_TYPES = [
  "context_created",
  "context_metadata_updated",
  "turn_appended",
  "client_connected",
  "client_disconnected",
];

/** @type {Map<string, Set<(data: Record<string, unknown>) => void>>} */
const listeners = new Map();
/** @type {EventSource | undefined} */
let source;

/**
 * Opens the stream; `onStatus(connected)` is told of every change.
 * @param {(connected: boolean) => void} onStatus
 */
export function connectEvents(onStatus) {
  if (source !== undefined) return;
  source = new EventSource("/v1/events");
  let connectedBefore = false;
  source.addEventListener("connected", () => {
    onStatus(true);
    // Events sent while the stream was down are lost: views reload what they show.
    if (connectedBefore) for (const fn of listeners.get("resync") ?? []) fn({});
    connectedBefore = true;
  });
  source.addEventListener("open", () => onStatus(true));
  source.addEventListener("error", () => onStatus(source?.readyState === EventSource.OPEN));
  for (const type of EVENT_TYPES) {
    source.addEventListener(type, (event) => {
      let data;
      try {
        data = JSON.parse(event.data);
      } catch {
        return;
      }
      for (const fn of listeners.get(type) ?? []) fn(data);
    });
  }
}

/**
 * Calls `fn` with the data of each event of these types (plus `resync`, sent when the stream
 * reconnects); returns the unsubscribe function.
 * @param {string[]} types
 * @param {(data: Record<string, unknown>, type: string) => void} fn
 */
export function onEvents(types, fn) {
  const bound = types.map((type) => {
    const wrapped = (data) => fn(data, type);
    if (!listeners.has(type)) listeners.set(type, new Set());
    listeners.get(type).add(wrapped);
    return [type, wrapped];
  });
  return () => {
    for (const [type, wrapped] of bound) listeners.get(type)?.delete(wrapped);
  };
}

/** Runs `fn` at most once per `ms`, after the last call (for refreshes driven by bursts of events). */
export function debounce(fn, ms) {
  let timer;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}
