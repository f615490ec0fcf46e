// Recursive copy of a subtree between two sessions (two ensembles, or two places in one), streamed
// through walkTree: reads are pipelined on the source, writes on the target, each behind its own
// bounded window. A node is created right after its parent; a restrictive ACL is applied after
// the node's subtree is written (set earlier, it could deny us creating the children).
//
// Target writes travel in multis (writeBatcher.ts), each write still answered on its own.
//
// Re-running resumes: create hits NodeExists, the node is compared and written only if its data
// or ACL differ. Ephemeral nodes are skipped (they belong to a live session on the source);
// sequential names are kept by creating the exact name, and the parent's sequence counter is
// raised past the highest copied suffix so later sequential creates on the target cannot collide.
import type { Acl, Stat } from '../zk/types.js';
import type { BulkClient } from './remote/protocol.js';
import { isOpenAcl, sameAcl, sameData } from './acls.js';
import { walkTree } from './streamingWalk.js';
import type { TreeEstimate } from './treeEstimate.js';
import { DEFAULT_MAX_BATCH_BYTES } from './writeBatcher.js';
import { ancestorsOf, childPath, isZkCode, WindowedClient } from './windowedClient.js';

export interface CopyOptions {
  /** Requests in flight per ensemble. */
  window: number;
  /** Copy ACLs (default); false creates everything world:anyone:cdrwa. */
  acls: boolean;
  /** false (--no-overwrite): an existing target node is left exactly as it is. */
  overwrite: boolean;
  /** Read both sides and count what would change; write nothing. */
  dryRun: boolean;
  /** Raise the target parents' sequence counters past the copied sequential names (default). */
  seqCounters: boolean;
  /** Bytes per multi on the target (0: one request per write). Default: under jute.maxbuffer. */
  maxBatchBytes?: number;
  /** Fed with the source tree's shape as it is read (a progress total without a second walk). */
  estimate?: TreeEstimate;
  signal?: AbortSignal;
  /** Called once per source node handled (progress). */
  onNode?: () => void;
}

export interface CopyCounts {
  /** Source nodes handled (copied, compared or skipped). */
  scanned: number;
  created: number;
  /** Existing target nodes whose data was rewritten. */
  updated: number;
  /** Target nodes whose ACL was (re)applied after being created or found different. */
  aclsSet: number;
  unchanged: number;
  /** --no-overwrite: existing nodes left alone. */
  kept: number;
  ephemeralsSkipped: number;
  /** Deleted on the source while we copied. */
  vanished: number;
  /** Parents whose sequence counter was raised. */
  counterBumps: number;
  /** Missing ancestors of the target root that were created (empty). */
  parentsCreated: number;
}

export interface CopyResult {
  counts: CopyCounts;
  cancelled: boolean;
  /** Sequence counters too far behind to raise (more than MAX_COUNTER_BUMP): path and gap. */
  counterWarnings: string[];
}

/** A gap larger than this is reported instead of closed (it would take that many writes). */
const MAX_COUNTER_BUMP = 100_000;
/** Java's sequential suffix: %010d. */
const SEQUENTIAL_NAME = /\d{10}$/;

interface CopyNode {
  src: string;
  dst: string;
  /** Resolves once the target parent exists. */
  parentReady: Promise<void>;
  /** Resolves once this node exists on the target (its children may then be created). */
  ready: Deferred;
  /** A restrictive ACL applied post-order (after the children), null when nothing is pending. */
  pendingAcl: Acl[] | null;
  /** Highest sequential suffix among the children, -1 when none looks sequential. */
  maxSeq: number;
  /** The source parent's next sequential suffix (children ever created). */
  srcNextSeq: number;
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A failed parent fails the walk on its own; the children's copy of the rejection is not news.
  promise.catch(() => {});
  return { promise, resolve, reject };
}

export function emptyCopyCounts(): CopyCounts {
  return { scanned: 0, created: 0, updated: 0, aclsSet: 0, unchanged: 0, kept: 0, ephemeralsSkipped: 0, vanished: 0, counterBumps: 0, parentsCreated: 0 };
}

export async function copyTree(source: BulkClient, srcRoot: string, target: BulkClient, dstRoot: string, opts: CopyOptions): Promise<CopyResult> {
  return new TreeCopy(source, target, opts).run(srcRoot, dstRoot);
}

class TreeCopy {
  readonly counts = emptyCopyCounts();
  readonly counterWarnings: string[] = [];
  private readonly src: WindowedClient;
  private readonly dst: WindowedClient;

