/**
 * The project's own rules for GitHub Actions workflows, on top of actionlint: supply-chain pins,
 * no privileged pull-request trigger, no expressions inside shell scripts, least privilege.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node, YAMLMap } from 'yaml';
import type { Issue } from '../../src/lib/contract/issues.ts';

/** The write scopes each job may hold, by job id; a job not listed may hold none. */
export type WriteScopes = Readonly<Record<string, readonly string[]>>;

const PINNED = /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/;
const VERSION_COMMENT = /#\s*v\d+(\.\d+)*\s*$/;

export function checkWorkflow(file: string, text: string, writeScopes: WriteScopes): Issue[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const issues: Issue[] = [];
  const lines = text.split('\n');
  const at = (node: Node | null | undefined, message: string) => {
    const position = node?.range ? lineCounter.linePos(node.range[0]) : { line: 1, col: 1 };
    issues.push({ file, line: position.line, column: position.col, message });
  };
  if (doc.errors.length) {
    for (const error of doc.errors) at(null, `not valid YAML: ${error.message}`);
    return issues;
  }
  const root = doc.contents;
  if (!isMap(root)) {
    at(root, 'a workflow is a mapping');
    return issues;
  }

  const triggers = root.get('on', true);
  const triggerNames = isMap(triggers)
    ? triggers.items.map((pair) => String(isScalar(pair.key) ? pair.key.value : pair.key))
    : isSeq(triggers)
      ? triggers.items.map((item) => String(isScalar(item) ? item.value : item))
      : [String(isScalar(triggers) ? triggers.value : '')];
  if (triggerNames.includes('pull_request_target')) {
    at(
      triggers as Node,
      'pull_request_target runs untrusted code with write access: use pull_request',
    );
  }
  const schedule = isMap(triggers) ? triggers.get('schedule', true) : null;
  if (isSeq(schedule)) {
    for (const entry of schedule.items) {
      const cron = isMap(entry) ? entry.get('cron', true) : null;
      const minute = isScalar(cron) ? String(cron.value).trim().split(/\s+/)[0] : null;
      if (minute === '0' || minute === '*') {
        at(
          cron,
          `cron minute ${minute}: the top of the hour is the busiest time; pick another minute`,
        );
      }
    }
  }

  const topPermissions = root.get('permissions', true);
  const topScopes = isMap(topPermissions) ? topPermissions.toJSON() : topPermissions;
  if (JSON.stringify(topScopes) !== JSON.stringify({ contents: 'read' })) {
    at(
      topPermissions ?? root,
      'top-level permissions must be exactly "contents: read"; grant more per job',
    );
  }

  const jobs = root.get('jobs', true);
  for (const job of isMap(jobs) ? jobs.items : []) {
    const jobId = String(isScalar(job.key) ? job.key.value : job.key);
    if (!isMap(job.value)) continue;
    const permissions: unknown = job.value.get('permissions', true);
    if (isScalar(permissions)) {
      at(
        permissions,
        `job ${jobId}: permissions "${String(permissions.value)}" grants everything; list the scopes it needs`,
      );
    } else if (isMap(permissions)) {
      for (const pair of permissions.items) {
        const scope = String(isScalar(pair.key) ? pair.key.value : pair.key);
        const level = isScalar(pair.value) ? String(pair.value.value) : '';
        if (level === 'write' && !(writeScopes[jobId] ?? []).includes(scope)) {
          at(pair.value as Node, `job ${jobId} may not hold "${scope}: write"`);
        }
      }
    }
    const steps = job.value.get('steps', true);
    for (const step of isSeq(steps) ? steps.items : []) {
      if (isMap(step)) checkStep(jobId, step, lines, lineCounter, at);
    }
  }
  return issues;
}

function checkStep(
  jobId: string,
  step: YAMLMap,
  lines: readonly string[],
  lineCounter: LineCounter,
  at: (node: Node | null | undefined, message: string) => void,
): void {
  const run = step.get('run', true);
  if (isScalar(run) && String(run.value).includes('${{')) {
    at(
      run,
      `job ${jobId}: an expression inside run: is pasted into the script; pass it through env:`,
    );
  }
  const uses = step.get('uses', true);
  if (!isScalar(uses)) return;
  const action = String(uses.value);
  if (action.startsWith('./')) return;
  if (!PINNED.test(action)) {
    at(uses, `${action} is not pinned to a full commit SHA`);
  } else {
    const line = lines[lineCounter.linePos(uses.range![0]).line - 1] ?? '';
    if (!VERSION_COMMENT.test(line))
      at(uses, `${action} needs its version in a comment (# vX.Y.Z)`);
  }
  const inputs = step.get('with', true);
  const input = (name: string) => (isMap(inputs) ? inputs.get(name) : undefined);
  if (action.startsWith('actions/setup-node@')) {
    if (input('node-version-file') !== '.nvmrc' || input('cache') !== 'npm') {
      at(uses, 'setup-node takes the version from .nvmrc (node-version-file) and caches npm');
    }
  }
  if (action.startsWith('actions/checkout@') && input('persist-credentials') !== false) {
    at(uses, 'checkout must not leave the token in .git/config: persist-credentials: false');
  }
}
