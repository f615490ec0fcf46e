// The tree tools (tree, find, grep, du) against a real ZooKeeper: a small fixed tree with text,
// binary and null data, bad input, NoAuth nodes, Ctrl-C on a bigger tree, and one run of the
// built binary in exec mode (`npm run build` first).
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { treeCommands } from '../../src/commands/tree/index.js';
import { excerpt, haystack } from '../../src/commands/tree/excerpt.js';
import { globToRegExp } from '../../src/commands/tree/glob.js';
import { humanSize } from '../../src/util/humanSize.js';
import { useSandbox } from '../helpers/sandbox.js';
import { ShellHarness } from './harness.js';

const CLI = fileURLToPath(new URL('../../build/cli.js', import.meta.url));
const sandbox = useSandbox({ nodes: 1 });
let h: ShellHarness;

const BINARY = Buffer.from([0x00, 0x01, 0xff, 0x6b, 0x65, 0x79, 0x3d, 0x5c, 0x02, 0x80]); // \0 \1 \xff key=\ \2 \x80
const LONG = `${'a'.repeat(40)}NEEDLE${'b'.repeat(40)}`;

// name → data (null: ZooKeeper's null data)
const FIXTURE: [string, Buffer | null][] = [
  ['/tt', null],
  ['/tt/alpha', Buffer.from('hello world')],
  ['/tt/beta', null],
  ['/tt/beta/b1', Buffer.from('Host=zk1.example.com:2181')],
  ['/tt/beta/b2', BINARY],
  ['/tt/beta/b2/deep', Buffer.from('x')],
  ['/tt/config.json', Buffer.from('{"name":"pegasus",\n"meta":"10.0.0.1:34601"}')],
  ['/tt/gamma', Buffer.alloc(3000, 0x61)],
  ['/tt/gamma/g1', Buffer.from(LONG)],
  ['/tt/gamma/g2', Buffer.from('line1\nline2 ERROR here\tend')],
  ['/tt/empty', Buffer.alloc(0)],
];

beforeAll(async () => {
  h = await ShellHarness.open(sandbox().connectString);
  h.registry.registerAll(treeCommands());
  for (const [path, data] of FIXTURE) await h.client.create(path, data);
});
afterAll(async () => {
  await h?.close();
});

function lines(...text: string[]): string[] {
  return text;
}

describe('tree', () => {
  it('draws the subtree with connectors, children sorted, and counts the nodes', async () => {
    expect(await h.run('tree /tt')).toMatchObject({
      code: 0,
      err: [],
      out: lines(
        '/tt',
        '├── alpha',
        '├── beta',
        '│   ├── b1',
        '│   └── b2',
        '│       └── deep',
        '├── config.json',
        '├── empty',
        '└── gamma',
        '    ├── g1',
        '    └── g2',
        '',
        '11 nodes',
      ),
    });
  });

  it('stops at -d levels; -d 0 is the node alone', async () => {
    expect((await h.run('tree /tt -d 1')).out).toEqual(['/tt', '├── alpha', '├── beta', '├── config.json', '├── empty', '└── gamma', '', '6 nodes']);
    expect((await h.run('tree -d 2 /tt/beta')).out).toEqual(['/tt/beta', '├── b1', '└── b2', '    └── deep', '', '4 nodes']);
    expect(await h.run('tree /tt/gamma -d 0')).toMatchObject({ code: 0, out: ['/tt/gamma', '', '1 node'], err: [] });
    expect((await h.run('tree /tt/alpha')).out).toEqual(['/tt/alpha', '', '1 node']);
  });

  it('reports bad input in one line', async () => {
    expect(await h.run('tree')).toMatchObject({ code: 1, out: [], err: ['tree path [-d depth]'] });
    expect(await h.run('tree /tt /tt')).toMatchObject({ code: 1, err: ['tree path [-d depth]'] });
    expect(await h.run('tree tt')).toMatchObject({ code: 1, err: ['Path must start with / character'] });
    expect(await h.run('tree /tt/')).toMatchObject({ code: 1, err: ['Path must not end with / character'] });
    expect(await h.run('tree /missing')).toMatchObject({ code: 1, out: [], err: ['Node does not exist: /missing'] });
    expect(await h.run('tree /missing -d 0')).toMatchObject({ code: 1, out: [], err: ['Node does not exist: /missing'] });
    expect(await h.run('tree -x /tt')).toMatchObject({ code: 1, err: ['org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -x'] });
    expect(await h.run('tree /tt -d')).toMatchObject({ code: 1, err: ['org.apache.commons.cli.MissingArgumentException: Missing argument for option: d'] });
    expect(await h.run('tree /tt -d two')).toMatchObject({ code: 1, err: ['tree: -d must be a whole number (0 or more), got "two"'] });
  });

  it('has help and declares its options for completion', async () => {
    const r = await h.run('help tree');
    expect(r.code).toBe(0);
    expect(r.out.slice(0, 3)).toEqual(['usage: tree path [-d depth]', '', 'Show a subtree as an indented tree (-d: levels to show)']);
    expect(r.out).toContain('  -d <depth>  levels below the node to show (0: the node alone)');
    for (const name of ['find', 'grep', 'du']) expect((await h.run(`help ${name}`)).out[0]).toBe(`usage: ${h.registry.get(name)!.name} ${h.registry.get(name)!.usage}`);
    expect(h.registry.get('grep')!.options!.map((o) => o.flag)).toEqual(['i', 'l']);
    expect(h.registry.get('tree')!.args).toEqual(['path']);
  });
});

