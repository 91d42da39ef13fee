//! The house rules of the core, checked on its source so that the test
//! command fails the day one is broken:
//!
//! - every module of `src/` is in a room (a top-level folder) named in
//!   `ROOMS`, and a room uses only the rooms before it in that list;
//! - no modules import each other in a cycle, inside a room or across rooms;
//! - no Rust or Svelte file is over 500 lines unless its first lines say why
//!   (a line with "Over 500 lines because").
//!
//! Imports are read from the `crate::` and `super::` paths in the code
//! (comments left out), resolved to the longest module path they name; the
//! crate root's `pub use` re-exports count as the module they come from.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The rooms of the core, lowest first. The layering is written out in
/// `src/lib.rs` and the README.
const ROOMS: &[&str] = &[
    "kernel",
    "store",
    "search",
    "registry",
    "pairings",
    "meetings",
    "pages",
    "privacy",
    "exchange",
    "documents",
    "shared",
];

const MAX_LINES: usize = 500;
const LONG_FILE_REASON: &str = "Over 500 lines because";

/// A module of the crate: its path (`registry::person`, `""` for the root)
/// and its source.
struct Module {
    path: String,
    source: String,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files(dir: &Path, extension: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable folder") {
        let path = entry.expect("folder entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if path.is_dir() {
            if !matches!(name, "node_modules" | "target" | "dist" | "bindings") {
                files(&path, extension, out);
            }
        } else if path.extension().and_then(|e| e.to_str()) == Some(extension) {
            out.push(path);
        }
    }
}

fn core_modules() -> Vec<Module> {
    let src = root().join("src");
    let mut paths = Vec::new();
    files(&src, "rs", &mut paths);
    paths
        .into_iter()
        // src/bin/ holds binaries (crates of their own), not modules of the core.
        .filter(|file| !file.starts_with(src.join("bin")))
        .map(|file| {
            let relative = file.strip_prefix(&src).unwrap().with_extension("");
            let mut segments: Vec<String> =
                relative.iter().map(|s| s.to_string_lossy().into_owned()).collect();
            if matches!(segments.last().map(String::as_str), Some("mod" | "lib")) {
                segments.pop();
            }
            Module { path: segments.join("::"), source: std::fs::read_to_string(&file).unwrap() }
        })
        .collect()
}

