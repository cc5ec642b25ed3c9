import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // Site builds and browser sessions are slow on two cores; give them room.
    testTimeout: 120_000,
    hookTimeout: 600_000,
    reporters: ['default', 'json'],
    outputFile: { json: `${process.env.TEST_OUTPUT_DIR ?? 'test-output'}/vitest.json` },
  },
});