describe('find', () => {
  it('matches the last component with a glob, in tree order', async () => {
    expect(await h.run('find /tt *a*')).toMatchObject({ code: 0, out: ['/tt/alpha', '/tt/beta', '/tt/gamma'], err: [] });
    expect((await h.run('find /tt g?')).out).toEqual(['/tt/gamma/g1', '/tt/gamma/g2']);
    expect((await h.run('find /tt b[12]')).out).toEqual(['/tt/beta/b1', '/tt/beta/b2']);
    expect((await h.run('find /tt [!abcg]*')).out).toEqual(['/tt', '/tt/beta/b2/deep', '/tt/empty']);
    expect((await h.run('find /tt *.json')).out).toEqual(['/tt/config.json']);
    // The root is tested too; `/` has no name, and /zookeeper is walked as ls -R walks it.
    expect((await h.run('find /tt tt')).out).toEqual(['/tt']);
    expect((await h.run('find / zookeeper')).out).toEqual(['/zookeeper']);
  });

  it('takes a JavaScript regular expression with -r (unanchored)', async () => {
    expect(await h.run('find -r /tt ^g\\d$')).toMatchObject({ code: 0, out: ['/tt/gamma/g1', '/tt/gamma/g2'] });
    expect((await h.run('find /tt e -r')).out).toEqual(['/tt/beta', '/tt/beta/b2/deep', '/tt/empty']);
  });

  it('prints nothing and exits 1 when nothing matches', async () => {
    expect(await h.run('find /tt nothing*')).toMatchObject({ code: 1, out: [], err: [] });
    expect(await h.run('find -r /tt ^B')).toMatchObject({ code: 1, out: [], err: [] });
  });

  it('reports bad input in one line', async () => {
    expect(await h.run('find -r /tt (')).toMatchObject({ code: 1, out: [], err: ['find: bad pattern: Invalid regular expression: /(/: Unterminated group'] });
    expect(await h.run('find /tt [z-a]')).toMatchObject({ code: 1, out: [] });
    expect((await h.run('find /tt [z-a]')).err).toHaveLength(1);
    expect((await h.run('find /tt [z-a]')).err[0]).toMatch(/^find: bad pattern: /);
    expect(await h.run('find /tt')).toMatchObject({ code: 1, err: ['find [-r] path pattern'] });
    expect(await h.run('find /nope x')).toMatchObject({ code: 1, err: ['Node does not exist: /nope'] });
  });
});

