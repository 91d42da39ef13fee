//! The rule of migration 0006, written for Rust code in
//! `src/meetings/attendance.rs`: attendance is never written with REPLACE,
//! whose deletions fire no trigger and so would leave the attendance tallies
//! counting rows that are gone. A REPLACE passes every test that does not
//! happen to replace a row, so the rule is kept by a scan of the core's
//! sources, and the scan is tested on made-up sources that break it.

use std::path::{Path, PathBuf};

/// Where a Rust source writes `attendance` or a tally with REPLACE, as line
/// numbers. Only SQL can: the text of the file's string literals is read,
/// joined (so that `concat!` pieces and `\`-continued lines read as one),
/// and searched for `REPLACE` followed by `attendance…`, optionally with
/// `INTO` or a schema between (`INSERT OR REPLACE INTO`, `REPLACE INTO`,
/// `UPDATE OR REPLACE`).
fn replace_writes_of_attendance(source: &str) -> Vec<usize> {
    // (word, line) for every word inside a string literal, in order.
    let mut words: Vec<(String, usize)> = Vec::new();
    let mut word = String::new();
    let mut line = 1;
    let mut chars = source.chars().peekable();
    let mut in_string = false;
    let flush = |word: &mut String, line: usize, words: &mut Vec<(String, usize)>| {
        if !word.is_empty() {
            words.push((std::mem::take(word).to_lowercase(), line));
        }
    };
    while let Some(c) = chars.next() {
        if c == '\n' {
            line += 1;
        }
        if in_string {
            match c {
                '\\' => {
                    flush(&mut word, line, &mut words);
                    if chars.next() == Some('\n') {
                        line += 1;
                    }
                }
                '"' => {
                    flush(&mut word, line, &mut words);
                    in_string = false;
                }
                c if c.is_alphanumeric() || c == '_' => word.push(c),
                _ => flush(&mut word, line, &mut words),
            }
            continue;
        }
        match (c, chars.peek()) {
            // '"' and '\"' are characters, not strings
            ('\'' | '\\', Some('"')) => {
                chars.next();
            }
            ('"', _) => in_string = true,
            ('/', Some('/')) => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        line += 1;
                        break;
                    }
                }
            }
            ('/', Some('*')) => {
                let mut previous = ' ';
                for c in chars.by_ref() {
                    if c == '\n' {
                        line += 1;
                    }
                    if (previous, c) == ('*', '/') {
                        break;
                    }
                    previous = c;
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    for (i, (w, at)) in words.iter().enumerate() {
        if w != "replace" {
            continue;
        }
        let target = words[i + 1..]
            .iter()
            .map(|(w, _)| w.as_str())
            .find(|w| !matches!(*w, "into" | "main" | "temp"));
        if target.is_some_and(|t| t.starts_with("attendance")) {
            found.push(*at);
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The rule of migration 0006 and `src/meetings/attendance.rs`, kept by a
/// scan: a REPLACE would pass every test that does not happen to replace a
/// row, and leave the statistics wrong for good where it does.
#[test]
fn no_source_writes_attendance_with_replace() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    assert!(files.len() > 20, "the core's sources were found");
    let mut breaches = Vec::new();
    for file in files {
        for line in replace_writes_of_attendance(&std::fs::read_to_string(&file).unwrap()) {
            breaches.push(format!("{}:{line}", file.strip_prefix(root).unwrap().display()));
        }
    }
    assert!(
        breaches.is_empty(),
        "attendance written with REPLACE, which the tally triggers do not see (see \
         src/meetings/attendance.rs):\n{}",
        breaches.join("\n")
    );
}

#[test]
fn the_replace_scan_finds_what_it_looks_for() {
    let found = |source: &str| replace_writes_of_attendance(source);
    assert_eq!(found(r#"sqlx::query("INSERT OR REPLACE INTO attendance (a) VALUES (?)")"#), [1]);
    assert_eq!(found("x(\"REPLACE INTO main.attendance_tally VALUES (1)\")"), [1]);
    assert_eq!(found("x(\"update or replace Attendance set status = ?\")"), [1]);
    assert_eq!(found("concat!(\n\"INSERT OR REPLACE INTO \",\n\"attendance (a)\")"), [2]);
    assert_eq!(found("x(\"INSERT OR REPLACE \\\n     INTO attendance (a)\")"), [1]);
    assert_eq!(found("let q = '\"';\n\n x(\"insert or replace into attendance\")"), [3]);
    assert_eq!(found("let q = '\\\"'; /* \" */\n x(\"REPLACE INTO attendance\")"), [2]);
    for fine in [
        "// INSERT OR REPLACE INTO attendance is forbidden",
        "x(\"INSERT INTO attendance (a) VALUES (?) ON CONFLICT (a) DO UPDATE SET a = 1\")",
        "x(\"INSERT OR REPLACE INTO settings (key) VALUES (?)\")",
        "let s = text.replace(\"a\", \"b\"); x(\"DELETE FROM attendance\")",
    ] {
        assert!(found(fine).is_empty(), "{fine}");
    }
}