/// The code without its comments (line, doc and block comments), so that a
/// path named in prose is not an import.
fn without_comments(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if c == '\\' {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match (c, chars.peek()) {
            // A character literal such as '"' is no string.
            ('\'', Some('"')) => {
                out.push(c);
                out.extend(chars.next());
            }
            ('"', _) => {
                in_string = true;
                out.push(c);
            }
            ('/', Some('/')) => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            ('/', Some('*')) => {
                let mut previous = ' ';
                for c in chars.by_ref() {
                    if previous == '*' && c == '/' {
                        break;
                    }
                    previous = c;
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Reads a path after `crate::` or `super::`: its segments, expanding a group
/// in braces (nested groups too) into one path per item.
fn read_paths(text: &str, prefix: &str, out: &mut Vec<String>) -> usize {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut path = prefix.to_owned();
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < bytes.len() && bytes[i] == b'{' {
            i += 1;
            loop {
                while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b',') {
                    i += 1;
                }
                if i >= bytes.len() || bytes[i] == b'}' {
                    return i + 1;
                }
                i += read_paths(&text[i..], &path, out);
            }
        }
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
            i += 1;
        }
        let segment = &text[start..i];
        if segment.is_empty() {
            out.push(path);
            return i;
        }
        path = if path.is_empty() { segment.to_owned() } else { format!("{path}::{segment}") };
        if text[i..].starts_with("::") {
            i += 2;
        } else {
            out.push(path);
            return i;
        }
    }
}

/// The paths a module's code names, each from the crate root.
fn named_paths(module: &Module) -> Vec<String> {
    let code = without_comments(&module.source);
    let mut out = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        read_paths(&code[at + "crate::".len()..], "", &mut out);
    }
    let parent = parent_of(module);
    for (at, _) in code.match_indices("super::") {
        if code[..at].ends_with("::") {
            continue;
        }
        read_paths(&code[at + "super::".len()..], &parent, &mut out);
    }
    out
}

/// The module `super` names: the one whose folder holds this module's file
/// (for `a/b/c.rs` and `a/b/c/mod.rs` alike, `a::b`).
fn parent_of(module: &Module) -> String {
    module.path.rsplit_once("::").map(|(parent, _)| parent.to_owned()).unwrap_or_default()
}

/// The crate root's `pub use a::b::{X, Y};` lines: item name → module.
fn re_exports(modules: &[Module]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let Some(lib) = modules.iter().find(|m| m.path.is_empty()) else { return out };
    for line in without_comments(&lib.source).lines() {
        let Some(rest) = line.trim().strip_prefix("pub use ") else { continue };
        let mut paths = Vec::new();
        read_paths(rest.trim_end_matches(';'), "", &mut paths);
        for path in paths {
            if let Some((module, item)) = path.rsplit_once("::") {
                out.insert(item.to_owned(), module.to_owned());
            }
        }
    }
    out
}

/// Which module each module imports, by module path.
fn imports(modules: &[Module]) -> BTreeMap<String, BTreeSet<String>> {
    let known: BTreeSet<&str> = modules.iter().map(|m| m.path.as_str()).collect();
    let re_exported = re_exports(modules);
    let mut graph = BTreeMap::new();
    for module in modules {
        let mut targets = BTreeSet::new();
        for path in named_paths(module) {
            let first = path.split("::").next().unwrap_or_default();
            let target = match re_exported.get(first) {
                Some(m) if !known.contains(first) => Some(m.clone()),
                _ => {
                    let segments: Vec<&str> = path.split("::").collect();
                    (1..=segments.len())
                        .rev()
                        .map(|n| segments[..n].join("::"))
                        .find(|p| known.contains(p.as_str()))
                }
            };
            if let Some(target) = target
                && target != module.path
                && !target.is_empty()
            {
                targets.insert(target);
            }
        }
        graph.insert(module.path.clone(), targets);
    }
    graph
}

fn room_of(path: &str) -> &str {
    path.split("::").next().unwrap_or_default()
}

/// Every import that goes to a later room, or out of no room at all.
fn layer_breaches(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let rank = |path: &str| ROOMS.iter().position(|r| *r == room_of(path));
    let mut out = Vec::new();
    for (module, targets) in graph {
        if module.is_empty() {
            continue;
        }
        let Some(from) = rank(module) else {
            out.push(format!("{module} is in no room of ROOMS"));
            continue;
        };
        for target in targets {
            match rank(target) {
                Some(to) if to <= from => {}
                Some(_) => out.push(format!(
                    "{module} (room {}) uses {target} (room {}), a later room",
                    room_of(module),
                    room_of(target)
                )),
                None => out.push(format!("{module} uses {target}, which is in no room")),
            }
        }
    }
    out
}

/// The cycles of the graph, each as the list of modules around it.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Depth-first search; a back edge to a module on the stack closes a cycle.
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnStack,
        Done,
    }
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<String, Mark>,
        stack: &mut Vec<String>,
        found: &mut Vec<Vec<String>>,
    ) {
        marks.insert(node.to_owned(), Mark::OnStack);
        stack.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            match marks.get(next).copied().unwrap_or(Mark::New) {
                Mark::New if graph.contains_key(next) => visit(next, graph, marks, stack, found),
                Mark::OnStack => {
                    let start = stack.iter().position(|m| m == next).unwrap();
                    let mut cycle = stack[start..].to_vec();
                    cycle.push(next.clone());
                    found.push(cycle);
                }
                _ => {}
            }
        }
        stack.pop();
        marks.insert(node.to_owned(), Mark::Done);
    }
    let mut marks = BTreeMap::new();
    let mut found = Vec::new();
    for node in graph.keys() {
        if marks.get(node).copied().unwrap_or(Mark::New) == Mark::New {
            visit(node, graph, &mut marks, &mut Vec::new(), &mut found);
        }
    }
    found
}

#[test]
fn rooms_use_only_earlier_rooms() {
    let breaches = layer_breaches(&imports(&core_modules()));
    assert!(breaches.is_empty(), "the core's layering is broken:\n{}", breaches.join("\n"));
}

