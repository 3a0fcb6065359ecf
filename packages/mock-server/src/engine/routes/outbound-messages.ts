import type { components } from '../../generated/openapi';
import type { EngineState, RequestContext, RouteTable } from '../context';
import { created, ok, type RouteResult } from '../http/json';
import { type FieldError, problems } from '../http/problem';
import { rowInWorkspace } from '../store/in-workspace';
import type { OutboundMessageRow } from '../store/store';
import { toContent, toScheduling, toTargeting, toTrigger } from './outbound-input';

type OutboundMessage = components['schemas']['OutboundMessage'];
type Status = components['schemas']['OutboundMessageStatus'];

/** A stored outbound message as the API shows it; nested objects are copied so snapshots stay put. */
export function toOutboundMessage(row: OutboundMessageRow): OutboundMessage {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    name: row.name,
    type: row.type,
    content: { ...row.content },
    targeting: { match: row.targeting.match, rules: row.targeting.rules.map((rule) => ({ ...rule })) },
    triggers: { ...row.triggers },
    frequency: row.frequency,
    scheduling: { ...row.scheduling },
    status: row.status,
    priority: row.priority,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function outboundOr404(engine: EngineState, workspaceId: string, id: string): OutboundMessageRow {
  return rowInWorkspace(engine.store.outboundMessages, workspaceId, id, 'outbound message');
}

type StatusContext = Pick<RequestContext, 'engine' | 'workspace' | 'now' | 'audit' | 'emit'>;

/**
 * Moves the message to `to` when its status is in `from`; already at `to` is a no-op (200, unchanged,
 * no event, spec: activate / pause); any other status is a 409 `invalid_transition`.
 */
function changeStatus(
  ctx: StatusContext,
  id: string,
  change: { to: Status; from: readonly Status[]; verb: 'activate' | 'pause' },
): RouteResult {
  const { engine, workspace, now } = ctx;
  const { to, from, verb } = change;
  const row = outboundOr404(engine, workspace.id, id);
  if (row.status === to) return ok(toOutboundMessage(row));
  if (!from.includes(row.status)) {
    throw problems.invalidTransition(`A ${row.status} outbound message cannot be ${verb}d.`);
  }
  engine.store.outboundMessages.update(row, (r) => {
    r.status = to;
    r.updatedAt = now;
  });
  const message = toOutboundMessage(row);
  ctx.audit(`outbound_message.${verb}`, { type: 'outbound_message', id: row.id });
  ctx.emit(
    verb === 'activate' ? 'outbound.activated' : 'outbound.paused',
    { type: 'outbound_message', id: row.id },
    message,
  );
  return ok(message);
}

export const outboundMessagesRoutes: RouteTable = {
  listOutboundMessages: ({ engine, workspace, query }) => {
    const sync = query.updatedSince !== undefined;
    return ok(
      engine.page(
        {
          list: sync ? 'listOutboundMessages:updated' : 'listOutboundMessages:created',
          index: engine.store.outboundMessages.index(sync ? 'updated' : 'created'),
          prefix: [workspace.id],
          // Sync order: (updatedAt, id) ascending from updatedSince; otherwise newest first.
          ...(sync ? { start: [workspace.id, query.updatedSince as number] } : { reverse: true }),
          limit: query.limit ?? 20,
          cursor: query.cursor,
          ...(query.status === undefined
            ? {}
            : { filter: (row: OutboundMessageRow) => row.status === query.status }),
        },
        toOutboundMessage,
      ),
    );
  },

  createOutboundMessage: ({ engine, workspace, body, now, audit, emit }) => {
    const errors: FieldError[] = [];
    const targeting = toTargeting(body.targeting, errors);
    const triggers = toTrigger(body.triggers, errors);
    const scheduling = toScheduling(body.scheduling, errors);
    if (errors.length > 0) throw problems.validation(errors);
    const row = engine.store.outboundMessages.insert({
      id: engine.ids.next('out'),
      workspaceId: workspace.id,
      name: body.name,
      type: body.type ?? 'chat',
      content: toContent(body.content),
      targeting,
      triggers,
      frequency: body.frequency ?? 'once',
      scheduling,
      // Always a draft: nobody sees it until it is activated.
      status: 'draft',
      priority: body.priority ?? 0,
      createdAt: now,
      updatedAt: now,
    });
    const message = toOutboundMessage(row);
    audit('outbound_message.create', { type: 'outbound_message', id: row.id });
    emit('outbound.created', { type: 'outbound_message', id: row.id }, message);
    return created(message, `/api/v1/outbound-messages/${row.id}`);
  },

  getOutboundMessage: ({ engine, workspace, path }) =>
    ok(toOutboundMessage(outboundOr404(engine, workspace.id, path.outboundMessageId))),

  updateOutboundMessage: ({ engine, workspace, path, body, now, audit, emit }) => {
    const row = outboundOr404(engine, workspace.id, path.outboundMessageId);
    if (row.status === 'archived') {
      throw problems.invalidTransition('An archived outbound message cannot be edited.');
    }
    // An object sent replaces the stored one whole, with defaults for what it leaves out.
    const errors: FieldError[] = [];
    const targeting = body.targeting === undefined ? undefined : toTargeting(body.targeting, errors);
    const triggers = body.triggers === undefined ? undefined : toTrigger(body.triggers, errors);
    const scheduling = body.scheduling === undefined ? undefined : toScheduling(body.scheduling, errors);
    if (errors.length > 0) throw problems.validation(errors);
    engine.store.outboundMessages.update(row, (r) => {
      if (body.name !== undefined) r.name = body.name;
      if (body.content !== undefined) r.content = toContent(body.content);
      if (targeting !== undefined) r.targeting = targeting;
      if (triggers !== undefined) r.triggers = triggers;
      if (body.frequency !== undefined) r.frequency = body.frequency;
      if (scheduling !== undefined) r.scheduling = scheduling;
      if (body.priority !== undefined) r.priority = body.priority;
      r.updatedAt = now;
    });
    const message = toOutboundMessage(row);
    audit('outbound_message.update', { type: 'outbound_message', id: row.id });
    emit('outbound.updated', { type: 'outbound_message', id: row.id }, message);
    return ok(message);
  },

  deleteOutboundMessage: ({ engine, workspace, path, audit, emit }) => {
    const row = outboundOr404(engine, workspace.id, path.outboundMessageId);
    const last = toOutboundMessage(row);
    engine.store.outboundMessages.delete(row);
    audit('outbound_message.delete', { type: 'outbound_message', id: row.id });
    emit('outbound.deleted', { type: 'outbound_message', id: row.id }, last);
    return ok({ id: row.id, deleted: true });
  },

  activateOutboundMessage: (ctx) =>
    changeStatus(ctx, ctx.path.outboundMessageId, {
      to: 'active',
      from: ['draft', 'paused'],
      verb: 'activate',
    }),

  pauseOutboundMessage: (ctx) =>
    changeStatus(ctx, ctx.path.outboundMessageId, { to: 'paused', from: ['active'], verb: 'pause' }),
};
