/**
 * The deterministic token estimator every twin uses for usage: no tokenizer, the same count on
 * every machine, one pass over the text.
 *
 * It imitates what the BPE tokenizers of the providers do to English text and code (a word with
 * the space before it is one token, common words are whole tokens, punctuation comes in small
 * clusters). The text is read as runs, and each run costs:
 * - a word of ASCII letters: 1 token up to 8 letters, then 1 more per 4 letters (`apple` 1,
 *   `tokenization` 2, `internationalization` 4); an apostrophe joins the letters after it
 *   (`don't` = `don` + `'t`);
 * - a word with other letters: 1 token per 2 of its non-ASCII letters, plus its ASCII letters as
 *   above; CJK ideographs, kana and hangul: 1 token each;
 * - digits: 1 token per 3 (`2026` 2);
 * - punctuation and symbols: 1 token per 2 characters (`{"` 1, `":"` 2); a symbol outside ASCII
 *   (an emoji) 1 each;
 * - whitespace: free when it is one space or tab (it goes with the next word), else 1 token per
 *   run (a line break, indentation).
 * English prose lands within about 10% of cl100k/o200k counts (`"apple " x 400` is 400 tokens;
 * the text answers recorded from the real APIs in `../shared/fixtures/llm` are 0-10% under their
 * reported output tokens); the empty string is 0 tokens. A
 * prompt block adds a fixed overhead for its role markers ({@link MESSAGE_OVERHEAD_TOKENS}); an
 * image costs {@link IMAGE_TOKENS} whatever its size.
 * @module
 */

/** Tokens a prompt block (message, tool, system text) costs on top of its content. */
export const MESSAGE_OVERHEAD_TOKENS = 3;

/** Tokens one image costs (OpenAI's low-detail price), whatever its size. */
export const IMAGE_TOKENS = 85;

/** Letters of an ASCII word that still make one token. */
const WORD_TOKEN_LETTERS = 8;

/** Kinds of run (see the module doc). */
const NONE = 0;
const WORD = 1;
const DIGITS = 2;
const PUNCT = 3;
const SPACE_RUN = 4;

const LETTER = /\p{L}|\p{M}/u;
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const SPACE = /\s/u;

function asciiWordTokens(letters: number): number {
  return letters <= WORD_TOKEN_LETTERS ? 1 : 1 + Math.ceil((letters - WORD_TOKEN_LETTERS) / 4);
}

/** Estimated tokens of `text` (see the module doc). */
export function estimateTokens(text: string): number {
  let tokens = 0;
  let run: number = NONE;
  let ascii = 0; // ASCII letters of the current word
  let other = 0; // other letters of the current word
  let length = 0; // characters of the current digit, punctuation or space run
  let newline = false; // the space run holds a line break
  const close = (): void => {
    switch (run) {
      case WORD:
        tokens += (ascii > 0 ? asciiWordTokens(ascii) : 0) + Math.ceil(other / 2);
        break;
      case DIGITS:
        tokens += Math.ceil(length / 3);
        break;
      case PUNCT:
        tokens += Math.ceil(length / 2);
        break;
      case SPACE_RUN:
        if (newline || length > 1) tokens++;
        break;
    }
    run = NONE;
    ascii = 0;
    other = 0;
    length = 0;
    newline = false;
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) {
      if (run !== WORD) close();
      run = WORD;
      ascii++;
    } else if (code >= 48 && code <= 57) {
      if (run !== DIGITS) close();
      run = DIGITS;
      length++;
    } else if (code === 32 || code === 9 || code === 10 || code === 13) {
      if (run !== SPACE_RUN) close();
      run = SPACE_RUN;
      length++;
      if (code === 10) newline = true;
    } else if (code < 128) {
      // An apostrophe before a letter starts the next word (`'t`, `'s`, `'re`).
      const next = text.charCodeAt(i + 1);
      if (code === 39 && ((next >= 97 && next <= 122) || (next >= 65 && next <= 90))) {
        close();
        continue;
      }
      if (run !== PUNCT) close();
      run = PUNCT;
      length++;
    } else {
      const point = text.codePointAt(i) ?? code;
      const char = String.fromCodePoint(point);
      if (point > 0xffff) i++;
      if (WIDE.test(char)) {
        close();
        tokens++;
      } else if (LETTER.test(char)) {
        if (run !== WORD) close();
        run = WORD;
        other++;
      } else if (SPACE.test(char)) {
        if (run !== SPACE_RUN) close();
        run = SPACE_RUN;
        length++;
      } else {
        close();
        tokens++;
      }
    }
  }
  close();
  return tokens;
}

/**
 * Splits `text` into stream deltas that each count as about one token: a word with the spaces
 * before it (`"Hello"`, `" world"`); a piece longer than 12 characters is cut every 8. Joining
 * the pieces gives `text` back exactly.
 */
export function splitDeltas(text: string): string[] {
  const pieces = text.match(/\s*\S+|\s+$/g) ?? (text === "" ? [] : [text]);
  const out: string[] = [];
  for (const piece of pieces) {
    if (piece.length <= 12) {
      out.push(piece);
      continue;
    }
    for (let i = 0; i < piece.length; i += 8) out.push(piece.slice(i, i + 8));
  }
  return out;
}

/** Splits tool-call arguments (JSON text) into stream deltas of up to `size` characters. */
export function splitChunks(text: string, size = 8): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/**
 * The longest start of `text` (cut at word boundaries) whose estimate is at most `maxTokens`;
 * used when a reply runs into the request's output limit.
 */
export function truncateToTokens(text: string, maxTokens: number): string {
  if (estimateTokens(text) <= maxTokens) return text;
  let kept = "";
  for (const piece of splitDeltas(text)) {
    if (estimateTokens(kept + piece) > maxTokens) break;
    kept += piece;
  }
  return kept;
}
