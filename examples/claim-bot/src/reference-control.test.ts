import { createMockServer } from '@opencom/mock-server';
import { describe, expect, it } from 'vitest';
import { answer, referenceControl } from './reference-control';

describe('referenceControl', () => {
  it('throws on a refused control call with its status and problem, instead of returning an error', async () => {
    const control = referenceControl(createMockServer());
    await expect(
      control.POST('/__control/conversations', {
        body: { workspaceId: 'ws_missing', channel: 'chat', content: 'Hi' },
      }),
    ).rejects.toThrow(/^control POST \/__control\/conversations → 404: .*"code":"/);
  });

  it('answers with the body of an accepted call', async () => {
    const control = referenceControl(createMockServer());
    const seeded = answer(await control.POST('/__control/seed', { body: { preset: 'demo' } }));
    expect(seeded.workspace.id).toMatch(/^ws_/);
  });
});
