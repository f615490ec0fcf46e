// The ensemble panel: a health line (quorum, leader, epoch, config version), one row per server
// coloured by role, the row another component marked ("act on this node next") in inverse, and
// as many problem details as fit. Columns adapt to the pane's width (see tableLayout).
import { Box, Text } from 'ink';
import { configText, healthLine } from '../../ensemble/cells.js';
import type { EnsembleModel } from '../../ensemble/ensembleModel.js';
import type { EnsembleSnapshot, NodeView } from '../../ensemble/types.js';
import { wrapWords } from '../../util/scrollback.js';
import { useTheme } from '../theme.js';
import { roleStyle } from './roleStyle.js';
import { layoutColumns, pad, type LaidOutColumn } from './tableLayout.js';
import { useEnsembleSnapshot } from './useEnsemble.js';

export interface EnsemblePanelProps {
  model: EnsembleModel;
  width: number;
  height: number;
}

/** The health line in at most `width` columns: the longest form that fits. */
export function healthText(snapshot: EnsembleSnapshot, width: number): string {
  const long = healthLine(snapshot);
  if ([...long].length <= width || snapshot.round === 0) return long;
  const h = snapshot.health;
  if (h.standaloneKey !== null) {
    const medium = `standalone ${h.standaloneKey} ✓ · epoch ${h.epoch ?? '-'} · ${configText(snapshot)}`;
    return [...medium].length <= width ? medium : `✓ standalone ${h.standaloneKey}`;
  }
  const leader = h.leaderId ?? (h.leaderKey ? '?' : '-');
  const medium = `${h.quorumServing ? 'quorum ok' : 'NO QUORUM'} ${h.votersUp}/${h.votersTotal} (q${h.quorumSize}) · leader ${leader} · epoch ${h.epoch ?? '-'} · config ${h.configVersion ?? '?'}`;
  if ([...medium].length <= width) return medium;
  return `${h.quorumServing ? '✓' : '✗ NO QUORUM'} ${h.votersUp}/${h.votersTotal} q${h.quorumSize} · L${leader} · ep${h.epoch ?? '-'} · cfg ${h.configVersion ?? '?'}`;
}

const QUIET_ROLES = new Set(['leader', 'follower', 'observer']);

function problemLines(nodes: readonly NodeView[]): string[] {
  return nodes
    .filter((n) => (!QUIET_ROLES.has(n.role) || n.configOk === false) && n.detail)
    .map((n) => `${n.id ?? n.key}: ${n.configOk === false ? `config ${n.configVersion} (not the committed one) · ` : ''}${n.detail}`);
}

/** Problem details wrapped to the width, each whole: the row they explain is read in full. */
function problemRows(nodes: readonly NodeView[], width: number): string[] {
  return problemLines(nodes).flatMap((line) => wrapWords(line, width).map((row, i) => (i === 0 ? row : `  ${row}`)));
}

/** Rows the panel needs at `width`: health line, column titles, one per server, marks and up to six problem rows. */
export function ensembleRows(snapshot: EnsembleSnapshot, width: number): number {
  const marks = snapshot.nodes.filter((n) => n.marker).length;
  return 2 + Math.max(1, snapshot.nodes.length) + marks + Math.min(6, problemRows(snapshot.nodes, width).length);
}

function Row({ node, columns }: { node: NodeView; columns: LaidOutColumn[] }) {
  const theme = useTheme();
  const marked = node.marker !== null;
  return (
    <Text wrap="truncate-end" inverse={marked} bold={marked}>
      {columns.map((c, i) => {
        const text = (i > 0 ? ' ' : '') + pad(c.cell(node), c.width, c.align);
        if (c.id === 'role') return <Text key={c.id} {...roleStyle(theme, node.role)}>{text}</Text>;
        if (c.id === 'cfg' && node.configOk === false) return <Text key={c.id} {...roleStyle(theme, 'non-voting')}>{text}</Text>;
        return <Text key={c.id}>{text}</Text>;
      })}
    </Text>
  );
}

export function EnsemblePanel({ model, width, height }: EnsemblePanelProps) {
  const snapshot = useEnsembleSnapshot(model);
  return <EnsembleView snapshot={snapshot} width={width} height={height} />;
}

/** The panel for a given snapshot (the benchmark and tests render it without a live model). */
export function EnsembleView({ snapshot, width, height }: { snapshot: EnsembleSnapshot; width: number; height: number }) {
  const theme = useTheme();
  const { nodes, health } = snapshot;
  const columns = layoutColumns(nodes, width);
  const header = columns.map((c, i) => (i > 0 ? ' ' : '') + pad(c.title, c.width, c.align)).join('');
  const tableRows = Math.max(0, height - 2);
  const shown = nodes.length > tableRows ? nodes.slice(0, Math.max(0, tableRows - 1)) : nodes;
  const hidden = nodes.length - shown.length;
  let spare = tableRows - shown.length - (hidden > 0 ? 1 : 0);
  const marks = nodes.filter((n) => n.marker).map((n) => `▶ ${n.id !== null ? `server.${n.id}` : n.key}: ${n.marker!.label}`);
  const markLines = marks.slice(0, Math.max(0, spare));
  spare -= markLines.length;
  const problems = problemRows(nodes, width).slice(0, Math.max(0, spare));
  const healthStyle = health.quorumServing || snapshot.round === 0 ? {} : theme.color ? { color: 'red' as const, bold: true } : { bold: true };
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text wrap="truncate-end" {...healthStyle}>
        {healthText(snapshot, width)}
      </Text>
      {height > 1 ? (
        <Text wrap="truncate-end" dimColor>
          {header}
        </Text>
      ) : null}
      {shown.map((n) => (
        <Row key={n.key} node={n} columns={columns} />
      ))}
      {hidden > 0 ? <Text dimColor>{`… ${hidden} more`}</Text> : null}
      {markLines.map((line) => (
        <Text key={line} bold wrap="truncate-end">
          {line}
        </Text>
      ))}
      {problems.map((line, i) => (
        <Text key={i} dimColor wrap="truncate-end">
          {line}
        </Text>
      ))}
    </Box>
  );
}
