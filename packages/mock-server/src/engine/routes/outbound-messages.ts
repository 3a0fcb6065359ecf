import type { RouteTable } from '../context';

export const outboundMessagesRoutes: RouteTable = {};
