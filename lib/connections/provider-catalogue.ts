/** Providers we know how to present. Colours are the providers' brand colours; icons are drawn by us. */
export type ProviderInfo = {
  id: string;
  name: string;
  color: string;
  /** false for mobile-SDK-only providers (Apple Health): they connect from the tenant's app. */
  webConnect: boolean;
};

export const PROVIDERS: readonly ProviderInfo[] = [
  { id: 'OURA', name: 'Oura', color: '#1f2937', webConnect: true },
  { id: 'GARMIN', name: 'Garmin', color: '#0f4c81', webConnect: true },
  { id: 'FITBIT', name: 'Fitbit', color: '#00838f', webConnect: true },
  { id: 'WHOOP', name: 'Whoop', color: '#111111', webConnect: true },
  { id: 'POLAR', name: 'Polar', color: '#b91c1c', webConnect: true },
  { id: 'WITHINGS', name: 'Withings', color: '#374151', webConnect: true },
  { id: 'SUUNTO', name: 'Suunto', color: '#0e7490', webConnect: true },
  { id: 'COROS', name: 'Coros', color: '#9a3412', webConnect: true },
  { id: 'STRAVA', name: 'Strava', color: '#c2410c', webConnect: true },
  { id: 'DEXCOM', name: 'Dexcom', color: '#15803d', webConnect: true },
  { id: 'FREESTYLELIBRE', name: 'FreeStyle Libre', color: '#1d4ed8', webConnect: true },
  { id: 'GOOGLE', name: 'Google Fit', color: '#1a73e8', webConnect: true },
  { id: 'APPLE', name: 'Apple Health', color: '#be123c', webConnect: false },
];

const byId = new Map(PROVIDERS.map((provider) => [provider.id, provider]));

export const PROVIDER_ID_PATTERN = /^[A-Z][A-Z0-9_]{1,39}$/;

export function isKnownProvider(id: string): boolean {
  return byId.has(id);
}

/** A provider by id; one we have never heard of (a platform added it) is shown by a readable name. */
export function providerInfo(id: string): ProviderInfo {
  const known = byId.get(id);
  if (known) return known;
  const name = id
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
  return { id, name, color: '#475569', webConnect: true };
}
