/** One visitor message of the demo, and what should happen to it. */
import type { BotAction } from '../actions';

export interface Scene {
  /** A visitor of the demo workspace. */
  visitor: string;
  subject: string;
  says: string;
  /** Why the bot should do what it does, as the narrative announces it. */
  expect: string;
  /** The bot's last action on the conversation; anything else fails the demo (exit 1). */
  outcome: Extract<BotAction['type'], 'answered' | 'escalated' | 'skipped'>;
  /** Another automation holds the visitor's open conversation when they write (a claim conflict). */
  heldBy?: string;
  /**
   * The receiver answers HTTP 500 to every delivery of this event type until the demo's retries run
   * out, so the delivery ends `failed`; then it is fixed and an operator replays the delivery.
   */
  receiverDownFor?: string;
}

export const SCENES: readonly Scene[] = [
  {
    visitor: 'Priya Raman',
    subject: 'Password reset email',
    says: 'I asked for a password reset link twice but the email never arrives.',
    expect: 'the knowledge base has the answer',
    outcome: 'answered',
  },
  {
    visitor: 'Marcus Chen',
    subject: 'Invoice question',
    says: 'Can I talk to a human about our last invoice?',
    expect: 'the visitor asks for a human',
    outcome: 'escalated',
  },
  {
    visitor: 'Tomás Herrera',
    subject: 'Where is my order?',
    says: 'Any news on order 2291?',
    expect: 'another automation holds the conversation',
    outcome: 'skipped',
    heldBy: 'triage-bot',
  },
  {
    visitor: 'Lena Fischer',
    subject: 'Dark mode',
    says: 'Do you have a dark mode for the dashboard?',
    expect: "nothing in the knowledge base covers it; the receiver's help desk is down",
    outcome: 'escalated',
    receiverDownFor: 'conversation.escalated',
  },
];
