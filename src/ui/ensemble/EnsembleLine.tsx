// The ensemble in one row (src/ensemble/compactLine.ts), each server coloured by its role, the
// node a checklist marked in inverse: on screen in every layout that does not show the table.
import { Text } from 'ink';
import { compactLine } from '../../ensemble/compactLine.js';
import type { EnsembleModel } from '../../ensemble/ensembleModel.js';
import type { EnsembleSnapshot } from '../../ensemble/types.js';
import { useTheme } from '../theme.js';
import { roleStyle } from './roleStyle.js';
import { useEnsembleSnapshot } from './useEnsemble.js';

export function EnsembleLine({ model, width }: { model: EnsembleModel; width: number }) {
  const snapshot = useEnsembleSnapshot(model);
  return <EnsembleLineView snapshot={snapshot} width={width} />;
}

export function EnsembleLineView({ snapshot, width }: { snapshot: EnsembleSnapshot; width: number }) {
  const theme = useTheme();
  const lost = theme.color ? { color: 'red' as const, bold: true } : { bold: true };
  const ok = theme.color ? { color: 'green' as const } : {};
  return (
    <Text wrap="truncate-end">
      {compactLine(snapshot, width).map((seg, i) => {
        if (seg.quorum) return <Text key={i} {...(seg.quorum === 'ok' ? ok : lost)}>{seg.text}</Text>;
        if (seg.role) return <Text key={i} {...roleStyle(theme, seg.role)} inverse={seg.marked}>{seg.text}</Text>;
        return <Text key={i} dimColor>{seg.text}</Text>;
      })}
    </Text>
  );
}
