import type { RouteTable } from '../context';

export const ticketsRoutes: RouteTable = {};
