import { createMockServer, ManualClock, seedDemoWorkspace } from '@opencom/mock-server';
import { type components, Opencom } from '@opencom/sdk';
import { type BotAction, FINAL_ACTIONS } from '../actions';
import { DEFAULT_ANSWER_POLICY } from '../answer-policy';
import { ClaimBot } from '../bot';
import { tailEventFeed } from '../event-feed-source';
import { answer, referenceControl } from '../reference-control';
import { startNarratingReceiver } from './narrating-receiver';
import { Narrator } from './narrator';
import { SCENES } from './scenes';

/** Three attempts (at once, then 1 s and 2 s after a failure), so a delivery can run out of them within the demo. */
const RETRY_SCHEDULE = [0, 1_000, 2_000];
const HELP_CENTER_URL = 'https://help.example.com/articles';
/** How long the demo waits for the bot to finish one conversation before it gives up (exit 1). */
const STEP_TIMEOUT_MS = 10_000;

export interface DemoOptions {
  /** Receives the narrative, one line at a time. */
  write: (line: string) => void;
}

/**
 * The end-to-end demo: the reference server in-process with the demo workspace, the claim bot tailing
 * its event feed, and a webhook receiver; visitors write, and the narrative tells what each part does.
 * Resolves with the process exit code: 0 when every step happened as told, 1 otherwise.
 */
