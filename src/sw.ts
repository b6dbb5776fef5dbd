/**
 * The service worker: a second visit loads the app and its models from the cache, and works with no network.
 *
 * It installs precache.json's list (the built app, the default model, the person finder: scripts/precache.ts) and
 * serves same-origin GETs cache-first, caching what it fetches, so another model once used works offline too. The
 * page and the model list are network-first (a new build is seen at once) and fall back to the cache offline. A new
 * build has a new precache version; its cache replaces the old ones on activation.
 */

/** The parts of the ServiceWorkerGlobalScope used here (the DOM lib, not the webworker lib, is in scope). */
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface ServiceWorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
}

const scope = self as unknown as ServiceWorkerScope;
const PREFIX = 'cpm-';
const RUNTIME = `${PREFIX}runtime`;

interface Precache {
  version: string;
  files: string[];
}

async function precache(): Promise<Precache> {
  const response = await fetch(new URL('precache.json', scope.location.href), { cache: 'no-store' });
  if (!response.ok) throw new Error(`precache.json: HTTP ${response.status}`);
  return (await response.json()) as Precache;
}

scope.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const { version, files } = await precache();
      const cache = await caches.open(`${PREFIX}${version}`);
      await cache.addAll(files.map((file) => new URL(file, scope.location.href).href));
      await scope.skipWaiting();
    })(),
  );
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const { version } = await precache();
      const keep = new Set([`${PREFIX}${version}`, RUNTIME]);
      for (const name of await caches.keys()) if (name.startsWith(PREFIX) && !keep.has(name)) await caches.delete(name);
      await scope.clients.claim();
    })(),
  );
});

async function fromNetwork(request: Request): Promise<Response> {
  const response = await fetch(request);
  if (response.ok) await (await caches.open(RUNTIME)).put(request, response.clone());
  return response;
}

async function respond(request: Request): Promise<Response> {
  const page = request.mode === 'navigate';
  const fresh = page || new URL(request.url).pathname.endsWith('/models/index.json');
  const cached = await caches.match(request, { ignoreSearch: page });
  if (cached && !fresh) return cached;
  try {
    return await fromNetwork(request);
  } catch (error) {
    if (cached) return cached;
    throw error;
  }
}

scope.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== scope.location.origin) return;
  event.respondWith(respond(request));
});
