import { createMockServer, ManualClock, seedDemoWorkspace } from '@opencom/mock-server';
import { Opencom } from '@opencom/sdk';
import { type BotAction, FINAL_ACTIONS } from '../actions';
import { DEFAULT_ANSWER_POLICY } from '../answer-policy';
import { ClaimBot } from '../bot';
import { controlApi } from '../control-api';
import { tailEventFeed } from '../event-feed-source';
import { startNarratingReceiver } from './narrating-receiver';
import { Narrator } from './narrator';
import { SCENES } from './scenes';

/** Fast retries, so the failed delivery is retried within the demo: 1 s, then 2 s after a failure. */
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
  const control = controlApi(handle);
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
    `"${workspace.name}" with ${published.data.length} published help articles; webhook retries 1 s and 2 s after a failure`,
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
    const visitorId = (name: string) => visitors.data.find((v) => v.name === name)?.id;
    for (const [index, scene] of SCENES.entries()) {
      const from = actions.length;
      const notesFrom = receiver.notes.length;
      let conversationId: string;
      if (scene.heldBy === undefined) {
        const created = await control<{ conversation: { id: string } }>('POST /conversations', {
          workspaceId: workspace.id,
          visitorId: visitorId(scene.visitor),
          channel: 'chat',
          subject: scene.subject,
          content: scene.says,
        });
        conversationId = created.conversation.id;
      } else {
        // Another automation already holds this visitor's open conversation when they write again.
        conversationId = await openConversationOf(opencom, visitorId(scene.visitor));
        const other = await control<{ secret: string }>('POST /credentials', {
          workspaceId: workspace.id,
          name: scene.heldBy,
          actorName: scene.heldBy,
          scopes: ['conversations.read', 'claims.manage'],
        });
        await client(other.secret).claims.claim(conversationId);
        await control(`POST /conversations/${conversationId}/visitor-messages`, { content: scene.says });
      }
      names.set(conversationId, scene.visitor);
      narrator.scene(index + 1, scene);
      if (scene.failWebhook) receiver.failOnce(scene.failWebhook);
      const mine = await handled(conversationId, from);
      await server.deliveries.idle();
      narrator.botActions(mine, nameOf);
      narrator.receiverNotes(receiver.notes.slice(notesFrom));
      if (!mine.some((action) => action.type === scene.outcome)) {
        throw new Error(`expected the bot to end with "${scene.outcome}" for ${scene.visitor}`);
      }
      if (scene.failWebhook) await retryAndReplay();
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

  /** The failed delivery: the server retries it on the fast schedule, then an operator replays it. */
  async function retryAndReplay() {
    const failed = (await opencom.webhooks.deliveries.list({ status: 'retrying' })).data[0];
    if (failed === undefined) throw new Error('expected a delivery waiting for its retry');
    const wait = (failed.nextAttemptAt ?? server.clock.now()) - server.clock.now();
    narrator.say(
      'server',
      `${failed.eventType} attempt 1 got HTTP ${failed.lastAttempt?.httpStatus}; retrying in ${wait / 1000} s`,
    );
    let notesFrom = receiver.notes.length;
    await server.deliveries.advanceBy(wait);
    narrator.receiverNotes(receiver.notes.slice(notesFrom));
    const retried = await opencom.webhooks.deliveries.get(failed.id);
    narrator.say(
      'server',
      `${retried.eventType} delivered on attempt ${retried.attemptCount} (HTTP ${retried.lastAttempt?.httpStatus})`,
    );

    narrator.say('operator', 'replays that delivery (what `opencom webhooks replay <id>` does)');
    notesFrom = receiver.notes.length;
    const replay = await opencom.webhooks.deliveries.replay(failed.id);
    await server.deliveries.idle();
    narrator.receiverNotes(receiver.notes.slice(notesFrom));
    const replayed = await opencom.webhooks.deliveries.get(replay.id);
    narrator.say(
      'server',
      `replay ${replayed.status} (HTTP ${replayed.lastAttempt?.httpStatus}), linked to the delivery it replays`,
    );
  }
}

async function openConversationOf(opencom: Opencom, visitorId: string | undefined): Promise<string> {
  const page = await opencom.conversations.list({ status: 'open', limit: 100 });
  const conversation = page.data.find((c) => c.visitorId === visitorId);
  if (conversation === undefined) throw new Error(`no open conversation for visitor ${visitorId}`);
  return conversation.id;
}
