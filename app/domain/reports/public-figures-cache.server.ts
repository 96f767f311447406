// Public figures that add up the whole site's history (the impact table) are read at most once a
// minute, not on every visit: at 100,000 needs one reading takes a second of the database's time,
// while the pages that show them already tell caches to keep them for a minute (public-cache.server.ts).
// Visitors who come while a reading runs share it. A reading older than a minute is still answered at
// once while a fresh one is read behind it, unless it is older than two: then the visitor waits for
// the fresh one. Each figure says when it was read (`asOf`), and the pages show it.
import { LRUCache } from "lru-cache";

export const PUBLIC_FIGURES_MAX_AGE_MS = 60_000;

export interface PublicFigure<T> {
  value: T;
  asOf: Date;
}

export interface PublicFiguresCache {
  /** `read()`'s answer under `key`, read anew when older than the cache's age. */
  get<T>(key: string, read: () => Promise<T>): Promise<PublicFigure<T>>;
}

export function createPublicFiguresCache(options: { maxAgeMs?: number; now?: () => number } = {}): PublicFiguresCache {
  const maxAgeMs = options.maxAgeMs ?? PUBLIC_FIGURES_MAX_AGE_MS;
  const now = options.now ?? (() => performance.now());
  const cache = new LRUCache<string, PublicFigure<unknown>, () => Promise<unknown>>({
    max: 16,
    ttl: maxAgeMs,
    perf: { now },
    // Each visit reads the clock afresh (lru-cache otherwise reuses one reading for a millisecond).
    ttlResolution: 0,
    // A reading that fails keeps the last good one (with its own asOf) for another minute; with none, it is the visitor's error.
    fetchMethod: async (_key, stale, { context }) => {
      try {
        return { value: await context(), asOf: new Date() };
      } catch (error) {
        if (stale) return stale;
        throw error;
      }
    },
  });
  return {
    async get<T>(key: string, read: () => Promise<T>) {
      const remaining = cache.getRemainingTTL(key);
      const figure = await cache.fetch(key, { context: read, allowStale: remaining > -maxAgeMs });
      if (!figure) throw new Error(`The public figure ${key} could not be read.`);
      return figure as PublicFigure<T>;
    },
  };
}

/** For callers with no cache to share (the CLI, a test reading the database it just changed): reads every time. */
export const uncachedPublicFigures: PublicFiguresCache = {
  get: async (_key, read) => ({ value: await read(), asOf: new Date() }),
};
