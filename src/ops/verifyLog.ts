// The verdict of a verify: what differs between two trees (or a tree and a backup), kept as
// counts and a bounded list of samples for the report. The trees are read and merged by
// verifyMerge.ts; ephemeral nodes and ZooKeeper's own /zookeeper are never compared.
import type { Acl } from '../zk/types.js';
import { aclText, sameAcl, sameData } from './acls.js';

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

function byteLength(data: Buffer | null): string {
  return data === null ? 'null' : String(data.length);
}