  constructor(
    source: BulkClient,
    target: BulkClient,
    private readonly opts: CopyOptions,
  ) {
    this.src = new WindowedClient(source, opts.window);
    const maxBytes = opts.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES;
    this.dst = new WindowedClient(target, opts.window, maxBytes > 0 ? { maxBytes } : null);
  }

  async run(srcRoot: string, dstRoot: string): Promise<CopyResult> {
    const root: CopyNode = { src: srcRoot, dst: dstRoot, parentReady: this.ensureAncestors(dstRoot), ready: deferred(), pendingAcl: null, maxSeq: -1, srcNextSeq: 0 };
    const outcome = await walkTree([root], {
      visit: (node, expose) => this.visit(node, expose),
      finish: (node) => this.finish(node),
      abandon: (node) => this.applyPendingAcl(node),
    }, {
      // Nodes in progress hold their data: twice the window keeps both sides busy, no more.
      maxActive: this.opts.window * 2,
      signal: this.opts.signal,
      ...(this.opts.estimate ? { estimate: this.opts.estimate } : {}),
    });
    return { counts: this.counts, cancelled: outcome.cancelled, counterWarnings: this.counterWarnings };
  }

  /** mkdir -p for the target root's ancestors (created empty, world-open, as zkCli would). */
  private async ensureAncestors(dstRoot: string): Promise<void> {
    for (const path of ancestorsOf(dstRoot)) {
      if (this.opts.dryRun) {
        if ((await this.dst.exists(path)) === null) this.counts.parentsCreated += 1;
        continue;
      }
      try {
        await this.dst.create(path, null);
        this.counts.parentsCreated += 1;
      } catch (e) {
        if (!isZkCode(e, 'NodeExists')) throw e;
      }
    }
  }

  private async visit(node: CopyNode, expose: (children: CopyNode[]) => void): Promise<void> {
    try {
      await this.copyNode(node, expose);
    } catch (e) {
      node.ready.reject(e);
      throw e;
    } finally {
      this.counts.scanned += 1;
      this.opts.onNode?.();
    }
  }

  private async copyNode(node: CopyNode, expose: (children: CopyNode[]) => void): Promise<void> {
    const read = await this.readSource(node.src);
    if (read === null) {
      this.counts.vanished += 1;
      return;
    }
    if (read.ephemeral) {
      this.counts.ephemeralsSkipped += 1;
      return;
    }
    if (read.children.length > 0) {
      node.maxSeq = highestSequence(read.children);
      node.srcNextSeq = nextSequence(read.stat);
      expose(read.children.map((name) => this.child(node, name)));
    }
    await node.parentReady;
    await this.write(node, read.data, read.acl, read.children.length > 0);
    node.ready.resolve();
  }

  private child(parent: CopyNode, name: string): CopyNode {
    return { src: childPath(parent.src, name), dst: childPath(parent.dst, name), parentReady: parent.ready.promise, ready: deferred(), pendingAcl: null, maxSeq: -1, srcNextSeq: 0 };
  }

  /** Data, ACL and children of a source node; null when it vanished meanwhile. */
  private async readSource(path: string): Promise<{ data: Buffer | null; acl: Acl[] | null; ephemeral: boolean; children: string[]; stat: Stat } | null> {
    try {
      const [got, acl] = await Promise.all([this.src.get(path), this.opts.acls ? this.src.getAcl(path) : Promise.resolve(null)]);
      const ephemeral = got.stat.ephemeralOwner !== '0';
      let children: string[] = [];
      if (!ephemeral && got.stat.numChildren > 0) {
        children = (await this.src.getChildren(path)).children;
        // ZooKeeper's own subtree is the server's business, never data to copy.
        if (path === '/') children = children.filter((c) => c !== 'zookeeper');
      }
      return { data: got.data, acl: acl?.acl ?? null, ephemeral, children, stat: got.stat };
    } catch (e) {
      if (isZkCode(e, 'NoNode')) return null;
      throw e;
    }
  }

