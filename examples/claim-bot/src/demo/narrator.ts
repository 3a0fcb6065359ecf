import { type BotAction, formatAction } from '../actions';
import type { ReceiverNote } from './narrating-receiver';
import type { Scene } from './scenes';

const MARKS: Record<ReceiverNote['outcome'], string> = { verified: '✓', failed: '✗', duplicate: '=' };

/**
 * Tells the demo as it happens, one line per thing done: who did it, then what. Conversation IDs
 * are replaced by their visitor's name, so the story reads (and compares) the same on every run.
 */
export class Narrator {
  constructor(private readonly write: (line: string) => void) {}

  title(text: string): void {
    this.write(text);
    this.write('');
  }

  say(who: string, text: string): void {
    this.write(`  ${who.padEnd(9)}${text}`);
  }

  scene(number: number, scene: Scene): void {
    this.write('');
    this.write(`${number}. ${scene.visitor} writes: "${scene.says}"  (${scene.expect})`);
  }

  /** The bot's own log lines, with names for IDs. */
  botActions(actions: readonly BotAction[], nameOf: (conversationId: string) => string): void {
    for (const action of actions) {
      const line = formatAction(action).replace(
        action.conversationId,
        `${nameOf(action.conversationId)}'s conversation`,
      );
      this.say('bot', line);
    }
  }

  receiverNotes(notes: readonly ReceiverNote[]): void {
    for (const note of notes) {
      const what =
        note.outcome === 'verified'
          ? `verified ${note.eventType}: ${note.summary}`
          : note.outcome === 'failed'
            ? `${note.eventType}: the help desk is down, answered HTTP 500 (not acknowledged)`
            : `${note.summary} of an event handled already: ignored, deduped on webhook-id (HTTP 200)`;
      this.say('receiver', `${MARKS[note.outcome]} ${what}`);
      if (note.afterFailure) {
        this.say(
          'receiver',
          '  its webhook-id failed here before and was never acknowledged: not a duplicate',
        );
      }
    }
  }

  summary(actions: readonly BotAction[], notes: readonly ReceiverNote[], seconds: number): void {
    const count = (type: BotAction['type']) => actions.filter((a) => a.type === type).length;
    const noted = (outcome: ReceiverNote['outcome']) => notes.filter((n) => n.outcome === outcome).length;
    this.write('');
    this.write(
      `Done in ${seconds.toFixed(1)} s: ${count('answered')} answered from the knowledge base, ` +
        `${count('escalated')} escalated to a human, ${count('skipped')} skipped; ` +
        `${noted('verified')} webhook deliveries verified, ${noted('failed')} answered HTTP 500, ` +
        `${noted('duplicate')} duplicate ignored.`,
    );
  }
}
