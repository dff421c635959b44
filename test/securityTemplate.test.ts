import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { onPath } from '../local/processes.js';
import { projectRoot } from '../local/projectRoot.js';
import { tempDir } from './support/runCli.js';

/**
 * Security rule 2, on the deployable artifact: `serverless package`, run with an API key in the
 * deployer's environment, yields a template and a zip where that key appears nowhere; the
 * functions get only the SSM parameter's name, and their role may read that one parameter.
 */
const root = projectRoot();
const { load } = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
const DECLARED = Object.keys((load(readFileSync(join(root, 'serverless.yml'), 'utf8')) as { functions: object }).functions);
const SENTINEL = `deployer-env-key-${process.pid}-${Date.now()}`;

interface LambdaResource {
  readonly Type: string;
  readonly Properties: { readonly Environment?: { readonly Variables: Record<string, unknown> } };
}

describe('the packaged template never holds the API key', () => {
  const out = tempDir('alm-security-package-');
  const run = spawnSync(process.execPath, ['node_modules/serverless/bin/serverless.js', 'package', '--stage', 'prod', '--package', out], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ALM_API_KEY: SENTINEL, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_ENDPOINT_URL: '' },
  });
  const templatePath = join(out, 'cloudformation-template-update-stack.json');

  it('packages, and no function environment has ALM_API_KEY, only the parameter name', () => {
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const text = readFileSync(templatePath, 'utf8');
    expect(text).not.toContain(SENTINEL);
    const template = JSON.parse(text) as { Resources: Record<string, LambdaResource> };
    const functions = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function');
    expect(functions.length).toBe(DECLARED.length);
    for (const [name, fn] of functions) {
      const variables = fn.Properties.Environment?.Variables ?? {};
      expect(Object.keys(variables), name).not.toContain('ALM_API_KEY');
      expect(variables.ALM_API_KEY_PARAMETER, name).toBe('/automl-lifecycle-monitor/prod/api-key');
    }
  });

  it("lets the functions' role read that one parameter, and nothing else of SSM", () => {
    const template = JSON.parse(readFileSync(templatePath, 'utf8')) as { Resources: Record<string, { Type: string; Properties: any }> };
    const role = Object.values(template.Resources).find((r) => r.Type === 'AWS::IAM::Role');
    const statements = role?.Properties.Policies.flatMap((p: any) => p.PolicyDocument.Statement) as { Action: string[]; Resource: unknown }[];
    const ssm = statements.filter((s) => s.Action.some((a) => a.startsWith('ssm:')));
    expect(ssm).toHaveLength(1);
    expect(ssm[0].Action).toEqual(['ssm:GetParameter']);
    expect(JSON.stringify(ssm[0].Resource)).toContain(':parameter","/automl-lifecycle-monitor/prod/api-key"');
  });

  it('the zipped bundle does not hold the key either', () => {
    const listing = spawnSync('unzip', ['-p', join(out, 'automl-lifecycle-monitor.zip')], { encoding: 'latin1', maxBuffer: 512 * 1024 * 1024 });
    expect(listing.status).toBe(0);
    expect(listing.stdout.length).toBeGreaterThan(100_000);
    expect(listing.stdout.includes(SENTINEL)).toBe(false);
    expect(listing.stdout).toContain('ALM_API_KEY_PARAMETER'); // the runtime reads the name
  });

  it('passes cfn-lint with no errors (the new IAM statement included)', () => {
    expect(onPath('cfn-lint'), 'cfn-lint is required: pip install cfn-lint').toBe(true);
    const lint = spawnSync('cfn-lint', [templatePath], { encoding: 'utf8' });
    expect(lint.status === null ? 2 : lint.status & 2, lint.stdout).toBe(0);
  });
});
