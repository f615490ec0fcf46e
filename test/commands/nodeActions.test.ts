// Node actions from a profile's templates for static membership changes: `config` gets the server
// lines as {members} (one shell word each), `wipe` runs the operator's own script; a profile
// without them says which key to add, and the checklist step stays a manual one.
import { describe, expect, it } from 'vitest';
import { TemplateNodeActions } from '../../src/commands/nodeActions/templateProvider.js';

const lines = ['server.1=zk1:2888:3888:participant;zk1:2181', 'server.4=zk4:2888:3888:participant;zk4:2181'];

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), signal: new AbortController().signal } };
}

describe('template node actions', () => {
  const actions = new TemplateNodeActions({
    profileName: 'prod-a',
    templates: { config: "printf '%s|' {id} {members}", wipe: 'echo wiping {host} myid {id}' },
    resolve: (id) => (id === 4 ? { host: 'zk4', id: 4, clientPort: 2181 } : null),
  });

  it('expands {members} into one quoted word per server line and runs it', async () => {
    expect(actions.describe('config', 4, { members: lines })).toBe(`printf '%s|' 4 '${lines[0]}' '${lines[1]}'`);
    const run = io();
    expect(await actions.run('config', 4, run.io, { members: lines })).toBe(0);
    expect(run.out).toEqual([`4|${lines[0]}|${lines[1]}|`]);
  });

  it('runs the wipe template', async () => {
    const run = io();
    expect(await actions.run('wipe', 4, run.io)).toBe(0);
    expect(run.out).toEqual(['wiping zk4 myid 4']);
  });

  it('says which key is missing, and when the host is unknown', () => {
    const bare = new TemplateNodeActions({ profileName: 'prod-b', templates: { stop: 'ssh {host} stop' }, resolve: () => ({ host: 'zk1', id: 1, clientPort: 2181 }) });
    expect(bare.describe('config', 1, { members: lines })).toBeNull();
    expect(bare.missing('config', 1)).toBe("profile prod-b has no nodeActions.config (zkpilot profile edit prod-b --node-action config='…')");
    expect(actions.missing('wipe', 7)).toBe('server.7 is not in the ensemble view (no host known)');
  });
});
