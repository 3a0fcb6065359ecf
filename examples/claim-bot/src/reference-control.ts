import { type ControlClient, createControlClient } from '@opencom/mock-server';

/**
 * The reference server's typed control API (simulate visitors and agents, create keys, inject faults),
 * for the demo and the tests. A refused control call is a broken script, not a result, so it throws.
 *
 * @example
 * const control = referenceControl(server);
 * await control.POST('/__control/conversations', { body: { workspaceId, channel: 'chat', content: 'Hi!' } });
 */
export function referenceControl(server: { handle(request: Request): Promise<Response> }): ControlClient {
  const control = createControlClient({ server });
  control.use({
    async onResponse({ request, response }) {
      if (response.ok) return undefined;
      const path = new URL(request.url).pathname;
      throw new Error(
        `control ${request.method} ${path} → ${response.status}: ${await response.clone().text()}`,
      );
    },
  });
  return control;
}

/** The body of a control call's answer; `referenceControl` has already thrown on a refusal. */
export function answer<T>(result: { data?: T }): T {
  if (result.data === undefined) throw new Error('the control call answered without a body');
  return result.data;
}
