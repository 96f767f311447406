// Whether the page runs with JavaScript: false on the server and while hydrating (so the first
// render matches the server's), true after. For controls only the no-JavaScript page needs.
import { useSyncExternalStore } from "react";

const subscribe = () => () => undefined;

export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
