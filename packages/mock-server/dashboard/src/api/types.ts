import type { components } from '@opencom/sdk';
import type { components as controlComponents } from '../../../src/generated/control';

/** Schemas of the public API. */
export type Schemas = components['schemas'];
/** Schemas of the control API (credentials are the same schema in both documents). */
export type ControlSchemas = controlComponents['schemas'];

export type Workspace = ControlSchemas['Workspace'];
export type Credential = ControlSchemas['Credential'];
export type CredentialWithSecret = ControlSchemas['CredentialWithSecret'];
export type Webhook = Schemas['WebhookSubscription'];
export type Delivery = Schemas['WebhookDelivery'];
export type DeliveryDetail = Schemas['WebhookDeliveryDetail'];
export type Attempt = Schemas['WebhookAttempt'];
export type Conversation = Schemas['Conversation'];
export type FeedEvent = Schemas['Event'];
