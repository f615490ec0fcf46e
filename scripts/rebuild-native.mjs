// postinstall: patch-package has just patched the native ZooKeeper client's C++ source and the
// script that unpacks its C client (see patches/zookeeper+7.3.0.patch: a failed getAcl freed a
// NULL pointer and crashed the process; null data could not be stored; multi, multiRead, corked
// bursts of requests). npm built the addon before the patch was applied, so build it
// again from the patched source. Fails loudly: zkpilot cannot run on an unpatched client.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('zookeeper/package.json'));
const source = readFileSync(join(pkgDir, 'src', 'node-zk.cpp'), 'utf8');
if (!source.includes('zkpilot patch')) {
  console.error('zkpilot: the zookeeper client source is not patched (patch-package did not run?)');
  process.exit(1);
}
rmSync(join(pkgDir, 'build'), { recursive: true, force: true });
execFileSync('npm', ['rebuild', 'zookeeper', '--foreground-scripts=false'], { stdio: 'inherit' });
// The C client's part of the patch (multiRead, cork) is applied while the package extracts its
// C sources: make sure the addon that came out has it.
const { ZooKeeper } = require('node-gyp-build')(pkgDir);
const missing = ['a_multi', 'a_multi_read', 'cork', 'flush'].filter((m) => typeof ZooKeeper.prototype[m] !== 'function');
if (missing.length > 0) {
  console.error(`zkpilot: the rebuilt ZooKeeper client lacks ${missing.join(', ')} (the C client patch did not apply?)`);
  process.exit(1);
}
require('zookeeper');
console.error('zkpilot: native ZooKeeper client rebuilt with the zkpilot patch');
