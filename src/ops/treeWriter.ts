// The target side of every copy into ZooKeeper, whatever feeds it (copy's walk of another tree, or
// a backup file being restored): the one place that knows how a node is written. A node is created
// once its parent exists; an existing one (a resumed copy) is compared and rewritten only where its
// data or ACL differ; a restrictive ACL on a node with children is applied after its subtree (set
// earlier, it could deny us creating the children; a leaf takes it in its create); and the
// parent's sequence counter is raised past the copied sequential names so later sequential
// creates cannot collide. Writes travel in multis (writeBatcher.ts), each answered on its own.
import type { Acl } from '../zk/types.js';
import type { BulkClient } from './remote/protocol.js';
import { isOpenAcl, sameAcl, sameData } from './acls.js';
import { nextSequence, type TreeNode } from './sourceNode.js';
import { DEFAULT_MAX_BATCH_BYTES } from './writeBatcher.js';
import { ancestorsOf, childPath, isZkCode, WindowedClient } from './windowedClient.js';

export interface WriterOptions {
  /** Requests in flight to the target. */
  window: number;
  /** false (--no-overwrite): an existing target node is left exactly as it is. */
  overwrite: boolean;
  /** Read the target and count what would change; write nothing. */
  dryRun: boolean;
  /** Raise the target parents' sequence counters past the copied sequential names (default). */
  seqCounters: boolean;
  /** Bytes per multi on the target (0: one request per write). Default: under jute.maxbuffer. */
  maxBatchBytes?: number;
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

export function emptyCopyCounts(): CopyCounts {
  return { scanned: 0, created: 0, updated: 0, aclsSet: 0, unchanged: 0, kept: 0, ephemeralsSkipped: 0, vanished: 0, counterBumps: 0, parentsCreated: 0 };
}

/**
 * How long a short multi may wait to fill once a copy's writes stream: at a few thousand nodes a
 * second it then carries a few hundred creates (measured: the target servers' CPU per node fell
 * from ~300 us to ~100 us, the cost of a restore's full multis).
 */
const WRITE_LINGER_MS = 100;

/** A gap larger than this is reported instead of closed (it would take that many writes). */
const MAX_COUNTER_BUMP = 100_000;

/** A target node between its creation and the end of its subtree. */
export interface TargetNode {
  dst: string;
  /** Resolves once the target parent exists. */
  parentReady: Promise<void>;
  /** Resolves once this node exists on the target (its children may then be created). */
  ready: Deferred;
  /** A restrictive ACL applied post-order (after the children), null when nothing is pending. */
  pendingAcl: Acl[] | null;
  /** Highest sequential suffix among the source children, -1 when none looks sequential. */
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

export class ZkTreeWriter {
  readonly counts = emptyCopyCounts();
  /** Sequence counters too far behind to raise (more than MAX_COUNTER_BUMP): path and gap. */
  readonly counterWarnings: string[] = [];
  private readonly dst: WindowedClient;

  constructor(
    target: BulkClient,
    private readonly opts: WriterOptions,
  ) {
    const maxBytes = opts.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES;
    this.dst = new WindowedClient(target, opts.window, maxBytes > 0 ? { maxBytes, lingerMs: WRITE_LINGER_MS } : null);
  }

  /** The target root; its missing ancestors are created (mkdir -p) before it. */
  root(dstRoot: string): TargetNode {
    return { dst: dstRoot, parentReady: this.ensureAncestors(dstRoot), ready: deferred(), pendingAcl: null, maxSeq: -1, srcNextSeq: 0 };
  }

  child(parent: TargetNode, name: string): TargetNode {
    return { dst: childPath(parent.dst, name), parentReady: parent.ready.promise, ready: deferred(), pendingAcl: null, maxSeq: -1, srcNextSeq: 0 };
  }

  /** Writes (or compares) one node once its parent exists; its children may be created after. */
  async write(node: TargetNode, src: Omit<TreeNode, 'rel'>): Promise<void> {
    try {
      node.maxSeq = src.maxSeq;
      node.srcNextSeq = nextSequence(src.stat);
      await node.parentReady;
      if (this.opts.dryRun) await this.compareOnly(src.data, src.acl, node.dst);
      else await this.put(node, src.data, src.acl, src.hasChildren);
      node.ready.resolve();
    } catch (e) {
      node.ready.reject(e);
      throw e;
    }
  }

  /** A node that will not be written (its read failed): its children must not wait for it. */
  fail(node: TargetNode, error: unknown): void {
    node.ready.reject(error);
  }

  /** After the node's whole subtree: the sequence counter, then a restrictive ACL. */
  async close(node: TargetNode): Promise<void> {
    if (this.opts.seqCounters && node.maxSeq >= 0 && !this.opts.dryRun) await this.raiseCounter(node);
    await this.abandon(node);
  }

  /** A subtree left unfinished (cancelled or failed): its ACL is still applied, nothing stays more open than the source. */
  async abandon(node: TargetNode): Promise<void> {
    const acl = node.pendingAcl;
    if (acl === null) return;
    node.pendingAcl = null;
    await this.dst.setAcl(node.dst, acl);
    this.counts.aclsSet += 1;
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

  private async put(node: TargetNode, data: Buffer | null, acl: Acl[] | null, hasChildren: boolean): Promise<void> {
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
  private async applyAcl(node: TargetNode, acl: Acl[], hasChildren: boolean): Promise<void> {
    if (hasChildren) {
      node.pendingAcl = acl;
      return;
    }
    await this.dst.setAcl(node.dst, acl);
    this.counts.aclsSet += 1;
  }

  private async compareOnly(data: Buffer | null, acl: Acl[] | null, dst: string): Promise<void> {
    let existing;
    try {
      existing = await this.dst.get(dst);
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
    const aclDiffers = acl !== null && !sameAcl((await this.dst.getAcl(dst)).acl, acl);
    if (dataDiffers) this.counts.updated += 1;
    if (aclDiffers) this.counts.aclsSet += 1;
    if (!dataDiffers && !aclDiffers) this.counts.unchanged += 1;
  }

  /**
   * ZooKeeper names a sequential child after the number of children ever created under the
   * parent. The copies were created by name, so the target's count may lag behind the copied
   * suffixes (and the source's count): each create+delete of a scratch sequential child moves it
   * on by one, up to the source's count (at least past the highest copied suffix).
   */
  private async raiseCounter(node: TargetNode): Promise<void> {
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
