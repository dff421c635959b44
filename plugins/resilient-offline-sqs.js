// Local serverless v3 plugin, listed before serverless-offline-sqs: keeps its pollers alive when
// the local AWS endpoint goes away. serverless-offline-sqs 8 polls each queue in a loop whose
// next turn is queued only after a successful ReceiveMessage; a failed one (moto_server
// restarted, LocalStack stopped, the queue gone) rejects a promise nobody handles, and that ends
// the whole serverless-offline process, API included. Here a failed ReceiveMessage is logged,
// waited out (1 s) and answered as "no messages", so polling goes on and resumes by itself once
// the queue answers again. Offline only: on AWS the event source mapping does the polling.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const RETRY_AFTER_MS = 1000;

export default class ResilientOfflineSqs {
  constructor(serverless) {
    const SQS = require('aws-sdk/clients/sqs');
    // The SDK v2 defines operations on the prototype of the API version's class, made (and cached) by the first client.
    const prototype = Object.getPrototypeOf(new SQS({ region: 'us-east-1' }));
    if (prototype.receiveMessage.resilient) return;
    const receiveMessage = prototype.receiveMessage;
    let lastLogged = 0;
    const resilient = function (params, ...rest) {
      const request = receiveMessage.call(this, params, ...rest);
      if (rest.length > 0) return request; // callback style: not the poller's
      return {
        promise: () =>
          request.promise().catch(async (error) => {
            if (Date.now() - lastLogged > 10_000) {
              lastLogged = Date.now();
              serverless.cli.log(`offline-sqs: ReceiveMessage ${params?.QueueUrl ?? ''} failed (${error?.code ?? error?.name}: ${error?.message}); polling again every ${RETRY_AFTER_MS} ms`);
            }
            await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS));
            return { Messages: [] };
          }),
      };
    };
    resilient.resilient = true;
    prototype.receiveMessage = resilient;
  }
}
