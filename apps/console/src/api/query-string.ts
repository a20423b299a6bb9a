/**
 * A query string from a query object typed as the document has it (QueryOf in contract.ts): absent and empty
 * values are left out, numbers and booleans are written as text.
 */
export function queryString(query: Readonly<Record<string, string | number | boolean | undefined>>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    search.set(name, String(value));
  }
  return search.toString();
}
