/**
 * The bot's tests run against the reference server in-process: the SDK's `fetch` is `server.handle`,
 * and the SDK's clock is the server's manual clock, so leases, renewals, polling and `Retry-After`
 * waits happen when a test moves time with `clock.advance(ms)`, never in real time.
 */
import {
  type ControlClient,
  createMockServer,
  ManualClock,
  type MockServer,
  seedDemoWorkspace,
} from '@opencom/mock-server';
import { type Clock, Opencom } from '@opencom/sdk';
import { answer, referenceControl } from './reference-control';

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
}

/** An SDK clock on the server's clock: timers fire only when `advance` passes them. */
export class ServerClock implements Clock {
  #timers: Timer[] = [];
  #seq = 0;

  constructor(
    private readonly server: MockServer,
    private readonly settle: () => Promise<void>,
  ) {}

  now(): number {
    return this.server.clock.now();
  }

  setTimer(ms: number, fire: () => void): () => void {
    const timer = { at: this.now() + Math.max(0, Math.ceil(ms)), seq: this.#seq++, fire };
    this.#timers.push(timer);
    return () => {
      this.#timers = this.#timers.filter((t) => t !== timer);
    };
  }

  /** Moves time by `ms`: SDK timers and server tasks (lease expiry, webhook retries) run in time order. */
  async advance(ms: number): Promise<void> {
    const target = this.now() + ms;
    for (;;) {
      await this.settle();
      const due = this.#timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (due === undefined) break;
      this.#timers = this.#timers.filter((t) => t !== due);
      await this.server.deliveries.advanceTo(Math.max(due.at, this.now()));
      due.fire();
    }
    await this.server.deliveries.advanceTo(target);
    await this.settle();
  }
}

export interface ReferenceServer {
  server: MockServer;
  clock: ServerClock;
  workspaceId: string;
  /** The demo workspace's all-scopes key (actor `demo-bot`). */
  key: string;
  /** An SDK client on the in-process server and its clock. */
  opencom(apiKey?: string): Opencom;
  /** The control API, typed from `spec/control.yaml`; throws on a non-2xx answer. */
  control: ControlClient;
  /** A visitor starts a conversation; returns its ID. */
  visitorWrites(content: string): Promise<string>;
  /** A second automation's key, for claim conflicts. */
  otherAutomation(actorName: string): Promise<string>;
  /**
   * Holds the next request that matches until the test calls `release()`: a step of the bot's work that
   * takes as long as the test wants (the held request does not count as in flight for `settle`).
   */
  hold(method: string, path: RegExp): { release(): void };
  /** Waits until no request is in flight and queued callbacks have run. */
  settle(): Promise<void>;
}

/** A reference server seeded with the demo workspace (its knowledge base included), on a manual clock. */
export async function startReferenceServer(
  options: Parameters<typeof createMockServer>[0] = {},
): Promise<ReferenceServer> {
  const server = createMockServer({
    rateLimits: false,
    seed: 7,
    // Real "now", so webhook timestamps pass a receiver's ±5 min check against its own clock.
    clock: new ManualClock(Date.now()),
    ...options,
  });
  const { workspace, credential } = seedDemoWorkspace(server);
  let inFlight = 0;
  const holds: { method: string; path: RegExp; released: Promise<void> }[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const { pathname } = new URL(request.url);
    const held = holds.findIndex((h) => h.method === request.method && h.path.test(pathname));
    if (held !== -1) {
      // Like a real slow server: the client may give up (abort) while it waits.
      const { signal } = request;
      await Promise.race([
        holds.splice(held, 1)[0]?.released,
        new Promise((_, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
        ),
      ]);
    }
    inFlight++;
    try {
      return await server.handle(request);
    } finally {
      inFlight--;
    }
  };
  const settle = async () => {
    for (let quiet = 0, ticks = 0; quiet < 3 && ticks < 10_000; ticks++) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      quiet = inFlight === 0 && server.deliveries.inFlight === 0 ? quiet + 1 : 0;
    }
  };
  const clock = new ServerClock(server, settle);
  const control = referenceControl(server);
  return {
    server,
    clock,
    workspaceId: workspace.id,
    key: credential.secret,
    opencom: (apiKey = credential.secret) =>
      new Opencom({ apiKey, baseUrl: 'http://mock.test', fetch, clock, random: () => 0.5 }),
    control,
    async visitorWrites(content) {
      const created = await control.POST('/__control/conversations', {
        body: { workspaceId: workspace.id, channel: 'chat', content },
      });
      return answer(created).conversation.id;
    },
    async otherAutomation(actorName) {
      const other = await control.POST('/__control/credentials', {
        body: {
          workspaceId: workspace.id,
          name: actorName,
          actorName,
          scopes: ['conversations.read', 'claims.manage', 'messages.write'],
        },
      });
      return answer(other).secret;
    },
    hold(method, path) {
      let release: () => void = () => undefined;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      holds.push({ method, path, released });
      return { release: () => release() };
    },
    settle,
  };
}
