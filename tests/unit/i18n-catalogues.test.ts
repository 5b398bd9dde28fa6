import { describe, expect, it } from 'vitest';
import { LOCALES } from '@/lib/i18n/locales';
import { CATALOGUES } from '@/lib/i18n/messages';
import { catalogueProblems, flattenMessages } from '../support/catalogue-check';

const en = CATALOGUES.en;

describe('message catalogues', () => {
  it.each(LOCALES.filter((locale) => locale !== 'en'))(
    '%s has every key of en, with the same placeholders',
    (locale) => {
      expect(catalogueProblems(en, CATALOGUES[locale])).toEqual([]);
    },
  );

  it('the check fails for a missing key, an extra key and a changed placeholder', () => {
    const broken = structuredClone(CATALOGUES.de) as Record<string, Record<string, string>>;
    delete broken.devices?.title;
    broken.link = { ...broken.link, heading: 'Weiter zu {firma}' };
    broken.extra = { key: 'value' };
    expect(catalogueProblems(en, broken)).toEqual([
      'missing devices.title',
      'placeholders differ in link.heading: {firma}',
      'extra extra.key',
    ]);
  });

  it('uses only plain {placeholders} (no ICU plural/select the placeholder check would miss)', () => {
    for (const locale of LOCALES) {
      for (const [key, message] of flattenMessages(CATALOGUES[locale])) {
        expect(message, `${locale} ${key}`).not.toMatch(/\{\s*\w+\s*,/);
      }
    }
  });

  it('keeps the accessible names of SPEC §5 exactly in en', () => {
    expect(en.devices.connectedHeading).toBe('Connected devices');
    expect(en.devices.connectProvider).toBe('Connect {provider}');
    expect(en.devices.reconnectProvider).toBe('Reconnect {provider}');
    expect(en.devices.disconnectProvider).toBe('Disconnect {provider}');
    expect(en.dialog.confirm).toBe('Disconnect');
    expect(en.link.continue).toBe('Continue');
    expect(en.link.heading).toBe('Continue to manage your devices at {tenant}');
    expect([en.sandbox.allow, en.sandbox.deny, en.sandbox.simulateError]).toEqual([
      'Allow',
      'Deny',
      'Simulate error',
    ]);
    expect(en.shell.backTo).toBe('Back to {tenant}');
    expect(en.link.backTo).toBe('Back to {tenant}');
    expect([en.status.active, en.status.reauth_required, en.status.error]).toEqual([
      'Connected',
      'Needs reconnecting',
      'Error',
    ]);
  });
});
