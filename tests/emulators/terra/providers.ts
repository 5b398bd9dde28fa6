// The provider catalogue of section 4. Upper-case values; APPLE and SAMSUNG are SDK-only.

export type ProviderInfo = {
  provider: string;
  name: string;
  isSdkOnly: boolean;
  scopes: string;
};

const DATA_SCOPES = 'activity,sleep,daily,body,heartrate';

const CATALOGUE: readonly ProviderInfo[] = [
  { provider: 'GARMIN', name: 'Garmin', isSdkOnly: false, scopes: DATA_SCOPES },
  { provider: 'OURA', name: 'Oura', isSdkOnly: false, scopes: 'daily,sleep,heartrate,personal' },
  {
    provider: 'WHOOP',
    name: 'WHOOP',
    isSdkOnly: false,
    scopes: 'read:recovery,read:sleep,read:workout',
  },
  { provider: 'POLAR', name: 'Polar', isSdkOnly: false, scopes: DATA_SCOPES },
  {
    provider: 'WITHINGS',
    name: 'Withings',
    isSdkOnly: false,
    scopes: 'user.metrics,user.activity',
  },
  { provider: 'COROS', name: 'COROS', isSdkOnly: false, scopes: DATA_SCOPES },
  { provider: 'STRAVA', name: 'Strava', isSdkOnly: false, scopes: 'read,activity:read_all' },
  { provider: 'DEXCOM', name: 'Dexcom', isSdkOnly: false, scopes: 'offline_access' },
  { provider: 'FREESTYLELIBRE', name: 'FreeStyle Libre', isSdkOnly: false, scopes: 'glucose' },
  { provider: 'GOOGLE', name: 'Google', isSdkOnly: false, scopes: DATA_SCOPES },
  { provider: 'APPLE', name: 'Apple Health', isSdkOnly: true, scopes: DATA_SCOPES },
  { provider: 'SAMSUNG', name: 'Samsung Health', isSdkOnly: true, scopes: DATA_SCOPES },
];

/** Exact, upper-case match: Terra's values are upper case, so `oura` is an unknown provider. */
export function findProvider(value: string): ProviderInfo | undefined {
  return CATALOGUE.find((info) => info.provider === value.trim());
}

export function listProviders(options: { includeSdk: boolean }): ProviderInfo[] {
  return CATALOGUE.filter((info) => options.includeSdk || !info.isSdkOnly);
}
