/**
 * How questions and notes are cut into search terms: the same for both, so that "indexes",
 * "waiting" and "parsed" find notes that say "index", "wait" and "parse".
 */

/** Splits on spaces and punctuation but keeps `$` and `#`, as in `v$session` or `current_obj#`. */
const SEPARATORS = /[^\p{L}\p{N}$#]+/u;

/** Words that say nothing about a subject; dropped from questions and notes alike. */
const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about after all also am an and any are as at be been before being but by can could did do ' +
    'does doing done for from get gets got had has have having he her here him his how i if in ' +
    'into is it its just let me more most much my no not now of off on once only or other our out ' +
    'over please same see she should show so some such tell than that the their them then there ' +
    'these they this those through to too under up us very want was we were what when where which ' +
    'while who whom why will with would you your'
  ).split(' '),
);

/** The words of a text, before {@link searchTerm}. */
export function splitWords(text: string): string[] {
  return text.split(SEPARATORS);
}

/** A word as a search term: lower-cased and stemmed, or null for a stop word. */
export function searchTerm(word: string): string | null {
  const lower = word.toLowerCase();
  if (lower === '' || STOP_WORDS.has(lower)) return null;
  return stem(lower);
}

/**
 * A light suffix stripper (plurals, -ing, -ed, a final -e) in the spirit of Porter's first step:
 * enough for a few dozen English notes, and predictable. Words of four letters or fewer, numbers
 * and identifiers with `$`, `#` or digits are left alone.
 */
function stem(word: string): string {
  if (word.length <= 4 || /[\d$#]/.test(word)) return word;
  let stemmed = word;
  if (stemmed.endsWith('ies')) stemmed = `${stemmed.slice(0, -3)}y`;
  else if (/(ches|shes|sses|xes|zes)$/.test(stemmed)) stemmed = stemmed.slice(0, -2);
  else if (/[^isu]s$/.test(stemmed)) stemmed = stemmed.slice(0, -1);
  else if (/ing$/.test(stemmed) && stemmed.length > 6) stemmed = undouble(stemmed.slice(0, -3));
  else if (/ed$/.test(stemmed) && stemmed.length > 5) stemmed = undouble(stemmed.slice(0, -2));
  return stemmed.length > 4 && stemmed.endsWith('e') ? stemmed.slice(0, -1) : stemmed;
}

/** `runn` → `run`, but `spill` and `pass` stay. */
function undouble(word: string): string {
  return /([^lsz])\1$/.test(word) ? word.slice(0, -1) : word;
}
