/**
 * The search page's instant search. The page works without it (the form submits to itself and
 * the browse links stay); with it, results follow each keystroke from Pagefind's index, loaded
 * only here, so no other page carries any script.
 */
import { filterValues } from '../lib/output/search-entry.ts';
import { excerptParts, queryFromSearch, resultSummary } from './search-results.ts';

interface PagefindResultData {
  url: string;
  excerpt: string;
  /** The page's text, unescaped; the excerpt is a part of it. */
  content: string;
  meta: Record<string, string | undefined>;
}
interface PagefindSearch {
  results: { data: () => Promise<PagefindResultData> }[];
}
interface Pagefind {
  search: (
    query: string | null,
    options?: { filters?: Record<string, string> },
  ) => Promise<PagefindSearch | null>;
  filters: () => Promise<Record<string, Record<string, number>>>;
}

/** Enough to find a place; a broader query is narrowed by typing more or by the filters. */
const SHOWN = 20;
const DEBOUNCE_MS = 150;

const form = document.querySelector<HTMLFormElement>('#search-form')!;
const input = document.querySelector<HTMLInputElement>('#search-query')!;
const stateSelect = document.querySelector<HTMLSelectElement>('#search-state')!;
const reportSelect = document.querySelector<HTMLSelectElement>('#search-report')!;
const status = document.querySelector<HTMLElement>('#search-status')!;
const list = document.querySelector<HTMLOListElement>('#search-results')!;

function fillSelect(select: HTMLSelectElement, values: Record<string, number> | undefined) {
  for (const value of filterValues(Object.keys(values ?? {}))) {
    select.append(new Option(value, value));
  }
}

function resultItem(data: PagefindResultData): HTMLLIElement {
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.href = data.url;
  link.textContent = data.meta['title'] ?? data.url;
  item.append(link);
  if (data.meta['kind']) item.append(` (${data.meta['kind']})`);
  const excerpt = document.createElement('p');
  for (const part of excerptParts(data.excerpt, data.content)) {
    if (part.marked) {
      const mark = document.createElement('mark');
      mark.textContent = part.text;
      excerpt.append(mark);
    } else excerpt.append(part.text);
  }
  item.append(excerpt);
  return item;
}

async function start() {
  // Resolved against the form's own address, so a site under a base path finds its index.
  const bundle = new URL('../pagefind/pagefind.js', form.action).href;
  let pagefind: Pagefind;
  try {
    pagefind = (await import(/* @vite-ignore */ bundle)) as Pagefind;
  } catch {
    status.textContent = 'The search index could not be loaded; the lists below reach every page.';
    return;
  }
  document.querySelector('#search-needs-script')!.setAttribute('hidden', '');
  const filters = await pagefind.filters();
  fillSelect(stateSelect, filters['state']);
  fillSelect(reportSelect, filters['report']);
  document.querySelector('#search-filters')!.removeAttribute('hidden');

  let latest = 0;
  const run = async () => {
    const query = input.value.trim();
    const chosen: Record<string, string> = {};
    if (stateSelect.value) chosen['state'] = stateSelect.value;
    if (reportSelect.value) chosen['report'] = reportSelect.value;
    const url = new URL(window.location.href);
    url.search = query ? new URLSearchParams({ q: query }).toString() : '';
    window.history.replaceState(null, '', url);
    const ticket = ++latest;
    if (!query && !Object.keys(chosen).length) {
      list.replaceChildren();
      status.textContent = '';
      return;
    }
    const search = await pagefind.search(query || null, { filters: chosen });
    const shown = await Promise.all(
      (search?.results ?? []).slice(0, SHOWN).map((result) => result.data()),
    );
    // A slower, older search must not overwrite the answer to what the reader typed last.
    if (ticket !== latest) return;
    list.replaceChildren(...shown.map(resultItem));
    status.textContent = resultSummary(search?.results.length ?? 0, query, shown.length);
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), DEBOUNCE_MS);
  });
  stateSelect.addEventListener('change', () => void run());
  reportSelect.addEventListener('change', () => void run());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  // What the reader typed while the index loaded wins over the address.
  input.value ||= queryFromSearch(window.location.search);
  await run();
}

void start();
