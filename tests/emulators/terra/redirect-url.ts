// The redirect back (section 3): `user_id`, `resource`, `reference_id` appended, each
// percent-encoded, keeping the URL's own query and fragment byte for byte.

export type RedirectParams = {
  userId: string | null;
  resource: string | null;
  referenceId: string | null;
};

export function appendRedirectParams(url: string, params: RedirectParams): string {
  const hashIndex = url.indexOf('#');
  const beforeHash = hashIndex === -1 ? url : url.slice(0, hashIndex);
  const hash = hashIndex === -1 ? '' : url.slice(hashIndex);
  const entries: Array<[string, string | null]> = [
    ['user_id', params.userId],
    ['resource', params.resource],
    ['reference_id', params.referenceId],
  ];
  const added = entries.map(([key, value]) => `${key}=${encodeURIComponent(value ?? 'null')}`).join('&');
  const separator = !beforeHash.includes('?') ? '?' : /[?&]$/.test(beforeHash) ? '' : '&';
  return `${beforeHash}${separator}${added}${hash}`;
}
