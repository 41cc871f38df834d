/**
 * The document's sessionStorage, or `null` where reading it throws (some privacy modes): callers
 * then keep their values in memory only.
 */
export function sessionStorageOf(doc: Document): Storage | null {
  try {
    return doc.defaultView?.sessionStorage ?? null;
  } catch {
    return null;
  }
}