describe('grep', () => {
  it('prints each matching node with a short escaped excerpt, in tree order', async () => {
    expect(await h.run('grep /tt e')).toMatchObject({
      code: 0,
      err: [],
      out: [
        '/tt/alpha: hello world',
        '/tt/beta/b1: Host=zk1.example.com:2181',
        '/tt/beta/b2: \\x00\\x01\\xffkey=\\\\\\x02\\x80',
        '/tt/config.json: {"name":"pegasus",\\n"meta":"10.0.0.1:34601"}',
        '/tt/gamma/g2: line1\\nline2 ERROR here\\tend',
      ],
    });
  });

  it('cuts long data around the match to 60 columns', async () => {
    expect((await h.run('grep /tt/gamma NEEDLE')).out).toEqual([`/tt/gamma/g1: …${'a'.repeat(27)}NEEDLE${'b'.repeat(27)}…`]);
    expect((await h.run('grep /tt/gamma a+')).out).toEqual([`/tt/gamma: ${'a'.repeat(60)}…`, `/tt/gamma/g1: ${'a'.repeat(40)}NEEDLE${'b'.repeat(14)}…`]);
  });

  it('-i ignores case, -l prints paths only', async () => {
    expect((await h.run('grep /tt error')).code).toBe(1);
    expect((await h.run('grep -i /tt error')).out).toEqual(['/tt/gamma/g2: line1\\nline2 ERROR here\\tend']);
    expect(await h.run('grep -l -i /tt HOST|KEY')).toMatchObject({ code: 0, out: ['/tt/beta/b1', '/tt/beta/b2'] });
    expect((await h.run('grep -il /tt pegasus')).out).toEqual(['/tt/config.json']);
  });

  it('searches binary data as bytes and shows them as \\xHH', async () => {
    expect((await h.run('grep /tt \\x00\\x01')).out).toEqual(['/tt/beta/b2: \\x00\\x01\\xffkey=\\\\\\x02\\x80']);
    expect((await h.run('grep -l /tt \\xff')).out).toEqual(['/tt/beta/b2']);
  });

  it('never matches null data; empty data is searched as empty text', async () => {
    expect(await h.run('grep -l /tt ^')).toMatchObject({
      code: 0,
      out: ['/tt/alpha', '/tt/beta/b1', '/tt/beta/b2', '/tt/beta/b2/deep', '/tt/config.json', '/tt/empty', '/tt/gamma', '/tt/gamma/g1', '/tt/gamma/g2'],
    });
    expect(await h.run('grep /tt/beta ^$')).toMatchObject({ code: 1, out: [], err: [] });
  });

  it('exits 1 on no match and reports bad input in one line', async () => {
    expect(await h.run('grep /tt zzz')).toMatchObject({ code: 1, out: [], err: [] });
    expect(await h.run('grep /tt [')).toMatchObject({ code: 1, err: ['grep: bad pattern: Invalid regular expression: /[/: Unterminated character class'] });
    expect(await h.run('grep /tt')).toMatchObject({ code: 1, err: ['grep [-i] [-l] path pattern'] });
    expect(await h.run('grep -v /tt x')).toMatchObject({ code: 1, err: ['org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -v'] });
    expect(await h.run('grep /nope x')).toMatchObject({ code: 1, err: ['Node does not exist: /nope'] });
  });
});

describe('du', () => {
  it('sums nodes and bytes per child, biggest first, then the total', async () => {
    expect(await h.run('du /tt')).toMatchObject({
      code: 0,
      err: [],
      out: [
        '   size  nodes  path',
        '3.0 KiB      3  /tt/gamma',
        '   43 B      1  /tt/config.json',
        '   36 B      4  /tt/beta',
        '   11 B      1  /tt/alpha',
        '    0 B      1  /tt/empty',
        '3.1 KiB     11  /tt (total)',
      ],
    });
    expect((await h.run('du /tt/alpha')).out).toEqual(['size  nodes  path', '11 B      1  /tt/alpha (total)']);
  });

  it('reports bad input in one line', async () => {
    expect(await h.run('du')).toMatchObject({ code: 1, err: ['du path'] });
    expect(await h.run('du /nope')).toMatchObject({ code: 1, out: [], err: ['Node does not exist: /nope'] });
    expect(await h.run('du /tt/x/')).toMatchObject({ code: 1, err: ['Path must not end with / character'] });
  });

  it('formats sizes', () => {
    expect([0, 1023, 1024, 1536, 3113, 1048576, 5 * 1024 ** 3].map(humanSize)).toEqual(['0 B', '1023 B', '1.0 KiB', '1.5 KiB', '3.0 KiB', '1.0 MiB', '5.0 GiB']);
  });
});

describe('nodes we may not read', () => {
  it('are reported once each on stderr and the walk goes on', async () => {
    await h.client.create('/acl', null);
    await h.client.create('/acl/closed', Buffer.from('abc'));
    await h.client.create('/acl/closed/inner', Buffer.from('hidden'));
    await h.client.create('/acl/open', Buffer.from('abc'));
    await h.client.setAcl('/acl/closed', [{ scheme: 'world', id: 'anyone', perms: 8 }]);
    const denied = ['Insufficient permission : /acl/closed'];
    expect(await h.run('tree /acl')).toMatchObject({ code: 0, out: ['/acl', '├── closed', '└── open', '', '3 nodes'], err: denied });
    expect(await h.run('find /acl *')).toMatchObject({ code: 0, out: ['/acl', '/acl/closed', '/acl/open'], err: denied });
    expect(await h.run('grep /acl abc')).toMatchObject({ code: 0, out: ['/acl/open: abc'], err: denied });
    // Its own size comes from its stat, which needs no permission.
    expect(await h.run('du /acl')).toMatchObject({ code: 0, out: ['size  nodes  path', ' 3 B      1  /acl/closed', ' 3 B      1  /acl/open', ' 6 B      3  /acl (total)'], err: denied });
  });
});

