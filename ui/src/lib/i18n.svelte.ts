// Reactive language state and the t() helper. Swedish is the default.
import sv from '../messages/sv.json';
import en from '../messages/en.json';
import type { Language } from './bindings/Language';

export type MessageKey = keyof typeof sv;
export type Messages = Record<MessageKey, string>;

// `satisfies` makes the compiler check that en.json has every key of sv.json.
const catalogues = { sv, en: en satisfies Messages } as const satisfies Record<Language, Messages>;

export const LANGUAGES: readonly Language[] = ['sv', 'en'];

const state = $state<{ language: Language }>({ language: 'sv' });

export function currentLanguage(): Language {
  return state.language;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Switches the UI language (no IPC; see App for persisting it). */
export function applyLanguage(language: Language): void {
  state.language = language;
  if (typeof document !== 'undefined') {
    document.documentElement.lang = language;
  }
}

/** True when the message files have `key` (for optional, more specific texts). */
export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(sv, key);
}

/** Translate `key`, replacing `{name}` placeholders with `params.name`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = catalogues[state.language][key] ?? sv[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * The keys of a message with a count: `base_one` and `base_other`, named by the forms of
 * `Intl.PluralRules` (as i18next names them).
 */
export type PluralBase = {
  [K in MessageKey]: K extends `${infer B}_one`
    ? `${B}_other` extends MessageKey
      ? B
      : never
    : never;
}[MessageKey];

// a cache, not state: the rules of a language never change
const pluralRules: Partial<Record<Language, Intl.PluralRules>> = {};

/**
 * A message with a count, in the form the language's plural rules choose for it:
 * "1 möte", "2 möten" (`base_one`, `base_other`; Swedish and English have these two).
 * `{count}` in the message is replaced by the count.
 */
export function tn(
  base: PluralBase,
  count: number,
  params?: Record<string, string | number>,
): string {
  return t(pluralKey(base, count), { count, ...params });
}

/** The key of the form of `base` that `count` takes in the current language. */
export function pluralKey(base: PluralBase, count: number): MessageKey {
  const language = state.language;
  const rules = (pluralRules[language] ??= new Intl.PluralRules(language));
  const form = rules.select(count) === 'one' ? 'one' : 'other';
  return `${base}_${form}` as MessageKey;
}
