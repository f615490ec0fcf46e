// Tab after `runbook start`: the runbook ids, then the parameters not given yet, and for Z4's
// `new=` the running non-voting followers as their own conf lists them — the servers an
// operator started for the migration, ready to paste as one value.
import { describe, expect, it } from 'vitest';
import { runbookCommands } from '../../src/commands/runbook/index.js';
import { RunbookEngine } from '../../src/runbooks/engine.js';
import { ZK_RUNBOOKS } from '../../src/runbooks/library/index.js';
import { Completer } from '../../src/shell/completion.js';
import { CommandRegistry } from '../../src/shell/registry.js';
import { fixedModel, list, snap, spec, view } from './fixtures.js';
import { formatServerSpec } from '../../src/zk/dynamicConfig.js';

function completerOver(nodes: Parameters<typeof snap>[0]) {
  const engine = new RunbookEngine({ model: fixedModel(snap(nodes)), library: ZK_RUNBOOKS, emit: () => undefined, save: () => undefined });
  const registry = new CommandRegistry();
  registry.registerAll(runbookCommands(() => engine));
  const completer = new Completer(registry, () => null);
  return async (line: string) => (await completer.complete(line, line.length)).candidates.map((c) => c.value);
}

const members = [view(1, 'follower', list(1, 2, 3)), view(2, 'leader', list(1, 2, 3)), view(3, 'follower', list(1, 2, 3))];

describe('runbook start completion', () => {
  it('offers the runbook ids, then the parameters not given yet', async () => {
    const complete = completerOver(members);
    expect(await complete('runbook start ')).toEqual(expect.arrayContaining(['Z1', 'Z4', 'Z5']));
    expect(await complete('runbook start Z4 ')).toEqual(['new=', 'user=']);
    expect(await complete('runbook start Z4 new=x ')).toEqual(['user=']);
    expect(await complete('runbook start Z9 ')).toEqual([]);
    expect((await complete('runbook st')).slice(0, 2)).toEqual(['start', 'status']); // prefix matches first
  });

  it("offers Z4's new= as the running non-voting followers, in id order, each as its conf lists it", async () => {
    // Joiners 5 and 4 follow (their conf lists the leader's membership; their own line comes from
    // their settings); server 7 is down and not offered.
    const complete = completerOver([
      ...members,
      { ...view(5, 'non-voting', list(1, 2, 3), false), ownSpec: spec(5) },
      { ...view(4, 'non-voting', list(1, 2, 3), false), ownSpec: spec(4) },
      { ...view(7, 'down', null, false), ownSpec: spec(7) },
    ]);
    const joined = [spec(4), spec(5)].map(formatServerSpec).join(',');
    expect(joined).toBe('server.4=127.0.0.1:24881:24882:participant;127.0.0.1:24181,server.5=127.0.0.1:25881:25882:participant;127.0.0.1:25181');
    // The suggestion alone, so one Tab takes it; `user=` still has no value to offer.
    expect(await complete('runbook start Z4 n')).toEqual([`new=${joined}`]);
    expect(await complete('runbook start Z4 ')).toEqual([`new=${joined}`, 'user=']);
    // Z2 adds one server: each joiner on its own; Z3 pairs a joiner with the voter it replaces.
    expect(await complete('runbook start Z2 ')).toEqual([`new=${formatServerSpec(spec(4))}`, `new=${formatServerSpec(spec(5))}`]);
    expect(await complete('runbook start Z3 ')).toEqual([1, 2, 3].flatMap((old) => [4, 5].map((id) => `replace=${old}:${formatServerSpec(spec(id))}`)));
  });
});
