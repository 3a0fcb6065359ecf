import type { RouteTable } from '../context';
import { articlesRoutes } from './articles';
import { claimsRoutes } from './claims';
import { collectionsRoutes } from './collections';
import { conversationRoutes } from './conversations';
import { customEventsRoutes } from './custom-events';
import { eventsRoutes } from './events';
import { meRoutes } from './me';
import { messagesRoutes } from './messages';
import { outboundMessagesRoutes } from './outbound-messages';
import { ticketsRoutes } from './tickets';
import { visitorsRoutes } from './visitors';
import { webhookDeliveriesRoutes } from './webhook-deliveries';
import { webhooksRoutes } from './webhooks';

/** Every public operation the engine implements, by operationId. */
export const publicRoutes: RouteTable = {
  ...meRoutes,
  ...conversationRoutes,
  ...messagesRoutes,
  ...visitorsRoutes,
  ...ticketsRoutes,
  ...articlesRoutes,
  ...collectionsRoutes,
  ...outboundMessagesRoutes,
  ...customEventsRoutes,
  ...claimsRoutes,
  ...eventsRoutes,
  ...webhooksRoutes,
  ...webhookDeliveriesRoutes,
};
