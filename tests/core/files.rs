//! Files written whole (`store::files`): a write or copy that fails leaves the
//! old file and no temporary one; names that are taken get ` (2)`, ` (3)`, …;
//! names too long for a file system are shortened on a character boundary,
//! keeping the extension.

use samlar::ErrorCode;
use samlar::store::files::{MAX_NAME_BYTES, copy_whole, fit_name, free_name, write_whole};
use std::path::Path;

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn a_write_replaces_the_old_file_and_leaves_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rapport.csv");
    write_whole(&path, b"old").unwrap();
    write_whole(&path, b"new and longer").unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"new and longer");
    assert_eq!(names(dir.path()), ["rapport.csv"]);
}

#[test]
fn a_copy_that_fails_while_reading_leaves_the_old_file_and_no_temporary_one() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("backup.sqlite3");
    std::fs::write(&target, b"the old backup").unwrap();
    // A folder opens as a file on Unix, but reading it fails: the copy fails
    // after its temporary file was made and before the rename.
    let unreadable = dir.path().join("a folder");
    std::fs::create_dir(&unreadable).unwrap();

    let err = copy_whole(&unreadable, &target).unwrap_err();
    assert_eq!(err.code, ErrorCode::Storage);
    assert!(!err.message.contains("a folder"), "no path in the message: {}", err.message);
    assert_eq!(std::fs::read(&target).unwrap(), b"the old backup");
    assert_eq!(names(dir.path()), ["a folder", "backup.sqlite3"]);
}

#[test]
fn a_write_whose_rename_fails_removes_its_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    // A folder with a file in it cannot be replaced by a file.
    let target = dir.path().join("export.pdf");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("kept.txt"), b"kept").unwrap();

    let err = write_whole(&target, b"%PDF-1.7").unwrap_err();
    assert_eq!(err.code, ErrorCode::Storage);
    assert_eq!(names(dir.path()), ["export.pdf"]);
    assert_eq!(std::fs::read(target.join("kept.txt")).unwrap(), b"kept");
}

#[test]
fn a_write_into_a_missing_folder_is_a_storage_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = write_whole(&dir.path().join("gone").join("a.csv"), b"x").unwrap_err();
    assert_eq!(err.code, ErrorCode::Storage);
    assert_eq!(names(dir.path()), Vec::<String>::new());
}

#[test]
fn a_copy_is_the_whole_file() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("samlar.sqlite3");
    let bytes: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(&source, &bytes).unwrap();
    let target = dir.path().join("Säkerhetskopia.sqlite3");
    std::fs::write(&target, b"older").unwrap();
    copy_whole(&source, &target).unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), bytes);
    assert_eq!(names(dir.path()), ["Säkerhetskopia.sqlite3", "samlar.sqlite3"]);
}

#[test]
fn taken_names_are_numbered() {
    let dir = tempfile::tempdir().unwrap();
    let name = "Sammanfattning 2027-05-11.pdf";
    for expected in [name, "Sammanfattning 2027-05-11 (2).pdf", "Sammanfattning 2027-05-11 (3).pdf"]
    {
        let path = free_name(dir.path(), name);
        assert_eq!(path, dir.path().join(expected));
        write_whole(&path, expected.as_bytes()).unwrap();
    }
    // Each file kept its own content: none was overwritten.
    for name in names(dir.path()) {
        assert_eq!(std::fs::read_to_string(dir.path().join(&name)).unwrap(), name);
    }
    // A name without an extension, and one whose dot starts it.
    std::fs::write(dir.path().join("README"), b"").unwrap();
    assert_eq!(free_name(dir.path(), "README"), dir.path().join("README (2)"));
    std::fs::write(dir.path().join(".samlar"), b"").unwrap();
    assert_eq!(free_name(dir.path(), ".samlar"), dir.path().join(".samlar (2)"));
}

#[test]
fn a_suggested_name_stays_in_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(free_name(dir.path(), "../A/B.csv"), dir.path().join("..-A-B.csv"));
}

#[test]
fn an_over_long_name_is_shortened_on_a_character_boundary_keeping_its_extension() {
    let dir = tempfile::tempdir().unwrap();
    // 300 bytes: "Lärandeträff Åsele och Öjebyn " is 34 bytes, å/ä/ö two each.
    let stem = "Lärandeträff Åsele och Öjebyn ".repeat(9);
    let long = format!("{}.pdf", &stem[..296]);
    assert_eq!(long.len(), 300);
    assert!(long.is_char_boundary(296));

    let first = free_name(dir.path(), &long);
    let first_name = first.file_name().unwrap().to_str().expect("valid UTF-8").to_owned();
    assert!(first_name.len() <= MAX_NAME_BYTES, "{} bytes", first_name.len());
    assert!(first_name.len() >= MAX_NAME_BYTES - 1, "cut no more than a character");
    assert!(first_name.ends_with(".pdf"));
    assert!(long.starts_with(first_name.trim_end_matches(".pdf")));
    write_whole(&first, b"1").unwrap();

    let second = free_name(dir.path(), &long);
    let second_name = second.file_name().unwrap().to_str().expect("valid UTF-8").to_owned();
    assert!(second_name.len() <= MAX_NAME_BYTES);
    assert!(second_name.ends_with(" (2).pdf"), "{second_name}");
    assert!(long.starts_with(second_name.trim_end_matches(" (2).pdf")));
    write_whole(&second, b"2").unwrap();
    assert_eq!(std::fs::read(&first).unwrap(), b"1");
    assert_eq!(names(dir.path()).len(), 2);
}

#[test]
fn a_name_of_exactly_the_limit_is_kept_and_numbered_within_it() {
    let dir = tempfile::tempdir().unwrap();
    let exact = format!("{}x.csv", "ö".repeat(125));
    assert_eq!(exact.len(), MAX_NAME_BYTES);
    assert_eq!(fit_name(&exact), exact);
    let path = free_name(dir.path(), &exact);
    assert_eq!(path, dir.path().join(&exact));
    write_whole(&path, b"x").unwrap();

    // " (2)" needs four bytes: the x and two ö go, as half of an ö is not a
    // character, and the name is one byte short of the limit.
    let second = free_name(dir.path(), &exact);
    let expected = format!("{} (2).csv", "ö".repeat(123));
    assert_eq!(expected.len(), MAX_NAME_BYTES - 1);
    assert_eq!(second, dir.path().join(expected));
    write_whole(&second, b"y").unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"x");
}
