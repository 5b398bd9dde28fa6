/**
 * A redemption POST must come from this tenant host's own page (or be typed/opened directly).
 * Tenant subdomains of one root are same-site, so SameSite=Lax alone would let tenant B's page post here.
 */
export function isAllowedRedeemPost(headers: Headers, expectedOrigin: string): boolean {
  const fetchSite = headers.get('sec-fetch-site');
  if (fetchSite !== null) return fetchSite === 'same-origin' || fetchSite === 'none';
  const origin = headers.get('origin');
  if (origin !== null) return origin === expectedOrigin;
  return true; // curl and other non-browser clients send neither; they cannot carry a victim's cookies
}
