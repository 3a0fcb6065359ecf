import { ApiCaller } from './core/api-caller';
import { type ClientOptions, resolveConfig } from './core/config';
import { type ClientCore, createClientCore, type RateLimitState, type RawClient } from './core/raw-client';
import {
  type ArticlesResource,
  type ClaimsResource,
  type CollectionsResource,
  type ConversationsResource,
  type CustomEventsResource,
  createResources,
  type EventsResource,
  type MeResource,
  type MessagesResource,
  type OutboundMessagesResource,
  type Resources,
  type TicketsResource,
  type VisitorsResource,
  type WebhooksResource,
} from './generated/resources';
import { type ClaimSessions, createClaimSessions } from './resources/claims';
import { createEventStreams, type EventStreams } from './resources/events';
import { type WebhookVerification, webhookVerification } from './resources/webhooks';

/** Options of `new Opencom(...)`. */
export type OpencomOptions = ClientOptions;

/**
 * The Opencom automation API client: one namespace per resource of the spec, every method typed from
 * it, retries that never duplicate a write, list and event-feed iterators, and claim sessions.
 *
 * @example
 * import { Opencom } from '@opencom/sdk';
 *
 * const opencom = new Opencom(); // OPENCOM_API_KEY, OPENCOM_BASE_URL
 * for await (const conversation of opencom.conversations.list({ status: 'open', automationEligible: true })) {
 *   await using session = await opencom.claims.acquire(conversation.id);
 *   await session.send('Hi! I am the support bot; let me look into that.');
 * }
 * @see README.md
 */
export class Opencom implements Resources {
  /** The openapi-fetch client typed from the spec, sending through the same retries and keys. */
  readonly raw: RawClient;
  /** The calling credential: name, scopes, workspace, rate limits. */
  readonly me: MeResource;
  /** Conversations and their automation state. */
  readonly conversations: ConversationsResource;
  /** Messages in a conversation; sending needs a claim. */
  readonly messages: MessagesResource;
  /** Leases on conversations: the raw operations plus `acquire` for a self-renewing session. */
  readonly claims: ClaimsResource & ClaimSessions;
  /** The people who talk to the workspace. */
  readonly visitors: VisitorsResource;
  /** Support tickets and `tickets.comments`. */
  readonly tickets: TicketsResource;
  /** Knowledge-base articles, search and upsert by external ID. */
  readonly articles: ArticlesResource;
  /** The knowledge base's tree of collections. */
  readonly collections: CollectionsResource;
  /** Proactive in-app messages. */
  readonly outboundMessages: OutboundMessagesResource;
  /** Things visitors did in your product. */
  readonly customEvents: CustomEventsResource;
  /** The event ledger: `list`, `get` and `stream` (follow the feed). */
  readonly events: EventsResource & EventStreams;
  /** Webhook subscriptions, `webhooks.deliveries`, and `verify` for receivers. */
  readonly webhooks: WebhooksResource & WebhookVerification;
  readonly #core: ClientCore;

  /**
   * @throws {OpencomConfigError} when there is no API key (neither `apiKey` nor `OPENCOM_API_KEY`), or
   *   an option is invalid
   */
  constructor(options: OpencomOptions = {}) {
    const config = resolveConfig(options);
    this.#core = createClientCore(config);
    this.raw = this.#core.raw;
    const resources = createResources(new ApiCaller(this.#core.client, this.#core.transport));
    const { clock, random } = config;
    this.me = resources.me;
    this.conversations = resources.conversations;
    this.messages = resources.messages;
    this.claims = {
      ...resources.claims,
      ...createClaimSessions({ claims: resources.claims, messages: resources.messages, clock, random }),
    };
    this.visitors = resources.visitors;
    this.tickets = resources.tickets;
    this.articles = resources.articles;
    this.collections = resources.collections;
    this.outboundMessages = resources.outboundMessages;
    this.customEvents = resources.customEvents;
    this.events = { ...resources.events, ...createEventStreams(resources.events, clock) };
    this.webhooks = { ...resources.webhooks, ...webhookVerification };
  }

  /** The `RateLimit-*` state of the most recent response, or undefined before the first one. */
  get rateLimit(): RateLimitState | undefined {
    return this.#core.rateLimit();
  }
}
