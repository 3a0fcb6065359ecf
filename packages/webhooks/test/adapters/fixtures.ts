import { generateTestHeadersSync } from '../../src/sign.js';

export const secret = 'whsec_jyD4TM0GxBuknCvF28aVaoSR3OaNwJL4lAIGBTeaYmIbZVJz';

export const event = {
  id: 'evt_1',
  type: 'conversation.created',
  createdAt: 1_700_000_000_000,
  workspaceId: 'ws_1',
  resource: { type: 'conversation', id: 'conv_1' },
  data: { id: 'conv_1', status: 'open' },
};

export const body = JSON.stringify(event);

/** Headers of a delivery of `body` signed now with `secret`. */
export const signedHeaders = (payload = body, id = event.id) =>
  generateTestHeadersSync({ body: payload, secret, id });
