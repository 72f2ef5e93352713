// Object names for messages that may name one object or several ("table users" / "tables a, b"),
// with the matching pronoun, so a rule reports once per statement in a sentence that reads right.

export interface ObjectList {
  /** `table users` or `tables users, orders`. */
  phrase: string;
  /** `it` or `them`. */
  them: string;
}

/** `noun` is singular and takes a plain `s` plural (table, schema). */
export function objectList(noun: string, names: readonly string[]): ObjectList {
  const unique = [...new Set(names)];
  return unique.length === 1
    ? { phrase: `${noun} ${unique[0]}`, them: 'it' }
    : { phrase: `${noun}s ${unique.join(', ')}`, them: 'them' };
}
