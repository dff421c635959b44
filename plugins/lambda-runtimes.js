// Local serverless v3 plugin: Framework 3.40's config schema stops at nodejs20.x, which AWS no
// longer lets you create (deprecated 2026-04-30). Allow nodejs22.x so configValidationMode can stay
// "error". serverless-offline 13.9 and serverless-esbuild 1.57 already know nodejs22.x.
export default class LambdaRuntimes {
  constructor(serverless) {
    const runtimes = serverless.configSchemaHandler.schema.definitions.awsLambdaRuntime.enum;
    for (const r of ['nodejs22.x']) if (!runtimes.includes(r)) runtimes.push(r);
  }
}
