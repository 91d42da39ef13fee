//! The generator of hostile inputs: a seeded random walk over a valid
//! sample that drops and adds keys at every level and puts hostile values
//! (edge numbers, huge strings and lists, control characters, deep nesting,
//! wrong types) anywhere.

use serde_json::{Value, json};

/// xorshift64*: small, seeded, the same cases on every machine.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

pub const CONTROLS: &str = "\u{0}\u{1}\u{8}\u{b}\u{1b}[31m\u{7f}\u{85}\u{9f}\u{200b}\u{2028}\u{202e}\u{feff}\u{fffd}\u{ffff}\u{10ffff}";

fn huge_string(rng: &mut Rng) -> Value {
    let len = *rng.pick(&[101, 201, 501, 2001, 4097, 10_001, 100_001, 1_000_000]);
    let unit = *rng.pick(&["a", "å", "😀", ",", "\u{0}", " "]);
    Value::String(unit.repeat(len))
}

fn edge_number(rng: &mut Rng) -> Value {
    rng.pick(&[
        json!(0),
        json!(-1),
        json!(1),
        json!(3),
        json!(21),
        json!(1001),
        json!(100_001),
        json!(i64::MAX),
        json!(i64::MIN),
        json!(u64::MAX),
        json!(9_007_199_254_740_993_i64),
        json!(999_999_999),
        json!(0.5),
        json!(-0.0),
        json!(1e308),
        json!(-1e308),
        json!(f64::MIN_POSITIVE),
    ])
    .clone()
}

fn odd_string(rng: &mut Rng) -> Value {
    let texts = [
        "",
        " ",
        "x",
        CONTROLS,
        "2027-02-30",
        "99999-01-01",
        "0000-00-00",
        "24:00",
        "-1",
        "1e400",
        "NaN",
        "Infinity",
        "9223372036854775808",
        "'; DROP TABLE people; --",
        "%_\\",
        "\"*NEAR(a b)",
        "javascript:alert(1)",
        "https://",
        "0025",
        "not base64 ✓",
        "../../../etc/passwd",
        "00000000-0000-4000-8000-000000000000",
    ];
    Value::String(rng.pick(&texts).to_string())
}

fn huge_list(rng: &mut Rng, like: Option<&Value>) -> Value {
    let len = *rng.pick(&[4, 51, 101, 201, 501, 1001, 5001, 10_001, 100_001]);
    let len = if rng.below(40) == 0 { 1_000_000 } else { len };
    // A small entry only: a huge list of huge lists is not what is tested. The
    // longest lists take only a tiny entry, or a million copies of a sample's
    // record (a meeting draft, say) fill gigabytes before anything is sent.
    let small_enough = if len > 10_001 { 40 } else { 1000 };
    let small = like.filter(|v| v.to_string().len() < small_enough);
    let item = small.cloned().unwrap_or_else(|| json!(1));
    Value::Array(vec![item; len])
}

fn nested(depth: usize) -> Value {
    (0..depth).fold(json!(1), |inner, _| json!([inner]))
}

/// A hostile value for one place in the input.
fn hostile(rng: &mut Rng, was: &Value) -> Value {
    match rng.below(10) {
        0 => rng.pick(&[json!(null), json!(true), json!(false), json!({}), json!([])]).clone(),
        1 | 2 => edge_number(rng),
        3 => huge_string(rng),
        4 => odd_string(rng),
        5 => match was {
            Value::String(s) => Value::String(format!("{s}{CONTROLS}")),
            Value::Array(items) => huge_list(rng, items.first()),
            other => Value::Array(vec![other.clone()]),
        },
        6 => huge_list(rng, None),
        7 => json!({"id": 1, "unexpected": was}),
        8 => nested(100 + rng.below(100)),
        _ => Value::String(was.to_string()),
    }
}

/// The paths to every value in `v`, the root first.
fn paths(v: &Value, at: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(at.clone());
    let children: Vec<(String, &Value)> = match v {
        Value::Object(m) => m.iter().map(|(k, v)| (k.clone(), v)).collect(),
        // The first entries stand for the rest: a list made huge by an
        // earlier mutation is not walked a million times.
        Value::Array(items) => {
            items.iter().take(3).enumerate().map(|(i, v)| (i.to_string(), v)).collect()
        }
        _ => Vec::new(),
    };
    for (key, child) in children {
        at.push(key);
        paths(child, at, out);
        at.pop();
    }
}

fn at_path<'v>(v: &'v mut Value, path: &[String]) -> &'v mut Value {
    path.iter().fold(v, |v, key| match v {
        Value::Object(m) => m.get_mut(key).expect("path exists"),
        Value::Array(items) => &mut items[key.parse::<usize>().expect("index")],
        _ => unreachable!("paths lead through objects and arrays"),
    })
}

/// One to three mutations of the sample, and what they were.
pub fn mutate(rng: &mut Rng, sample: &Value) -> (Value, String) {
    let mut input = sample.clone();
    let mut what = Vec::new();
    for _ in 0..1 + rng.below(3) {
        let mut all = Vec::new();
        paths(&input, &mut Vec::new(), &mut all);
        let path = rng.pick(&all).clone();
        let place = at_path(&mut input, &path);
        let kind = rng.below(4);
        match (kind, &mut *place) {
            (0, Value::Object(m)) if !m.is_empty() => {
                let key = m.keys().nth(rng.below(m.len())).cloned().expect("a key");
                m.remove(&key);
                what.push(format!("drop {path:?}.{key}"));
            }
            (1, Value::Object(m)) => {
                let key = rng.pick(&["unexpected", "id", "__proto__", "", CONTROLS, "Name"]);
                let key = if rng.below(50) == 0 { "k".repeat(100_000) } else { key.to_string() };
                m.insert(key.chars().take(40).collect(), json!("extra"));
                what.push(format!("add {path:?}.{}", key.chars().take(20).collect::<String>()));
            }
            _ => {
                let new = hostile(rng, place);
                what.push(format!("set {path:?} = {}", short(&new)));
                *place = new;
            }
        }
    }
    (input, what.join("; "))
}

pub fn short(v: &Value) -> String {
    let text = v.to_string();
    if text.len() > 80 {
        format!("{}… ({} bytes)", &text[..text.floor_char_boundary(80)], text.len())
    } else {
        text
    }
}
