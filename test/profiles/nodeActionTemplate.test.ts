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

  it('gives a config template the server lines as one shell word each; other actions refuse {members}', () => {
    const members = ['server.1=zk1:2888:3888:participant;zk1:2181', 'server.4=zk4:2888:3888:participant;zk4:2181'];
    expect(expandNodeAction('ssh {host} sudo zk-set-members {members}', { ...node, members }, 'config'))
      .toBe("ssh zk2.example.com sudo zk-set-members 'server.1=zk1:2888:3888:participant;zk1:2181' 'server.4=zk4:2888:3888:participant;zk4:2181'");
    expect(nodeActionTemplateError('ssh {host} zk-set-members {members}', 'config')).toBeNull();
    expect(nodeActionTemplateError('ssh {host} zk-wipe {members}', 'wipe'))
      .toBe('unknown placeholder {members} (known: {host}, {id}, {clientPort}; write {{ }} for literal braces)');
  });
});
