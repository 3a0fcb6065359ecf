import type { RouteTable } from '../context';

export const customEventsRoutes: RouteTable = {};
