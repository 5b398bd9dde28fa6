// HTML for the consent page and its end states. Plain forms that POST, so they work without
// JavaScript and read well to screen readers and role-based test selectors.
import type { ProviderInfo } from './providers.js';

export type ConsentPageModel = {
  sessionId: string;
  devId: string;
  referenceId: string | null;
  /** One entry means the provider is fixed and no picker is shown. */
  providerChoices: readonly ProviderInfo[];
  selectedProvider: string | null;
  providerAccount: string;
  error: string | null;
};

export type MessagePageModel = { title: string; message: string; details?: Record<string, string> };

const STYLE = `
  body { font-family: system-ui, sans-serif; background: #f4f5f7; color: #1b1d21; margin: 0; }
  main { max-width: 32rem; margin: 3rem auto; background: #fff; padding: 2rem; border-radius: 0.75rem; }
  .badge { display: inline-block; background: #1b1d21; color: #fff; padding: 0.1rem 0.5rem; border-radius: 0.25rem; font-size: 0.85rem; }
  fieldset { border: 1px solid #8a8f98; border-radius: 0.5rem; margin: 1rem 0; }
  label { display: block; padding: 0.3rem 0; }
  input[type=text] { display: block; width: 100%; padding: 0.4rem; box-sizing: border-box; }
  .actions { display: flex; gap: 0.75rem; margin-top: 1.5rem; }
  button { font-size: 1rem; padding: 0.6rem 1.4rem; border-radius: 0.4rem; border: 2px solid #1b1d21; cursor: pointer; }
  button[value=allow] { background: #14532d; color: #fff; border-color: #14532d; }
  button[value=deny] { background: #fff; color: #1b1d21; }
  :focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
  .error { color: #991b1b; font-weight: 600; }
`;

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function layout(title: string, content: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Terra emulator</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p><span class="badge">Terra emulator</span></p>
${content}
</main>
</body>
</html>`;
}

export function renderConsentPage(model: ConsentPageModel): string {
  const [onlyChoice] = model.providerChoices;
  const isFixed = model.providerChoices.length === 1 && onlyChoice !== undefined;
  const heading = isFixed ? `Connect ${onlyChoice.name}` : 'Connect a wearable';
  const errorHtml =
    model.error === null
      ? ''
      : `<p id="form-error" class="error" role="alert">${escapeHtml(model.error)}</p>`;
  const content = `<h1>${escapeHtml(heading)}</h1>
<p><strong>${escapeHtml(model.devId)}</strong> asks to read your health data through Terra.</p>
${model.referenceId === null ? '' : `<p>Reference: <code>${escapeHtml(model.referenceId)}</code></p>`}
${errorHtml}
<form method="post" action="/widget/session/${encodeURIComponent(model.sessionId)}">
${isFixed ? '' : providerPicker(model)}
<label for="provider-account">Account at the provider (emulated)</label>
<input type="text" id="provider-account" name="provider_account" value="${escapeHtml(model.providerAccount)}">
<div class="actions">
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny" formnovalidate>Deny</button>
</div>
</form>`;
  return layout(heading, content);
}

function providerPicker(model: ConsentPageModel): string {
  const describedBy = model.error === null ? '' : ' aria-describedby="form-error"';
  const options = model.providerChoices
    .map((info) => {
      const id = `provider-${info.provider.toLowerCase()}`;
      const checked = info.provider === model.selectedProvider ? ' checked' : '';
      return `<label for="${id}"><input type="radio" id="${id}" name="provider" value="${info.provider}" required${checked}> ${escapeHtml(info.name)}</label>`;
    })
    .join('\n');
  return `<fieldset${describedBy}>
<legend>Choose your provider</legend>
${options}
</fieldset>`;
}

export function renderMessagePage(model: MessagePageModel): string {
  const details = Object.entries(model.details ?? {})
    .map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('\n');
  const content = `<h1>${escapeHtml(model.title)}</h1>
<p>${escapeHtml(model.message)}</p>
${details === '' ? '' : `<dl>\n${details}\n</dl>`}`;
  return layout(model.title, content);
}

/** A neutral square logo with the provider's initial, for `/integrations/detailed` icons. */
export function renderProviderIcon(name: string): string {
  const initial = escapeHtml(name.charAt(0).toUpperCase());
  return `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64" role="img" aria-label="${escapeHtml(name)}">
<rect width="64" height="64" rx="12" fill="#1b1d21"/>
<text x="32" y="42" font-family="sans-serif" font-size="28" fill="#fff" text-anchor="middle">${initial}</text>
</svg>`;
}
