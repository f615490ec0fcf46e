// Compares two subtrees node by node (data and ACL) and finds what only one side has, streamed
// through walkTree with both ensembles read behind bounded windows. Ephemeral nodes are ignored
// on both sides (copy never copies them), and so is ZooKeeper's own /zookeeper.
import type { Acl, Stat } from '../zk/types.js';
import type { BulkClient } from './remote/protocol.js';
import { aclText, sameAcl, sameData } from './acls.js';
import { walkTree } from './streamingWalk.js';
import type { TreeEstimate } from './treeEstimate.js';
import { childPath, isZkCode, WindowedClient } from './windowedClient.js';

export interface VerifyOptions {
  window: number;
  /** Compare ACLs too (default). */
  acls: boolean;
  /** How many paths to keep per kind of difference, for the report. */
  sampleLimit: number;
  /** Fed with the shape of the walk (a progress total without a second walk). */
  estimate?: TreeEstimate;
  signal?: AbortSignal;
  /** Called once per node examined on either side (progress). */
  onNode?: () => void;
}

export type DifferenceKind = 'missing' | 'extra' | 'dataDiffers' | 'aclDiffers';

export interface VerifyCounts {
  /** Nodes present on both sides and compared. */
  compared: number;
  /** On the source only (a missing subtree counts every node in it). */
  missing: number;
  /** On the target only. */
  extra: number;
  dataDiffers: number;
  aclDiffers: number;
  ephemeralsSkipped: number;
}

export interface Difference {
  kind: DifferenceKind;
  /** Source-side path (target-side for `extra`). */
  path: string;
  detail?: string;
}

export interface VerifyResult {
  counts: VerifyCounts;
  /** The first `sampleLimit` differences of each kind, in walk order. */
  samples: Difference[];
  equal: boolean;
  cancelled: boolean;
}

type VerifyNode =
  | { kind: 'both'; src: string; dst: string }
  | { kind: 'missing'; src: string }
  | { kind: 'extra'; dst: string };

export async function verifyTree(source: BulkClient, srcRoot: string, target: BulkClient, dstRoot: string, opts: VerifyOptions): Promise<VerifyResult> {
  return new TreeVerify(source, target, opts).run(srcRoot, dstRoot);
}

class TreeVerify {
  private readonly log: DifferenceLog;
  private readonly counts: VerifyCounts;
  private readonly src: WindowedClient;
  private readonly dst: WindowedClient;

  constructor(
    source: BulkClient,
    target: BulkClient,
    private readonly opts: VerifyOptions,
  ) {
    this.src = new WindowedClient(source, opts.window);
    this.dst = new WindowedClient(target, opts.window);
    this.log = new DifferenceLog(opts.sampleLimit);
    this.counts = this.log.counts;
  }

  async run(srcRoot: string, dstRoot: string): Promise<VerifyResult> {
    const outcome = await walkTree<VerifyNode>([{ kind: 'both', src: srcRoot, dst: dstRoot }], {
      visit: async (node, expose) => {
        try {
          if (node.kind === 'both') await this.compare(node.src, node.dst, expose);
          else if (node.kind === 'missing') await this.oneSided(this.src, node.src, 'missing', expose);
          else await this.oneSided(this.dst, node.dst, 'extra', expose);
        } finally {
          this.opts.onNode?.();
        }
      },
    }, { maxActive: this.opts.window * 2, signal: this.opts.signal, ...(this.opts.estimate ? { estimate: this.opts.estimate } : {}) });
    return this.log.result(outcome.cancelled);
  }

  private note(kind: DifferenceKind, path: string, detail?: string): void {
    this.log.note(kind, path, detail);
  }