  private async write(node: CopyNode, data: Buffer | null, acl: Acl[] | null, hasChildren: boolean): Promise<void> {
    if (this.opts.dryRun) return this.compareOnly(node, data, acl);
    // A leaf takes a restrictive ACL in its create (one op); a parent gets it after its subtree.
    const restrictive = acl !== null && !isOpenAcl(acl);
    try {
      await this.dst.create(node.dst, data, 'persistent', restrictive && !hasChildren ? acl : undefined);
      this.counts.created += 1;
      if (restrictive && hasChildren) node.pendingAcl = acl;
      if (restrictive) this.counts.aclsSet += hasChildren ? 0 : 1;
      return;
    } catch (e) {
      if (!isZkCode(e, 'NodeExists')) throw e;
    }
    if (!this.opts.overwrite) {
      this.counts.kept += 1;
      return;
    }
    const [existing, existingAcl] = await Promise.all([this.dst.get(node.dst), acl !== null ? this.dst.getAcl(node.dst) : Promise.resolve(null)]);
    let changed = false;
    if (!sameData(existing.data, data)) {
      await this.dst.set(node.dst, data);
      this.counts.updated += 1;
      changed = true;
    }
    if (acl !== null && existingAcl !== null && !sameAcl(existingAcl.acl, acl)) {
      await this.applyAcl(node, acl, hasChildren);
      changed = true;
    }
    if (!changed) this.counts.unchanged += 1;
  }

  /** A node with children gets its ACL after them: the ACL may deny us creating them. */
  private async applyAcl(node: CopyNode, acl: Acl[], hasChildren: boolean): Promise<void> {
    if (hasChildren) {
      node.pendingAcl = acl;
      return;
    }
    await this.dst.setAcl(node.dst, acl);
    this.counts.aclsSet += 1;
  }

  private async compareOnly(node: CopyNode, data: Buffer | null, acl: Acl[] | null): Promise<void> {
    let existing;
    try {
      existing = await this.dst.get(node.dst);
    } catch (e) {
      if (!isZkCode(e, 'NoNode')) throw e;
      this.counts.created += 1;
      if (acl !== null && !isOpenAcl(acl)) this.counts.aclsSet += 1;
      return;
    }
    if (!this.opts.overwrite) {
      this.counts.kept += 1;
      return;
    }
    const dataDiffers = !sameData(existing.data, data);
    const aclDiffers = acl !== null && !sameAcl((await this.dst.getAcl(node.dst)).acl, acl);
    if (dataDiffers) this.counts.updated += 1;
    if (aclDiffers) this.counts.aclsSet += 1;
    if (!dataDiffers && !aclDiffers) this.counts.unchanged += 1;
  }

  private async finish(node: CopyNode): Promise<void> {
    if (this.opts.seqCounters && node.maxSeq >= 0 && !this.opts.dryRun) await this.raiseCounter(node);
    await this.applyPendingAcl(node);
  }

  private async applyPendingAcl(node: CopyNode): Promise<void> {
    const acl = node.pendingAcl;
    if (acl === null) return;
    node.pendingAcl = null;
    await this.dst.setAcl(node.dst, acl);
    this.counts.aclsSet += 1;
  }

  /**
   * ZooKeeper names a sequential child after the number of children ever created under the
   * parent. The copies were created by name, so the target's count may lag behind the copied
   * suffixes (and the source's count): each create+delete of a scratch sequential child moves it
   * on by one, up to the source's count (at least past the highest copied suffix).
   */
  private async raiseCounter(node: CopyNode): Promise<void> {
    const stat = await this.dst.exists(node.dst);
    if (stat === null) return;
    const gap = Math.max(node.srcNextSeq, node.maxSeq + 1) - nextSequence(stat);
    if (gap <= 0) return;
    if (gap > MAX_COUNTER_BUMP) {
      this.counterWarnings.push(`${node.dst}: sequence counter is ${gap} behind the copied names (not raised)`);
      return;
    }
    const scratch = childPath(node.dst, 'zkpilot-seq-');
    const created = await Promise.all(Array.from({ length: gap }, () => this.dst.create(scratch, null, 'persistent_sequential')));
    await Promise.all(created.map((path) => this.dst.delete(path)));
    this.counts.counterBumps += 1;
  }
}

/**
 * The next sequential suffix: children ever created. cversion counts creates and deletes,
 * numChildren creates minus deletes, so creates = (cversion + numChildren) / 2.
 */
export function nextSequence(stat: Stat): number {
  return Math.floor((stat.cversion + stat.numChildren) / 2);
}

function highestSequence(names: readonly string[]): number {
  let max = -1;
  for (const name of names) {
    const m = SEQUENTIAL_NAME.exec(name);
    if (m) max = Math.max(max, Number(m[0]));
  }
  return max;
}
