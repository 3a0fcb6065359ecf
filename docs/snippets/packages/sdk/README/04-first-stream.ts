// packages/sdk/README.md, "The first five minutes", step 5: follow what happens.
import type { EventMap, Opencom } from '@opencom/sdk';

declare const opencom: Opencom;
declare const savedCursor: string | undefined;
declare function handle(event: EventMap['message.created']): Promise<void>;
declare function saveCursor(cursor: string | undefined): Promise<void>;

// #region sample
const stream = opencom.events.stream({ after: savedCursor ?? 'now', types: ['message.created'] });
for await (const event of stream) {
  await handle(event);           // event.data is the Message snapshot
  await saveCursor(stream.cursor);
}
// #endregion
