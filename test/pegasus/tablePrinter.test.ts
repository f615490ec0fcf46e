// The stand-in's printer against Pegasus's own expectations: the upstream unit test
// (output_utils_test.cpp, verbatim) and the reference's nodes samples, byte for byte.
import { describe, expect, it } from 'vitest';
import { formatDouble, MultiTablePrinter, TablePrinter } from '../../src/pegasus/tablePrinter.js';
import { fullHelp, helpEntry } from '../../src/pegasus/standIn/helpText.js';

describe('table_printer', () => {
  it('prints a single-column table as upstream output_utils_test expects', () => {
    const tp = new TablePrinter('tp1').addRowNameAndData('row1', formatDouble(1.2345)).addRowNameAndData('row2', 2345).addRowNameAndData('row3', 3456);
    expect(tp.tabular()).toBe('[tp1]\nrow1  : 1.23\nrow2  : 2345\nrow3  : 3456\n');
  });

  it('pads every cell of a multi-column table, the last one included', () => {
    const tp = new TablePrinter('tp2').addTitle('multi_columns_test').addColumn('col0').addColumn('col1').addColumn('col2');
    tp.addRow('row0').appendData('data00').appendData('data01').appendData('data02');
    expect(tp.tabular()).toBe('[tp2]\nmulti_columns_test  col0    col1    col2    \nrow0                data00  data01  data02  \n');
  });

  it('reproduces the reference `nodes -d -o onebox.nodes` file byte for byte', () => {
    const mtp = new MultiTablePrinter();
    mtp.add(new TablePrinter('parameters').addRowNameAndData('out_file', 'onebox.nodes'));
    const details = new TablePrinter('details').addTitle('address').addColumn('status');
    for (const c of ['replica_count', 'primary_count', 'secondary_count']) details.addColumn(c, 'right');
    details.addRow('127.0.0.1:34801').appendData('ALIVE').appendData(12).appendData(4).appendData(8);
    details.addRow('127.0.0.1:34802').appendData('ALIVE').appendData(12).appendData(4).appendData(8);
    details.addRow('127.0.0.1:34803').appendData('UNALIVE').appendData(0).appendData(0).appendData(0);
    mtp.add(details);
    mtp.add(new TablePrinter('summary').addRowNameAndData('total_node_count', 3).addRowNameAndData('alive_node_count', 2).addRowNameAndData('unalive_node_count', 1));
    expect(mtp.tabular()).toBe(
      '[parameters]\nout_file  : onebox.nodes\n\n[details]\naddress          status     replica_count  primary_count  secondary_count\n' +
        '127.0.0.1:34801  ALIVE                 12              4                8\n127.0.0.1:34802  ALIVE                 12              4                8\n' +
        '127.0.0.1:34803  UNALIVE                0              0                0\n\n[summary]\ntotal_node_count    : 3\nalive_node_count    : 2\nunalive_node_count  : 1\n\n',
    );
  });

  it('reproduces the reference plain `nodes` output (trailing spaces included)', () => {
    const mtp = new MultiTablePrinter();
    const details = new TablePrinter('details').addTitle('address').addColumn('status');
    details.addRow('127.0.0.1:34801').appendData('ALIVE');
    details.addRow('127.0.0.1:34802').appendData('ALIVE');
    mtp.add(details).add(new TablePrinter('summary').addRowNameAndData('total_node_count', 2).addRowNameAndData('alive_node_count', 2).addRowNameAndData('unalive_node_count', 0));
    expect(mtp.tabular()).toBe('[details]\naddress          status  \n127.0.0.1:34801  ALIVE   \n127.0.0.1:34802  ALIVE   \n\n[summary]\ntotal_node_count    : 2\nalive_node_count    : 2\nunalive_node_count  : 0\n\n');
  });

  it('pads single-column values to the longest value + 2 (the code rule; shorter values get trailing spaces)', () => {
    const tp = new TablePrinter('cluster_info').addRowNameAndData('meta_servers', '127.0.0.1:34601,127.0.0.1:34602').addRowNameAndData('cluster_name', 'onebox');
    const [, first, second] = tp.tabular().split('\n');
    expect(first).toBe('meta_servers  : 127.0.0.1:34601,127.0.0.1:34602');
    expect(second).toBe(`cluster_name  : onebox${' '.repeat('127.0.0.1:34601,127.0.0.1:34602'.length - 'onebox'.length)}`);
  });

  it('prints -j as rapidjson PrettyWriter: 4 spaces, strings only, rows keyed by their first cell', () => {
    const mtp = new MultiTablePrinter();
    const details = new TablePrinter('details').addTitle('address').addColumn('status');
    details.addRow('127.0.0.1:34801').appendData('ALIVE');
    mtp.add(details).add(new TablePrinter('summary').addRowNameAndData('total_node_count', 1));
    expect(JSON.parse(mtp.json())).toEqual({ details: { '127.0.0.1:34801': { address: '127.0.0.1:34801', status: 'ALIVE' } }, summary: { total_node_count: '1' } });
    expect(mtp.json()).toContain('\n    "details": {\n        "127.0.0.1:34801": {\n            "address": "127.0.0.1:34801",');
  });

  it('keeps doubles at 2 decimals and tiny values at 0.00', () => {
    expect(formatDouble(0.0000001)).toBe('0.00');
    expect(formatDouble(1.005)).toMatch(/^1\.0[01]$/);
    expect(formatDouble(12)).toBe('12.00');
  });
});

describe('help text (v2.5.0 command table)', () => {
  it('wraps usages at 70 columns after ] or >, as the reference derived lines', () => {
    expect(helpEntry('cluster_info')).toBe('\tcluster_info            [-r|--resolve_ip] [-o|--output file_name] [-j|--json]\n');
    expect(helpEntry('ls')).toBe('\tls                      [-a|-all] [-d|--detailed] [-j|--json]\n\t                        [-o|--output file_name][-s|--status all|available|creating|dropping|dropped]\n');
    expect(helpEntry('nodes')).toBe(
      '\tnodes                   [-d|--detailed] [-j|--json] [-r|--resolve_ip]\n\t                        [-u|--resource_usage][-o|--output file_name]\n\t                        [-s|--status all|alive|unalive] [-q|--qps]\n',
    );
    expect(helpEntry('set_meta_level')).toBe('\tset_meta_level          <stopped|blind|freezed|steady|lively>\n');
  });

  it('prints entries without usage as the name and its padding (trailing spaces)', () => {
    expect(helpEntry('help')).toBe(`\thelp${' '.repeat(20)}\n`);
    expect(fullHelp().startsWith('Usage:\n\thelp')).toBe(true);
    expect(fullHelp().endsWith(`\texit${' '.repeat(20)}\n`)).toBe(true);
  });
});
