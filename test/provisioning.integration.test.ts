import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../shared/aws/awsClients.js';
import { LOCAL_CREDENTIALS } from '../shared/aws/awsConfig.js';
import { RESOURCES } from '../shared/config/resources.js';
import { describeResources } from '../local/describeResources.js';
import { onPath } from '../local/processes.js';
import { projectRoot } from '../local/projectRoot.js';
import { provisionResources } from '../local/provisionResources.js';
import { awslocalEnv } from './support/awslocalScripts.js';
import { startMotoServer, type MotoServer } from './support/motoServer.js';

const root = projectRoot();
let moto: MotoServer;

const clients = () => createAwsClients({ region: RESOURCES.region, endpoint: moto.endpoint, credentials: LOCAL_CREDENTIALS });

describe('one source of truth for resource names', () => {
  beforeAll(async () => {
    moto = await startMotoServer('unused-bucket');
  });
  afterAll(async () => moto?.stop());

  it('npm start provisions what config/resources.json names, idempotently', async () => {
    await provisionResources(clients(), RESOURCES);
    await provisionResources(clients(), RESOURCES);
    const described = await describeResources(clients(), RESOURCES);
    expect(described.queues).toEqual({
      [RESOURCES.queues.train.name]: { visibilityTimeout: 960, deadLetterQueue: RESOURCES.queues.train.dlq, maxReceiveCount: 3 },
      [RESOURCES.queues.promote.name]: { visibilityTimeout: 60, deadLetterQueue: RESOURCES.queues.promote.dlq, maxReceiveCount: 3 },
      [RESOURCES.queues.predictions.name]: { visibilityTimeout: 60, deadLetterQueue: RESOURCES.queues.predictions.dlq, maxReceiveCount: 3 },
    });
    expect(described.rules).toEqual([{ name: RESOURCES.driftSchedule.rule, schedule: RESOURCES.driftSchedule.expression, state: 'ENABLED' }]);
  });

  it('the LocalStack init hook creates exactly the same resources', async () => {
    expect(onPath('aws'), 'the AWS CLI is required: apt-get install awscli, or pip install awscli').toBe(true);
    const expected = await describeResources(clients(), RESOURCES);
    await moto.reset();
    const hook = spawnSync('bash', [join(root, 'localstack/ready.d/10-alm-resources.sh')], {
      encoding: 'utf8',
      env: awslocalEnv(moto.endpoint, { ALM_RESOURCES: join(root, 'config/resources.json') }),
    });
    expect(hook.status, hook.stderr).toBe(0);
    expect(hook.stdout).toMatch(/alm resources ready/);
    expect(await describeResources(clients(), RESOURCES)).toEqual(expected);
  });
});
