// Page tests run the real components in jsdom, with @tarojs/taro and @tarojs/components replaced by
// small test doubles (test/mocks). babel-jest uses babel.config.js (CommonJS under NODE_ENV=test).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/src'],
  testMatch: ['**/__tests__/**/*.test.{ts,tsx}'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'json'],
  transform: { '^.+\\.[jt]sx?$': 'babel-jest' },
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/test/mocks/taro.ts',
    '^@tarojs/components$': '<rootDir>/test/mocks/components.ts',
    '^@chuangan/shared$': '<rootDir>/../shared/src/index.ts',
    '^@chuangan/shared/paths$': '<rootDir>/../shared/src/paths.ts',
    '^@chuangan/shared/share$': '<rootDir>/../shared/src/share.ts',
    '^@chuangan/shared/limits$': '<rootDir>/../shared/src/limits.ts',
    '^@chuangan/shared/errors$': '<rootDir>/../shared/src/errors/index.ts',
    '^@chuangan/shared/units$': '<rootDir>/../shared/src/units.ts',
    '\\.(css|png)$': '<rootDir>/test/mocks/style.ts',
    '^@/(.*)$': '<rootDir>/src/$1',
  },
  setupFiles: ['<rootDir>/test/env.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  clearMocks: true,
}