export async function runDemo({ write }: DemoOptions): Promise<number> {
  const started = performance.now();
  const server = createMockServer({
    // Webhook timestamps must pass the receiver's ±5 min check against the real clock.
    clock: new ManualClock(Date.now()),
    // The bot polls the feed every 20 ms here; a real server allows 60 requests a minute.
    rateLimits: false,
    retrySchedule: RETRY_SCHEDULE,
    // One delivery at a time and no jitter: the story comes out in the same order every run.
    delivery: { concurrency: 1, random: () => 0.5 },
  });
  const handle = (request: Request) => server.handle(request);
  const control = referenceControl(server);
  const { workspace, credential } = seedDemoWorkspace(server);
  const client = (apiKey: string) =>
    new Opencom({
      apiKey,
      baseUrl: 'http://reference.invalid',
      fetch: (input, init) => handle(new Request(input, init)),
    });
  const opencom = client(credential.secret);
  const narrator = new Narrator(write);
  const names = new Map<string, string>();
  const nameOf = (conversationId: string) => names.get(conversationId) ?? conversationId;

  const actions: BotAction[] = [];
  let onAction: () => void = () => undefined;
  const bot = new ClaimBot({
    opencom,
    leaseSeconds: 60,
    policy: { helpCenterUrl: HELP_CENTER_URL },
    onAction: (action) => {
      actions.push(action);
      onAction();
    },
  });
  /** Resolves with the bot's actions on a conversation once it is done with it. */
  const handled = (conversationId: string, from: number) =>
    new Promise<BotAction[]>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the bot did not finish ${nameOf(conversationId)}'s conversation`)),
        STEP_TIMEOUT_MS,
      );
      const check = () => {
        const mine = actions.slice(from).filter((a) => a.conversationId === conversationId);
        if (mine.some((a) => FINAL_ACTIONS.has(a.type))) {
          clearTimeout(timer);
          resolve(mine);
        }
      };
      onAction = check;
      check();
    });

  // The subscription starts paused: the receiver's port is known only once it listens.
  const subscription = await opencom.webhooks.create({
    url: 'https://receiver.invalid/webhooks/opencom',
    eventTypes: ['message.created', 'conversation.escalated'],
    status: 'paused',
  });
  const receiver = await startNarratingReceiver(subscription.secret, nameOf);
  await opencom.webhooks.update(subscription.id, { url: receiver.url, status: 'active' });
  const stopFeed = new AbortController();
  const feed = tailEventFeed(opencom, bot, {
    signal: stopFeed.signal,
    pollIntervalMs: 20,
    maxPollIntervalMs: 20,
  });

  const published = await opencom.articles.list({ status: 'published', limit: 100 });
  narrator.title('Opencom demo: the reference server in-process, a claim bot and a webhook receiver');
  narrator.say(
    'server',
    `"${workspace.name}" with ${published.data.length} published help articles; 3 webhook attempts: at once, then 1 s and 2 s after a failure`,
  );
  narrator.say(
    'receiver',
    'listening on 127.0.0.1, subscribed to message.created and conversation.escalated',
  );
  const me = await opencom.me.get();
  narrator.say(
    'bot',
    `tailing the event feed as ${me.actorName}; answers when an article scores at least ${DEFAULT_ANSWER_POLICY.minScore}`,
  );

  let exitCode = 0;
  try {
    const visitors = await opencom.visitors.list({ limit: 100 });
    const visitorId = (name: string) => {
      const visitor = visitors.data.find((v) => v.name === name);
      if (visitor === undefined) throw new Error(`the demo workspace has no visitor named ${name}`);
      return visitor.id;
    };
    for (const [index, scene] of SCENES.entries()) {
      const from = actions.length;
      const notesFrom = receiver.notes.length;
      let conversationId: string;
      if (scene.heldBy === undefined) {
        const created = await control.POST('/__control/conversations', {
          body: {
            workspaceId: workspace.id,
            visitorId: visitorId(scene.visitor),
            channel: 'chat',
            subject: scene.subject,
            content: scene.says,
          },
        });
        conversationId = answer(created).conversation.id;
      } else {
        // Another automation already holds this visitor's open conversation when they write again.
        conversationId = await openConversationOf(opencom, visitorId(scene.visitor));
        const other = await control.POST('/__control/credentials', {
          body: {
            workspaceId: workspace.id,
            name: scene.heldBy,
            actorName: scene.heldBy,
            scopes: ['conversations.read', 'claims.manage'],
          },
        });
        await client(answer(other).secret).claims.claim(conversationId);
        await control.POST('/__control/conversations/{conversationId}/visitor-messages', {
          params: { path: { conversationId } },
          body: { content: scene.says },
        });
      }
      names.set(conversationId, scene.visitor);
      narrator.scene(index + 1, scene);
      if (scene.receiverDownFor) receiver.breakFor(scene.receiverDownFor);
      const mine = await handled(conversationId, from);
      await server.deliveries.idle();
      narrator.botActions(mine, nameOf);
      narrator.receiverNotes(receiver.notes.slice(notesFrom));
      if (!mine.some((action) => action.type === scene.outcome)) {
        throw new Error(`expected the bot to end with "${scene.outcome}" for ${scene.visitor}`);
      }
      if (scene.receiverDownFor) await failThenReplay();
    }
    narrator.summary(actions, receiver.notes, (performance.now() - started) / 1000);
  } catch (error) {
    write(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
    exitCode = 1;
  } finally {
    stopFeed.abort();
    await feed.catch(() => undefined);
    await bot.stop();
    await receiver.close();
  }
  return exitCode;

  /**
   * The receiver is down: the server retries the delivery on the fast schedule until no attempt is
   * left and the delivery ends `failed`. The receiver is fixed, an operator replays the delivery, and
   * the receiver accepts it: same `webhook-id`, but never acknowledged, so it is not a duplicate.
   */
  async function failThenReplay() {
    let delivery = (await opencom.webhooks.deliveries.list({ status: 'retrying' })).data[0];
    if (delivery === undefined) throw new Error('expected a delivery waiting for its retry');
    while (delivery.status === 'retrying') {
      const wait = (delivery.nextAttemptAt ?? server.clock.now()) - server.clock.now();
      narrator.say('server', `${lastAttemptOf(delivery)}; retrying in ${wait / 1000} s`);
      const notesFrom = receiver.notes.length;
      // Moves the server's manual clock: the retry runs now, not after a real wait.
      await server.deliveries.advanceBy(wait);
      narrator.receiverNotes(receiver.notes.slice(notesFrom));
      delivery = await opencom.webhooks.deliveries.get(delivery.id);
    }
    if (delivery.status !== 'failed') throw new Error(`expected the delivery to fail, it ${delivery.status}`);
    narrator.say(
      'server',
      `${lastAttemptOf(delivery)}; no attempts left: the delivery ended ${delivery.status}`,
    );
    const failedId = delivery.id;

    receiver.fix();
    narrator.say(
      'operator',
      'the help desk is back; replays the failed delivery (what `opencom webhooks replay <id>` does)',
    );
    const accepted = await replay(failedId);
    if (!accepted.some((note) => note.outcome === 'verified' && note.afterFailure)) {
      throw new Error('expected the receiver to accept the replay of the delivery it never acknowledged');
    }
    narrator.say('operator', 'replays it once more (the receiver acknowledged it this time)');
    const again = await replay(failedId);
    if (!again.every((note) => note.outcome === 'duplicate')) {
      throw new Error('expected the receiver to ignore a replay of a delivery it acknowledged');
    }
  }

  /** Replays a delivery as `opencom webhooks replay <id>` does, and tells how it went. */
  async function replay(deliveryId: string) {
    const notesFrom = receiver.notes.length;
    const { id } = await opencom.webhooks.deliveries.replay(deliveryId);
    await server.deliveries.idle();
    const notes = receiver.notes.slice(notesFrom);
    narrator.receiverNotes(notes);
    const replayed = await opencom.webhooks.deliveries.get(id);
    if (replayed.replayOf !== deliveryId)
      throw new Error('expected the replay to link to the delivery it replays');
    narrator.say(
      'server',
      `replay ${replayed.status} (HTTP ${replayed.lastAttempt?.httpStatus}), linked to the delivery it replays`,
    );
    return notes;
  }
}

/** `conversation.escalated attempt 2 of 3 got HTTP 500` */
function lastAttemptOf(delivery: components['schemas']['WebhookDelivery']): string {
  const { eventType, attemptCount, maxAttempts, lastAttempt } = delivery;
  return `${eventType} attempt ${attemptCount} of ${maxAttempts} got HTTP ${lastAttempt?.httpStatus}`;
}

async function openConversationOf(opencom: Opencom, visitorId: string): Promise<string> {
  const page = await opencom.conversations.list({ status: 'open', limit: 100 });
  const conversation = page.data.find((c) => c.visitorId === visitorId);
  if (conversation === undefined) throw new Error(`no open conversation for visitor ${visitorId}`);
  return conversation.id;
}
