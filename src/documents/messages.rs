//! The texts the core itself puts in front of people (CSV headers and
//! values, later the PDF summaries) come from the same message files as the
//! interface, `ui/src/messages/{sv,en}.json`, so each text is written once.

use crate::store::settings::Language;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;

static SV: &str = include_str!("../../ui/src/messages/sv.json");
static EN: &str = include_str!("../../ui/src/messages/en.json");

fn catalogue(language: Language) -> &'static HashMap<String, String> {
    static CATALOGUES: OnceLock<[HashMap<String, String>; 2]> = OnceLock::new();
    let [sv, en] = CATALOGUES.get_or_init(|| {
        let parse = |text: &str| serde_json::from_str(text).expect("message file is valid JSON");
        [parse(SV), parse(EN)]
    });
    match language {
        Language::Sv => sv,
        Language::En => en,
    }
}

/// The text for `key`. A missing key is a bug caught by the tests; at run
/// time it shows the key itself rather than nothing.
pub fn text(language: Language, key: &str) -> &'static str {
    match catalogue(language).get(key) {
        Some(text) => text,
        None => {
            debug_assert!(false, "no message {key}");
            // Leaking a key is fine: it happens only for a key the tests would miss.
            Box::leak(key.to_owned().into_boxed_str())
        }
    }
}

/// The text for an enum value: `prefix.snake_case_value`.
pub fn label<T: Serialize>(language: Language, prefix: &str, value: T) -> &'static str {
    text(language, &format!("{prefix}.{}", identifier(value)))
}

/// An enum value as it is serialised, e.g. `county_council`.
pub fn identifier<T: Serialize>(value: T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        other => panic!("not a unit enum value: {other:?}"),
    }
}

/// Every text of `prefix.*` in both languages, with the value it names,
/// for reading a label back (an import accepts what an export wrote).
pub fn labels_of(prefix: &str) -> Vec<(String, &'static str)> {
    let start = format!("{prefix}.");
    let mut out = Vec::new();
    for language in [Language::Sv, Language::En] {
        for (key, text) in catalogue(language) {
            if let Some(value) = key.strip_prefix(&start) {
                out.push((value.to_owned(), text.as_str()));
            }
        }
    }
    out
}

/// A message with a count in the form the language's plural rules (CLDR, the
/// same rules as `Intl.PluralRules` in the interface) choose for it: the key
/// `base_one` or `base_other`, with `{count}` filled in. "1 möte", "2 möten".
/// Swedish and English have only these two forms for whole numbers.
pub fn plural(language: Language, base: &str, count: u64) -> String {
    let form = plural_form(language, count);
    fill(text(language, &format!("{base}_{form}")), &[("count", &count.to_string())])
}

/// `"one"` or `"other"`: the plural form of `count` in `language`.
pub fn plural_form(language: Language, count: u64) -> &'static str {
    use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
    use unic_langid::LanguageIdentifier;
    thread_local! {
        static RULES: [PluralRules; 2] = {
            let rules = |tag: &str| {
                let id: LanguageIdentifier = tag.parse().expect("a valid language tag");
                PluralRules::create(id, PluralRuleType::CARDINAL).expect("CLDR has rules for it")
            };
            [rules("sv"), rules("en")]
        };
    }
    let category = RULES.with(|[sv, en]| {
        let rules = match language {
            Language::Sv => sv,
            Language::En => en,
        };
        rules.select(count).unwrap_or(PluralCategory::OTHER)
    });
    if category == PluralCategory::ONE { "one" } else { "other" }
}

/// A message with its `{name}` placeholders filled in.
pub fn fill(template: &str, params: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in params {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// A whole number grouped by threes the Swedish way, with no-break spaces
/// (U+00A0) so that an amount never wraps: 5466314 → "5 466 314". The
/// interface's `groupDigitsNoBreak` (ui/src/lib/format.ts) does the same.
pub fn group_digits(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::from(if n < 0 { "-" } else { "" });
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}

/// An amount in whole kronor as the message files write it:
/// "5 466 314 kr" (Swedish), "SEK 5 466 314" (English), never wrapping.
pub fn kronor(language: Language, sek: i64) -> String {
    fill(text(language, "format.budget"), &[("amount", &group_digits(sek))])
}

/// A meeting's name from its kind, number and own title as its page shows it:
/// "Lärandeträff 2", or with the meeting's own title after it.
pub fn meeting_label(
    l: Language,
    kind: crate::kernel::values::MeetingKind,
    number: Option<i64>,
    title: &str,
) -> String {
    let kind_label = label(l, "meetingKind", kind);
    let base = match number {
        Some(n) if kind == crate::kernel::values::MeetingKind::Learning => {
            let number = n.to_string();
            fill(text(l, "meeting.label"), &[("kind", kind_label), ("number", number.as_str())])
        }
        _ => kind_label.to_owned(),
    };
    if title.trim().is_empty() {
        base
    } else {
        fill(text(l, "meeting.labelTitle"), &[("label", &base), ("title", title.trim())])
    }
}
