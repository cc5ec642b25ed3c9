import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingOptionalEntries, platformOf } from '../../scripts/lib/lockfile.ts';

describe('package-lock.json', () => {
  it('holds every optional platform package it names, so `npm ci` accepts it', () => {
    const lock = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../package-lock.json'), 'utf8'),
    );
    // After an `npm install`, run `npm run lockfile:complete` if this fails.
    expect(Object.keys(missingOptionalEntries(lock.packages))).toEqual([]);
  });

  it('reads the platform from a binary package name', () => {
    expect(platformOf('@napi-rs/canvas-darwin-arm64')).toEqual({ os: ['darwin'], cpu: ['arm64'] });
    expect(platformOf('@napi-rs/canvas-linux-x64-musl')).toEqual({
      os: ['linux'],
      cpu: ['x64'],
      libc: ['musl'],
    });
    expect(platformOf('@napi-rs/canvas-linux-arm-gnueabihf')).toEqual({
      os: ['linux'],
      cpu: ['arm'],
      libc: ['glibc'],
    });
    expect(platformOf('@astrojs/compiler-binding-wasm32-wasi')).toEqual({ cpu: ['wasm32'] });
  });

  it('adds only what is missing', () => {
    const packages = {
      '': {},
      'node_modules/x': {
        version: '1.0.0',
        optionalDependencies: { 'x-linux-x64-gnu': '1.0.0', 'x-win32-x64-msvc': '1.0.0' },
      },
      'node_modules/x-linux-x64-gnu': { version: '1.0.0', optional: true },
    };
    expect(missingOptionalEntries(packages)).toEqual({
      'node_modules/x-win32-x64-msvc': {
        version: '1.0.0',
        optional: true,
        os: ['win32'],
        cpu: ['x64'],
      },
    });
  });
});
