/** `npm run issue-form`: writes the error-report issue form from src/lib/intake/form.ts. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { ERROR_REPORT_TEMPLATE, issueFormYaml } from '../src/lib/intake/form.ts';

mkdirSync('.github/ISSUE_TEMPLATE', { recursive: true });
writeFileSync(`.github/ISSUE_TEMPLATE/${ERROR_REPORT_TEMPLATE}`, issueFormYaml());
console.log(`.github/ISSUE_TEMPLATE/${ERROR_REPORT_TEMPLATE} written`);
