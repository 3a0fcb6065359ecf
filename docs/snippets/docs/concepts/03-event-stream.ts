// docs/concepts.md, "Events vs webhooks".
import type { EventMap, Opencom } from '@opencom/sdk';

declare const opencom: Opencom;
declare let savedCursor: string | undefined;
declare function handle(event: EventMap['message.created']): Promise<void>;

// #region sample
const stream = opencom.events.stream({ after: savedCursor ?? 'now', types: ['message.created'] });
for await (const event of stream) {
  await handle(event);
  savedCursor = stream.cursor; // persist it: the next run resumes exactly here
}
// #endregion
