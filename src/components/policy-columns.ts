/** Section III's columns: the table's headings, and the labels of the rows listed by name only. */
export const POLICY_COLUMNS = {
  jurisdiction: { label: 'Jurisdiction' },
  listedAs: { label: 'Listed as' },
  dateEnacted: { label: 'Date enacted' },
  policy: { label: 'Policy', wide: true },
  criteria: { label: 'Criteria for honoring a detainer', wide: true },
  firstListed: { label: 'First listed' },
  source: { label: 'Source', named: true },
};
