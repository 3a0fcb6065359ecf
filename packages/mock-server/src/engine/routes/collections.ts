import type { RouteTable } from '../context';

export const collectionsRoutes: RouteTable = {};
