import type { RouteTable } from '../context';

export const visitorsRoutes: RouteTable = {};
