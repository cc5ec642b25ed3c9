interface LockEntry {
  version?: string;
  optionalDependencies?: Record<string, string>;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
}

const OS = ['darwin', 'win32', 'android', 'freebsd', 'linux', 'openharmony'] as const;
const CPU: [RegExp, string][] = [
  [/arm64|aarch64/, 'arm64'],
  [/x64/, 'x64'],
  [/riscv64/, 'riscv64'],
  [/ia32/, 'ia32'],
  [/wasm32/, 'wasm32'],
  [/arm/, 'arm'],
];

/** The platform a binary package's name gives, e.g. `@napi-rs/canvas-darwin-arm64`. */
export function platformOf(name: string): Pick<LockEntry, 'os' | 'cpu' | 'libc'> {
  const os = OS.find((candidate) => name.includes(candidate));
  const cpu = CPU.find(([pattern]) => pattern.test(name))?.[1];
  const libc = /musl/.test(name) ? 'musl' : /gnu/.test(name) ? 'glibc' : undefined;
  return {
    ...(os ? { os: [os] } : {}),
    ...(cpu ? { cpu: [cpu] } : {}),
    ...(libc ? { libc: [libc] } : {}),
  };
}

/** Lock entries for optional dependencies that the lock names but does not hold. */
export function missingOptionalEntries(
  packages: Record<string, LockEntry>,
): Record<string, LockEntry> {
  const missing: Record<string, LockEntry> = {};
  for (const [key, entry] of Object.entries(packages)) {
    for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
      const nested = `${key ? `${key}/` : ''}node_modules/${name}`;
      const hoisted = `node_modules/${name}`;
      if (packages[nested] || packages[hoisted] || missing[hoisted]) continue;
      missing[hoisted] = { version, optional: true, ...platformOf(name) };
    }
  }
  return missing;
}
