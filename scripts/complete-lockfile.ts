/**
 * `npm run lockfile:complete`: adds package-lock.json entries for optional platform binaries
 * (other operating systems' builds of @napi-rs/canvas, Astro's compiler, …) that the registry
 * this project is built against does not serve. npm leaves them out of the lock when it cannot
 * fetch their manifests, and `npm ci` then refuses the lock as out of sync. The entries carry the
 * `os`/`cpu`/`libc` of their name, so npm never tries to install them on another platform.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { missingOptionalEntries } from './lib/lockfile.ts';

const path = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(readFileSync(path, 'utf8')) as { packages: Record<string, object> };
const missing = missingOptionalEntries(lock.packages);
Object.assign(lock.packages, missing);
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`${path}: ${Object.keys(missing).length} optional platform entr(ies) added`);
