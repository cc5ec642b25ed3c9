/** U.S. states, the District of Columbia and territories: USPS code, name and FIPS code. */
export interface State {
  usps: string;
  name: string;
  fips: string;
}

export const STATES: readonly State[] = [
  ['AL', 'Alabama', '01'],
  ['AK', 'Alaska', '02'],
  ['AZ', 'Arizona', '04'],
  ['AR', 'Arkansas', '05'],
  ['CA', 'California', '06'],
  ['CO', 'Colorado', '08'],
  ['CT', 'Connecticut', '09'],
  ['DE', 'Delaware', '10'],
  ['DC', 'District of Columbia', '11'],
  ['FL', 'Florida', '12'],
  ['GA', 'Georgia', '13'],
  ['HI', 'Hawaii', '15'],
  ['ID', 'Idaho', '16'],
  ['IL', 'Illinois', '17'],
  ['IN', 'Indiana', '18'],
  ['IA', 'Iowa', '19'],
  ['KS', 'Kansas', '20'],
  ['KY', 'Kentucky', '21'],
  ['LA', 'Louisiana', '22'],
  ['ME', 'Maine', '23'],
  ['MD', 'Maryland', '24'],
  ['MA', 'Massachusetts', '25'],
  ['MI', 'Michigan', '26'],
  ['MN', 'Minnesota', '27'],
  ['MS', 'Mississippi', '28'],
  ['MO', 'Missouri', '29'],
  ['MT', 'Montana', '30'],
  ['NE', 'Nebraska', '31'],
  ['NV', 'Nevada', '32'],
  ['NH', 'New Hampshire', '33'],
  ['NJ', 'New Jersey', '34'],
  ['NM', 'New Mexico', '35'],
  ['NY', 'New York', '36'],
  ['NC', 'North Carolina', '37'],
  ['ND', 'North Dakota', '38'],
  ['OH', 'Ohio', '39'],
  ['OK', 'Oklahoma', '40'],
  ['OR', 'Oregon', '41'],
  ['PA', 'Pennsylvania', '42'],
  ['RI', 'Rhode Island', '44'],
  ['SC', 'South Carolina', '45'],
  ['SD', 'South Dakota', '46'],
  ['TN', 'Tennessee', '47'],
  ['TX', 'Texas', '48'],
  ['UT', 'Utah', '49'],
  ['VT', 'Vermont', '50'],
  ['VA', 'Virginia', '51'],
  ['WA', 'Washington', '53'],
  ['WV', 'West Virginia', '54'],
  ['WI', 'Wisconsin', '55'],
  ['WY', 'Wyoming', '56'],
  ['AS', 'American Samoa', '60'],
  ['GU', 'Guam', '66'],
  ['MP', 'Northern Mariana Islands', '69'],
  ['PR', 'Puerto Rico', '72'],
  ['VI', 'U.S. Virgin Islands', '78'],
].map(([usps, name, fips]) => ({ usps: usps!, name: name!, fips: fips! }));

const byUsps = new Map(STATES.map((state) => [state.usps, state]));

export function isUspsCode(code: string): boolean {
  return byUsps.has(code);
}

export function stateByUsps(code: string): State | undefined {
  return byUsps.get(code);
}

export function stateName(code: string): string {
  return byUsps.get(code)?.name ?? code;
}

const byName = new Map(STATES.map((state) => [state.name.toLowerCase(), state.usps]));

/** "TX", "tx" or "Texas" → "TX"; null for anything else. */
export function toUsps(text: string): string | null {
  const trimmed = text.trim();
  const code = trimmed.toUpperCase();
  return byUsps.has(code) ? code : (byName.get(trimmed.toLowerCase()) ?? null);
}
