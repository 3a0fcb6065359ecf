import type { components } from '../../generated/openapi';
import type { EngineState } from '../context';
import type { TaskHandle } from '../scheduler';
import type { ClaimRow, ConversationRow } from '../store/store';

type Claim = components['schemas']['Claim'];

/** `leaseSeconds` when a claim asks for none (spec: ClaimLease). */
export const DEFAULT_LEASE_SECONDS = 300;

/** A stored claim as the API shows it. */
export function toClaim(row: ClaimRow): Claim {
  return {
    claimId: row.claimId,
    conversationId: row.conversationId,
    actorName: row.actorName,
    credentialId: row.credentialId,
    status: row.status,
    leaseSeconds: row.leaseSeconds,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    endedAt: row.endedAt,
  };
}

/**
 * The pending expiry task of each active claim, per server (keyed by its store),
 * so a renewal moves the task instead of leaving a stale one behind in the scheduler.
 */
const expiryTasks = new WeakMap<object, Map<string, TaskHandle>>();

function tasksOf(engine: EngineState): Map<string, TaskHandle> {
  let tasks = expiryTasks.get(engine.store);
  if (!tasks) {
    tasks = new Map();
    expiryTasks.set(engine.store, tasks);
  }
  return tasks;
}

/** Replaces the claim's pending expiry task (or clears it when `task` is undefined). */
export function setExpiryTask(engine: EngineState, claimId: string, task: TaskHandle | undefined): void {
  const tasks = tasksOf(engine);
  tasks.get(claimId)?.cancel();
  if (task) tasks.set(claimId, task);
  else tasks.delete(claimId);
}

/**
 * Ends an active claim by its holder (`released`, `escalated`): the lease stops now, the expiry task
 * is dropped and the conversation no longer points at it. `change` applies further changes to the
 * conversation in the same write (escalation's handoff). Never touches `assignedAgentId`.
 */
export function endClaim(
  engine: EngineState,
  claim: ClaimRow,
  conversation: ConversationRow,
  status: 'released' | 'escalated',
  now: number,
  change?: (row: ConversationRow) => void,
): void {
  setExpiryTask(engine, claim.id, undefined);
  engine.store.claims.update(claim, (r) => {
    r.status = status;
    r.endedAt = now;
    r.expiresAt = now;
  });
  engine.store.conversations.update(conversation, (r) => {
    if (r.claimId === claim.id) r.claimId = null;
    change?.(r);
    r.updatedAt = now;
  });
}
