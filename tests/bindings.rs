//! The TypeScript types in `ui/src/lib/bindings/` are generated from the Rust
//! types that cross IPC. This test fails when they are stale; run it with
//! `SAMLAR_WRITE_BINDINGS=1` to regenerate them, and commit the result.

use samlar::partnership::{
    Partnership, PartnershipDraft, PartnershipId, PartnershipKind, PartnershipQuery,
    PartnershipStatus, SetArchived, UpdatePartnership,
};
use samlar::settings::{Language, SetLanguage, Settings};
use samlar::{Error, ErrorCode};
use std::collections::BTreeMap;
use std::path::Path;
use ts_rs::{Config, TS};

fn binding<T: TS + 'static + ?Sized>(cfg: &Config, out: &mut BTreeMap<String, String>) {
    let file = T::output_path().expect("exportable type").display().to_string();
    out.insert(file, T::export_to_string(cfg).expect("export"));
}

fn generated() -> BTreeMap<String, String> {
    let cfg = Config::new();
    let mut out = BTreeMap::new();
    binding::<Partnership>(&cfg, &mut out);
    binding::<PartnershipDraft>(&cfg, &mut out);
    binding::<PartnershipId>(&cfg, &mut out);
    binding::<PartnershipKind>(&cfg, &mut out);
    binding::<PartnershipQuery>(&cfg, &mut out);
    binding::<PartnershipStatus>(&cfg, &mut out);
    binding::<SetArchived>(&cfg, &mut out);
    binding::<UpdatePartnership>(&cfg, &mut out);
    binding::<Language>(&cfg, &mut out);
    binding::<Settings>(&cfg, &mut out);
    binding::<SetLanguage>(&cfg, &mut out);
    binding::<ErrorCode>(&cfg, &mut out);
    binding::<Error>(&cfg, &mut out);
    out
}

#[test]
fn typescript_bindings_are_up_to_date() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/bindings");
    let expected = generated();
    if std::env::var_os("SAMLAR_WRITE_BINDINGS").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(&dir).unwrap() {
            std::fs::remove_file(entry.unwrap().path()).unwrap();
        }
        for (file, text) in &expected {
            std::fs::write(dir.join(file), text).unwrap();
        }
    }
    let mut committed = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).expect("ui/src/lib/bindings exists") {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        committed.insert(file, std::fs::read_to_string(&path).unwrap());
    }
    let stale: Vec<_> = expected
        .iter()
        .filter(|(file, text)| committed.get(*file) != Some(*text))
        .map(|(file, _)| file.clone())
        .chain(committed.keys().filter(|f| !expected.contains_key(*f)).cloned())
        .collect();
    assert!(
        stale.is_empty(),
        "stale TypeScript bindings {stale:?}: run `SAMLAR_WRITE_BINDINGS=1 cargo test --test bindings` and commit"
    );
}
