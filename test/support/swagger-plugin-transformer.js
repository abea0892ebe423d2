// ts-jest does not run Nest CLI plugins; this applies @nestjs/swagger's plugin as an AST transformer
// so that tests see the same OpenAPI metadata (DTO properties, responses) as `nest build`.
const plugin = require('@nestjs/swagger/plugin');

module.exports = {
  name: 'accords-swagger-plugin',
  version: 1,
  factory: (tsCompiler) =>
    plugin.before({ classValidatorShim: true, introspectComments: true }, tsCompiler.program),
};
