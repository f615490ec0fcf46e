import { describe, expect, it } from 'vitest';
import { expandNodeAction, nodeActionTemplateError } from '../../src/profiles/nodeActionTemplate.js';

const node = { host: 'zk2.example.com', id: 2, clientPort: 2181 };

describe('node-action templates', () => {
  it('expands every placeholder', () => {
    expect(expandNodeAction('ssh {host} sudo systemctl restart zookeeper@{id} # port {clientPort}', node))
      .toBe('ssh zk2.example.com sudo systemctl restart zookeeper@2 # port 2181');
  });

  it('leaves shell variables, awk programs and doubled braces alone', () => {
    expect(expandNodeAction("ssh {host} 'echo ${HOME}; awk \"{print \\$1}\" /x; echo {{id}}'", node))
      .toBe("ssh zk2.example.com 'echo ${HOME}; awk \"{print \\$1}\" /x; echo {id}'");
  });

  it('quotes a value that is not a plain host name', () => {
    expect(expandNodeAction('ssh {host} true', { ...node, host: 'zk2;rm -rf /' })).toBe("ssh 'zk2;rm -rf /' true");
  });

  it('names an unknown placeholder in one line', () => {
    expect(nodeActionTemplateError('ssh {hostname} sudo systemctl stop zookeeper'))
      .toBe('unknown placeholder {hostname} (known: {host}, {id}, {clientPort}; write {{ }} for literal braces)');
    expect(() => expandNodeAction('ssh {port}', node)).toThrow('unknown placeholder {port}');
    expect(nodeActionTemplateError('  ')).toBe('empty command');
  });
});
