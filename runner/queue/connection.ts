// Connections to the Redis server behind the job queue, from one redis:// or rediss:// URL.
// BullMQ 6 run as native ESM cannot load ioredis itself, so every client is built here and
// handed to it. Two rules hold for every client: an 'error' listener is always attached
// (ioredis otherwise prints "Unhandled error event" with whatever the error says), and
// every message that leaves this module has the URL's password masked (redact.ts).
import { isIP } from 'node:net';
import { Redis, type RedisOptions } from 'ioredis';
import { redactText, redactUrl } from './redact.ts';

/** ioredis options for a redis:// or rediss:// (TLS) URL: `redis[s]://[[user]:password@]host[:port][/db]`. */
export function redisOptions(url: string): RedisOptions {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`not a Redis URL: ${redactUrl(url)} (expected redis://[:password@]host[:port][/db] or rediss://…)`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new Error(`not a Redis URL: ${redactUrl(url)} (expected redis:// or rediss://)`);
  if (u.search) throw new Error(`Redis URL ${redactUrl(url)}: query parameters are not supported`);
  const db = u.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) throw new Error(`Redis URL ${redactUrl(url)}: the path must be a database number, got "/${db}"`);
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1'); // IPv6 literals come bracketed
  const o: RedisOptions = {
    host: host || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    db: db ? Number(db) : 0,
  };
  if (u.username) o.username = decodeURIComponent(u.username);
  if (u.password) o.password = decodeURIComponent(u.password);
  // TLS; the server name for SNI and certificate checks is the host, unless it is an address.
  if (u.protocol === 'rediss:') o.tls = isIP(host) ? {} : { servername: host };
  return o;
}

/** The error said in words, with the URL (password masked) and never the password. */
export function redisError(url: string, what: string, e: unknown): Error {
  const detail = e instanceof Error ? (e.message || e.name) : String(e);
  return new Error(redactText(`${what} Redis at ${redactUrl(url)}: ${detail}`, url));
}

/**
 * Checks that the server answers (connects, authenticates, PING) within `timeoutMs`, without
 * retrying, so a wrong URL or a server that is down fails at once with a clear message
 * instead of ioredis reconnecting for ever.
 */
export async function probeRedis(url: string, timeoutMs = 3000): Promise<void> {
  const client = new Redis({
    ...redisOptions(url),
    lazyConnect: true,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
  });
  let last: unknown;
  client.on('error', (e) => void (last = e));
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    await Promise.race([client.connect().then(() => client.ping()), timeout]);
  } catch (e) {
    // ioredis may reject with a bare "Connection is closed." after the real cause was emitted.
    const cause = last instanceof Error && e instanceof Error && /connection is closed/i.test(e.message) ? last : e;
    throw redisError(url, 'cannot reach', cause);
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

/**
 * A client that reconnects (every second at most) when the connection drops; whoever owns it
 * decides how long to wait (the runner gives up after a grace period, a worker waits for
 * ever). `blocking`: for BullMQ's blocking reads (QueueEvents, Worker), which require
 * commands to wait for the connection rather than fail.
 */
/** `onError` gets the driver's message, redacted. */
export function redisClient(url: string, onError: (e: Error) => void, blocking = false): Redis {
  const client = new Redis({
    ...redisOptions(url),
    retryStrategy: (times) => Math.min(100 * times, 1000),
    maxRetriesPerRequest: blocking ? null : 2,
  });
  client.on('error', (e: Error) => onError(new Error(redactText(e.message || e.name, url))));
  return client;
}