#[test]
fn no_module_imports_itself_through_others() {
    let found = cycles(&imports(&core_modules()));
    let shown: Vec<String> = found.iter().map(|c| c.join(" → ")).collect();
    assert!(found.is_empty(), "import cycles in the core:\n{}", shown.join("\n"));
}

#[test]
fn every_room_is_a_folder_with_its_purpose_written() {
    for room in ROOMS {
        let folder = root().join("src").join(room).join("mod.rs");
        let single = root().join("src").join(format!("{room}.rs"));
        let source = std::fs::read_to_string(&folder)
            .or_else(|_| std::fs::read_to_string(&single))
            .unwrap_or_else(|_| panic!("room {room} has no src/{room}/mod.rs nor src/{room}.rs"));
        assert!(source.starts_with("//!"), "room {room} does not start with a //! comment");
    }
}

#[test]
fn every_core_module_says_why_it_exists() {
    for module in core_modules() {
        assert!(
            module.source.trim_start().starts_with("//!"),
            "src module `{}` does not start with a //! comment",
            module.path
        );
    }
}

#[test]
fn files_fit_in_a_head() {
    let root = root();
    let mut paths = Vec::new();
    for dir in ["src", "tests", "src-tauri/src", "src-tauri/tests", "bench", "benches"] {
        files(&root.join(dir), "rs", &mut paths);
    }
    files(&root.join("ui/src"), "svelte", &mut paths);
    let mut long = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let lines = text.lines().count();
        let reasoned = text.lines().take(15).any(|l| l.contains(LONG_FILE_REASON));
        if lines > MAX_LINES && !reasoned {
            long.push(format!("{} ({lines} lines)", path.strip_prefix(&root).unwrap().display()));
        }
    }
    assert!(
        long.is_empty(),
        "over {MAX_LINES} lines without \"{LONG_FILE_REASON} …\" at the top:\n{}",
        long.join("\n")
    );
}

// The checks above must be able to fail: they are run here on made-up
// modules that break each rule.

fn made_up(modules: &[(&str, &str)]) -> Vec<Module> {
    modules
        .iter()
        .map(|(path, source)| Module { path: (*path).to_owned(), source: (*source).to_owned() })
        .collect()
}

#[test]
fn an_import_of_a_later_room_is_found() {
    let modules = made_up(&[
        ("", "pub use store::workspace::Workspace;"),
        ("registry::person", "//! People.\nuse crate::{Workspace, meetings::meeting::Meeting};"),
        ("meetings::meeting", "//! Meetings.\nuse crate::registry::person;"),
        ("store::workspace", "//! The handle."),
    ]);
    let breaches = layer_breaches(&imports(&modules));
    assert_eq!(breaches.len(), 1, "{breaches:?}");
    assert!(breaches[0].starts_with("registry::person (room registry) uses meetings::meeting"));
}

#[test]
fn a_cycle_is_found_through_groups_and_qualified_paths() {
    let modules = made_up(&[
        ("meetings::action", "use crate::{Result, meetings::{cycle, meeting::Meeting}};"),
        ("meetings::meeting", "fn f() { crate::meetings::statistics::count(); }"),
        ("meetings::statistics", "// crate::meetings::cycle in a comment is no import\n"),
        ("meetings::cycle", "use super::statistics::X; fn g() { super::action::get(); }"),
    ]);
    let found = cycles(&imports(&modules));
    assert_eq!(
        found,
        vec![vec![
            "meetings::action".to_owned(),
            "meetings::cycle".to_owned(),
            "meetings::action".to_owned()
        ]]
    );
}

#[test]
fn a_clean_house_passes() {
    let modules = made_up(&[
        ("", "pub use kernel::error::{Error, Result};"),
        ("kernel::error", "//! Errors."),
        ("registry::person", "use crate::{Error, Result};"),
        ("pages::person", "use crate::registry::person::{self, Person};"),
    ]);
    let graph = imports(&modules);
    assert!(layer_breaches(&graph).is_empty());
    assert!(cycles(&graph).is_empty());
    assert_eq!(graph["pages::person"], BTreeSet::from(["registry::person".to_owned()]));
}
