import type { Command } from 'commander';
import type { Context } from '../context';

/** What a command module exports: it adds its command (a noun with its verbs) to the program. */
export interface CommandModule {
  register(program: Command, context: () => Context): void;
}

export interface CommandEntry {
  name: string;
  summary: string;
  group: 'Account' | 'Conversations' | 'Knowledge base' | 'Webhooks and events' | 'Tools';
  load(): Promise<CommandModule>;
}

/**
 * Every top-level command, in help order. Only the module of the command being run is imported:
 * `opencom --help` and `opencom --version` load none of them (and so neither the SDK nor the prompts).
 */
export const commands: CommandEntry[] = [
  {
    name: 'login',
    group: 'Account',
    summary: 'store an API key for a profile (verified with the API first)',
    load: () => import('./login'),
  },
  {
    name: 'logout',
    group: 'Account',
    summary: "remove a profile's stored key",
    load: () => import('./logout'),
  },
  {
    name: 'whoami',
    group: 'Account',
    summary: 'show the credential in use: name, actor, scopes, workspace',
    load: () => import('./whoami'),
  },
  {
    name: 'conversations',
    group: 'Conversations',
    summary: 'list, show and update conversations',
    load: () => import('./conversations'),
  },
  {
    name: 'messages',
    group: 'Conversations',
    summary: "list a conversation's messages and send one",
    load: () => import('./messages'),
  },
  {
    name: 'claims',
    group: 'Conversations',
    summary: 'claim a conversation for a lease, renew, release, escalate, hold',
    load: () => import('./claims'),
  },
  {
    name: 'visitors',
    group: 'Conversations',
    summary: 'list, show, create, update and upsert visitors',
    load: () => import('./visitors'),
  },
  {
    name: 'tickets',
    group: 'Conversations',
    summary: 'list, show, create and update tickets and their comments',
    load: () => import('./tickets'),
  },
  {
    name: 'outbound',
    group: 'Conversations',
    summary: 'outbound messages: list, show, create, update, activate, pause',
    load: () => import('./outbound'),
  },
  {
    name: 'articles',
    group: 'Knowledge base',
    summary: 'manage articles; import and export a Markdown folder',
    load: () => import('./articles'),
  },
  {
    name: 'collections',
    group: 'Knowledge base',
    summary: 'manage the collections articles are filed in',
    load: () => import('./collections'),
  },
  {
    name: 'webhooks',
    group: 'Webhooks and events',
    summary: 'webhook subscriptions, deliveries and replay',
    load: () => import('./webhooks'),
  },
  {
    name: 'events',
    group: 'Webhooks and events',
    summary: 'list the event feed, tail it, forward it to a local receiver',
    load: () => import('./events'),
  },
  {
    name: 'mock',
    group: 'Tools',
    summary: 'run the reference server locally with demo data',
    load: () => import('./mock'),
  },
  { name: 'api', group: 'Tools', summary: 'make an authenticated API request', load: () => import('./api') },
  {
    name: 'completion',
    group: 'Tools',
    summary: 'print a shell completion script (bash, zsh, fish)',
    load: () => import('./completion'),
  },
];
