import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { onPath } from '../local/processes.js';
import { projectRoot } from '../local/projectRoot.js';
import { tempDir } from './support/runCli.js';

const root = projectRoot();

describe('serverless package (offline: no AWS credentials, no network)', () => {
  const out = tempDir('alm-package-');
  rmSync(join(root, '.esbuild'), { recursive: true, force: true });
  const run = spawnSync(process.execPath, ['node_modules/serverless/bin/serverless.js', 'package', '--stage', 'dev', '--package', out], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_ENDPOINT_URL: '' },
  });
  const templatePath = join(out, 'cloudformation-template-update-stack.json');

  it('packages a self-contained zip and a CloudFormation template with every resource', () => {
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(existsSync(join(out, 'automl-lifecycle-monitor.zip'))).toBe(true);
    const template = JSON.parse(readFileSync(templatePath, 'utf8'));
    const types = Object.values(template.Resources as Record<string, { Type: string }>).map((r) => r.Type);
    expect(types.filter((t) => t === 'AWS::SQS::Queue')).toHaveLength(6);
    expect(types).toContain('AWS::S3::Bucket');
    expect(types).toContain('AWS::Events::Rule');
    expect(types.filter((t) => t === 'AWS::Lambda::EventSourceMapping')).toHaveLength(3);
    const queue = template.Resources.TrainQueue.Properties;
    expect(queue.RedrivePolicy).toMatchObject({ maxReceiveCount: 3 });
    expect(JSON.stringify(template)).not.toMatch(/127\.0\.0\.1|localhost/);
  });

  it('passes cfn-lint with no errors', () => {
    expect(onPath('cfn-lint'), 'cfn-lint is required: pip install cfn-lint').toBe(true);
    const lint = spawnSync('cfn-lint', [templatePath], { encoding: 'utf8' });
    // cfn-lint's exit code is a bit set: 2 errors, 4 warnings, 8 informational.
    expect(lint.status === null ? 2 : lint.status & 2, lint.stdout).toBe(0);
  });
});
