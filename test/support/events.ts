/** An HTTP API (payload 2.0) event as API Gateway and serverless-offline send it. */
export function httpEvent(method: string, path: string, body = '', headers: Record<string, string> = {}, isBase64Encoded = false) {
  return { version: '2.0', routeKey: `${method} ${path}`, rawPath: path, requestContext: { http: { method, path } }, headers, body, isBase64Encoded };
}

/** An SQS event with one record per body, as the event source mapping (and serverless-offline-sqs) sends it. */
export function sqsEvent(...bodies: string[]) {
  return { Records: bodies.map((body, i) => ({ eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:q', messageId: `m${i + 1}`, body })) };
}

/** An EventBridge scheduled event, as a `schedule:` rule (and serverless-offline) fires it. */
export function scheduledEvent() {
  return { version: '0', id: 'e1', 'detail-type': 'Scheduled Event', source: 'aws.events', time: '2025-01-01T00:00:00Z', region: 'us-east-1', resources: [], detail: {} };
}