  private async compare(srcPath: string, dstPath: string, expose: (children: VerifyNode[]) => void): Promise<void> {
    const [left, right] = await Promise.all([this.read(this.src, srcPath), this.read(this.dst, dstPath)]);
    if (left === null) {
      // Gone from the source while we looked: whatever the target holds there is now extra.
      if (right !== null) return this.oneSided(this.dst, dstPath, 'extra', expose);
      return;
    }
    if (isEphemeral(left.stat)) {
      this.counts.ephemeralsSkipped += 1;
      return;
    }
    if (right === null) return this.oneSided(this.src, srcPath, 'missing', expose);
    if (isEphemeral(right.stat)) {
      // A live session's node on the target where the source has data: report it as missing.
      this.counts.ephemeralsSkipped += 1;
      return this.oneSided(this.src, srcPath, 'missing', expose);
    }
    this.log.compare(srcPath, left, right, this.opts.acls);
    const [srcKids, dstKids] = await Promise.all([this.children(this.src, srcPath, left.stat), this.children(this.dst, dstPath, right.stat)]);
    const onTarget = new Set(dstKids);
    const nodes: VerifyNode[] = [];
    for (const name of srcKids) {
      if (onTarget.delete(name)) nodes.push({ kind: 'both', src: childPath(srcPath, name), dst: childPath(dstPath, name) });
      else nodes.push({ kind: 'missing', src: childPath(srcPath, name) });
    }
    for (const name of onTarget) nodes.push({ kind: 'extra', dst: childPath(dstPath, name) });
    expose(nodes);
  }

  /** A node only one side has: counted with its whole (non-ephemeral) subtree. */
  private async oneSided(side: WindowedClient, path: string, kind: 'missing' | 'extra', expose: (children: VerifyNode[]) => void): Promise<void> {
    const stat = await side.exists(path);
    if (stat === null) return;
    if (isEphemeral(stat)) {
      this.counts.ephemeralsSkipped += 1;
      return;
    }
    this.note(kind, path);
    const names = await this.children(side, path, stat);
    expose(names.map((name) => (kind === 'missing' ? { kind, src: childPath(path, name) } : { kind, dst: childPath(path, name) })));
  }

  private async read(side: WindowedClient, path: string): Promise<{ data: Buffer | null; stat: Stat; acl: Acl[] | null } | null> {
    try {
      const [got, acl] = await Promise.all([side.get(path), this.opts.acls ? side.getAcl(path) : Promise.resolve(null)]);
      return { data: got.data, stat: got.stat, acl: acl?.acl ?? null };
    } catch (e) {
      if (isZkCode(e, 'NoNode')) return null;
      throw e;
    }
  }

  private async children(side: WindowedClient, path: string, stat: Stat): Promise<string[]> {
    if (stat.numChildren === 0) return [];
    try {
      const { children } = await side.getChildren(path);
      return path === '/' ? children.filter((c) => c !== 'zookeeper') : children;
    } catch (e) {
      if (isZkCode(e, 'NoNode')) return [];
      throw e;
    }
  }
}

/** The counts and the first `sampleLimit` differences of each kind, shared by both verify engines. */
export class DifferenceLog {
  readonly counts: VerifyCounts = { compared: 0, missing: 0, extra: 0, dataDiffers: 0, aclDiffers: 0, ephemeralsSkipped: 0 };
  private readonly samples: Difference[] = [];
  private readonly sampled: Record<DifferenceKind, number> = { missing: 0, extra: 0, dataDiffers: 0, aclDiffers: 0 };

  constructor(private readonly sampleLimit: number) {}

  note(kind: DifferenceKind, path: string, detail?: string): void {
    this.counts[kind] += 1;
    if (this.sampled[kind] >= this.sampleLimit) return;
    this.sampled[kind] += 1;
    this.samples.push(detail === undefined ? { kind, path } : { kind, path, detail });
  }

  /** A node both sides have: data, and the ACLs when both were read. */
  compare(path: string, left: { data: Buffer | null; acl: Acl[] | null }, right: { data: Buffer | null; acl: Acl[] | null }, acls: boolean): void {
    this.counts.compared += 1;
    if (!sameData(left.data, right.data)) this.note('dataDiffers', path, `${byteLength(left.data)} bytes vs ${byteLength(right.data)} bytes`);
    if (acls && left.acl !== null && right.acl !== null && !sameAcl(left.acl, right.acl)) {
      this.note('aclDiffers', path, `${aclText(left.acl)} vs ${aclText(right.acl)}`);
    }
  }

  result(cancelled: boolean): VerifyResult {
    const c = this.counts;
    const equal = c.missing + c.extra + c.dataDiffers + c.aclDiffers === 0;
    return { counts: c, samples: this.samples, equal, cancelled };
  }
}

function isEphemeral(stat: Stat): boolean {
  return stat.ephemeralOwner !== '0';
}

function byteLength(data: Buffer | null): string {
  return data === null ? 'null' : String(data.length);
}
