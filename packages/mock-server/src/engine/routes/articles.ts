import type { RouteTable } from '../context';

export const articlesRoutes: RouteTable = {};
