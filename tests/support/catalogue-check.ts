type Catalogue = { [key: string]: string | Catalogue };

/** Every leaf of a message catalogue as "namespace.key" → message. */
export function flattenMessages(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [inner, message] of flattenMessages(value, path)) out.set(inner, message);
  }
  return out;
}

/** The {placeholders} and <tags> of a message, sorted; the catalogues use no nested ICU syntax. */
export function messageArguments(message: string): string[] {
  const names = [...message.matchAll(/\{(\w+)\}/g)].map((m) => `{${m[1]}}`);
  const tags = [...message.matchAll(/<(\w+)>/g)].map((m) => `<${m[1]}>`);
  return [...names, ...tags].sort();
}

/** What a translation gets wrong against the source: missing or extra keys, other placeholders. */
export function catalogueProblems(source: Catalogue, translation: Catalogue): string[] {
  const want = flattenMessages(source);
  const have = flattenMessages(translation);
  const problems: string[] = [];
  for (const [key, message] of want) {
    const translated = have.get(key);
    if (translated === undefined) problems.push(`missing ${key}`);
    else if (translated.trim() === '') problems.push(`empty ${key}`);
    else if (messageArguments(translated).join() !== messageArguments(message).join())
      problems.push(`placeholders differ in ${key}: ${messageArguments(translated).join()}`);
  }
  for (const key of have.keys()) if (!want.has(key)) problems.push(`extra ${key}`);
  return problems;
}