describe('a bigger tree', () => {
  const groups = Array.from({ length: 10 }, (_, g) => `g${g}`);
  const leaves = Array.from({ length: 100 }, (_, n) => `n${n}`);

  beforeAll(async () => {
    const zk = h.client;
    await zk.create('/big', null);
    await Promise.all(groups.map((g) => zk.create(`/big/${g}`, null)));
    const paths = groups.flatMap((g) => leaves.map((n) => `/big/${g}/${n}`));
    let next = 0;
    await Promise.all(
      Array.from({ length: 100 }, async () => {
        while (next < paths.length) await zk.create(paths[next++]!, Buffer.from('x'));
      }),
    );
  });

  it('keeps sorted order across read-ahead windows', async () => {
    const expected = groups.flatMap((g) => [...leaves].sort().filter((n) => n.startsWith('n9') && n.length === 3).map((n) => `/big/${g}/${n}`));
    expect(await h.run('find /big n9?')).toMatchObject({ code: 0, out: expected, err: [] });
    expect((await h.run('tree /big')).out.slice(-2)).toEqual(['', '1011 nodes']);
    expect((await h.run('du /big')).out.slice(-1)).toEqual(['1000 B   1011  /big (total)']);
  });

  // Ctrl-C as soon as the walk has printed a line under /big/g1: deterministic, no sleeps.
  async function cancelled(line: string, trigger: (text: string) => boolean) {
    const off = h.bus.on('output', (e) => {
      if (e.line.stream === 'stdout' && trigger(e.line.text)) h.shell.cancel();
    });
    try {
      return await h.run(line);
    } finally {
      off();
    }
  }

  it('stops on Ctrl-C, keeping what it printed', async () => {
    const r = await cancelled('find /big *', (t) => t.startsWith('/big/g1/'));
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    const m = /^find cancelled after (\d+) nodes$/.exec(r.err[0]!);
    expect(m).not.toBeNull();
    const visited = Number(m![1]);
    expect(visited).toBeLessThan(1011);
    expect(r.out).toHaveLength(visited); // every node visited matched `*`, and nothing came after
    expect(r.out.slice(0, 3)).toEqual(['/big', '/big/g0', '/big/g0/n0']);
    expect(r.out).toContain('/big/g1/n0');

    const t = await cancelled('tree /big', (text) => text.includes('g1'));
    expect(t.code).toBe(1);
    expect(t.err[0]).toMatch(/^tree cancelled after \d+ nodes$/);
    expect(t.out).not.toContain('1011 nodes');
    // The session is fine afterwards.
    expect((await h.run('du /big/g9')).code).toBe(0);
  });
});

describe('unit: patterns and excerpts', () => {
  it('globs match whole names', () => {
    expect(globToRegExp('a*').test('abc')).toBe(true);
    expect(globToRegExp('a*').test('bab')).toBe(false);
    expect(globToRegExp('?').test('')).toBe(false);
    expect(globToRegExp('[^a]x').test('bx')).toBe(true);
    expect(globToRegExp('[]]').test(']')).toBe(true);
    expect(globToRegExp('[ab').test('[ab')).toBe(true);
    expect(globToRegExp('\\*').test('*')).toBe(true);
    expect(globToRegExp('\\*').test('x')).toBe(false);
    expect(globToRegExp('a.b(c)').test('a.b(c)')).toBe(true);
    expect(globToRegExp('a.b').test('axb')).toBe(false);
  });

  it('escapes control and invisible characters, keeps surrogate pairs whole', () => {
    const text = haystack(Buffer.from('a\u0007b\u200bc😀d\\'));
    expect(text.binary).toBe(false);
    expect(excerpt(text, 0, text.text.length)).toBe('a\\x07b\\u{200b}c😀d\\\\');
    const emoji = '😀'.repeat(40);
    const at = 40; // the 21st emoji
    expect(excerpt(haystack(Buffer.from(emoji)), at, at + 2, 10)).toBe(`…${'😀'.repeat(5)}…`);
  });

  it('treats invalid UTF-8 and NUL bytes as binary', () => {
    expect(haystack(Buffer.from([0xc3, 0x28])).binary).toBe(true);
    expect(haystack(Buffer.from('a\u0000b')).binary).toBe(true);
    expect(haystack(Buffer.from('héllo')).binary).toBe(false);
  });
});

describe('exec mode', () => {
  it('prints the same lines from the built binary, with grep-like exit codes', async () => {
    const run = (...args: string[]) => execa(process.execPath, [CLI, '-server', sandbox().connectString, ...args], { reject: false, timeout: 30_000 });
    const tree = await run('tree', '/tt/beta');
    expect(tree.exitCode).toBe(0);
    expect(tree.stdout).toBe(['/tt/beta', '├── b1', '└── b2', '    └── deep', '', '4 nodes'].join('\n'));
    const none = await run('grep', '/tt', 'no-such-text');
    expect(none.exitCode).toBe(1);
    expect(none.stdout).toBe('');
  });
});
