import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, positionOf, yamlContext } from '../test-workflow.js';
import { placeholderInShellScript } from './placeholder-in-shell-script.js';

const doc = (runtime: string): string => `osop_version: "1.1"
id: t
name: T
nodes:
  - id: greet
    type: cli
    runtime: ${runtime}
edges: []
`;
const check = (runtime: string) => placeholderInShellScript.check(yamlContext(doc(runtime)));

describe('placeholder-in-shell-script', () => {
  it('is an error at the script argument of sh -c, with a hint towards runtime.shell, argv words and stdin', () => {
    const text = doc('{ command: ["/bin/sh", "-c", "echo ${inputs.x}"] }');
    const ctx = yamlContext(text);
    assert.deepEqual(findings(placeholderInShellScript, ctx), [{ code: 'placeholder-in-shell-script', severity: 'error', ...positionOf(text, '"echo ${inputs.x}"') }]);
    const [diagnostic] = placeholderInShellScript.check(ctx);
    assert.equal(diagnostic!.message, 'node "greet": ${inputs.x} is filled into the script that /bin/sh -c runs, so a value can run any code');
    assert.match(diagnostic!.hint ?? '', /runtime\.shell: true.*separate argv word.*runtime\.stdin/);
  });

  it('knows the usual shells and interpreters, flag clusters, /usr/bin/env and absolute paths', () => {
    const flagged = [
      '["bash", "-c", "echo ${inputs.x}"]', '["zsh", "-c", "x ${inputs.x}"]', '["dash", "-c", "x ${inputs.x}"]', '["bash", "-lc", "x ${inputs.x}"]',
      '["sh", "-e", "-c", "x ${inputs.x}"]', '["/usr/bin/env", "bash", "-c", "x ${inputs.x}"]', '["env", "-i", "PATH=/bin", "sh", "-c", "x ${steps.a.output.y}"]',
      '["node", "-e", "f(\'${inputs.x}\')"]', '["node", "--eval=f(${inputs.x})"]', '["/usr/local/bin/node", "--eval", "f(${inputs.x})"]',
      '["python", "-c", "print(${inputs.x})"]', '["python3", "-c", "print(\'${inputs.x}\')"]', '["python3.12", "-u", "-c", "x=${inputs.x}"]',
      '["perl", "-e", "print ${inputs.x}"]', '["perl", "-ne", "print if /${inputs.x}/"]', '["ruby", "-e", "puts ${inputs.x}"]',
      '["pwsh", "-c", "Write-Output ${inputs.x}"]', '["pwsh", "-Command", "Write-Output ${inputs.x}"]', '["powershell.exe", "-command", "${inputs.x}"]',
      '["sudo", "sh", "-c", "x ${inputs.x}"]', '["find", ".", "-exec", "sh", "-c", "rm ${inputs.x}", ";"]',
      '"sh -c \'echo ${inputs.x}\'"', '"/usr/bin/env python3 -c \\"print(${inputs.x})\\""',
    ];
    for (const command of flagged) assert.equal(check(`{ command: ${command} }`).length, 1, command);
  });

  it('flags a placeholder in runtime.stdin when the program reads its script from standard input', () => {
    const text = doc('{ command: ["bash", "-s"], stdin: "echo ${inputs.x}" }');
    assert.deepEqual(findings(placeholderInShellScript, yamlContext(text)), [{ code: 'placeholder-in-shell-script', severity: 'error', ...positionOf(text, '"echo ${inputs.x}"') }]);
    assert.equal(check('{ command: ["python3"], stdin: "print(${inputs.x})" }').length, 1);
    assert.equal(check('{ command: ["python3", "read.py"], stdin: "${inputs.x}" }').length, 0, 'stdin is data for a script file');
  });

  it('is silent when values stay data', () => {
    const safe = [
      '{ command: ["sh", "-c", "echo \\"$1\\"", "sopflow", "${inputs.x}"] }', '{ command: ["sh", "-c", "echo $${HOME}"] }',
      '{ command: "echo ${inputs.x}", shell: true }', '{ command: ["echo", "${inputs.x}"] }', '{ command: ["python3", "tool.py", "${inputs.x}"] }',
      '{ command: ["python3", "-m", "http.server", "${inputs.port}"], stdin: "${inputs.x}" }', '{ command: ["node", "script.js", "-e", "${inputs.x}"] }',
      '{ command: ["grep", "-c", "${inputs.x}", "file"] }', '{ command: ["bash", "deploy.sh", "-c", "${inputs.x}"] }',
    ];
    for (const runtime of safe) assert.deepEqual(check(runtime), [], runtime);
  });
});
