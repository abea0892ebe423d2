// ts-jest does not run Nest CLI plugins; this applies @nestjs/swagger's plugin as an AST transformer
// so that tests see the same OpenAPI metadata (DTO properties, responses) as `nest build`.
// Keep the options in step with nest-cli.json (query DTOs live in *.query.ts files).
const plugin = require('@nestjs/swagger/plugin');
const options = {
  classValidatorShim: true,
  introspectComments: true,
  dtoFileNameSuffix: ['.dto.ts', '.entity.ts', '.query.ts'],
};

module.exports = {
  name: 'accords-swagger-plugin',
  version: 2,
  factory: (tsCompiler) => plugin.before(options, tsCompiler.program),
};
