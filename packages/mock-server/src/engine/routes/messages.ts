import type { RouteTable } from '../context';

export const messagesRoutes: RouteTable = {};
