import type { operations } from '../generated/openapi';

/** Every operationId of the spec. */
export type OperationId = keyof operations;

/** The query parameters of an operation. */
export type OperationQuery<Op extends OperationId> = NonNullable<operations[Op]['parameters']['query']>;

/** The JSON request body of an operation. */
export type OperationBody<Op extends OperationId> = operations[Op] extends {
  requestBody?: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

type SuccessBody<Responses> = {
  [Status in keyof Responses]: Status extends 200 | 201 | 202
    ? Responses[Status] extends { content: { 'application/json': infer Body } }
      ? Body
      : never
    : never;
}[keyof Responses];

/**
 * What an operation's successful response holds.
 *
 * @example
 * type Conversation = OperationData<'getConversation'>;
 */
export type OperationData<Op extends OperationId> = SuccessBody<operations[Op]['responses']>;

/** The item type of a list operation's `data`. */
export type OperationItem<Op extends OperationId> =
  OperationData<Op> extends { data: Array<infer Item> } ? Item : never;
