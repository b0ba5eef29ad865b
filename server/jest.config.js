// ts-jest compiles our TypeScript (type-checking is `pnpm typecheck`); @swc/jest turns the ESM-only
// @nestjs/* 12 packages into CommonJS, since Jest 30 on Node 20 cannot require ES modules.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  testRegex: '(src|test)/.*\\.spec\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true }],
    '^.+\\.m?js$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022', keepClassNames: true },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [
    '/node_modules/(?!(\\.pnpm/)?(@nestjs|@nestjs\\+[^/]+|uid|load-esm|file-type|strtok3|token-types|@tokenizer|uint8array-extras|@borewit|content-disposition|cookie|htmlparser2|domhandler|domutils|dom-serializer|domelementtype|entities|glob|minimatch|path-scurry|lru-cache|minipass|@isaacs|jackspeak|foreground-child|package-json-from-dist|balanced-match|brace-expansion)[/+@])',
  ],
  testTimeout: 30000,
}
