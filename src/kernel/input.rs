//! Turns the untyped JSON a command receives into the typed input of a core
//! function. A wrong type or an unknown field becomes an `invalid_input`
//! error that names the field, instead of an untyped failure before the core
//! is even reached.

use crate::{Error, ErrorCode, Result};
use serde::de::DeserializeOwned;

/// A command's input as the core's type, or `invalid_input` saying where it
/// did not fit. A command called without its `input` key gets `invalid_input`
/// too (the shell's adapters take it as optional), not Tauri's plain string.
pub fn parse_input<T: DeserializeOwned>(value: impl Into<Option<serde_json::Value>>) -> Result<T> {
    let Some(value) = value.into() else {
        return Err(Error::new(ErrorCode::InvalidInput, "the command's input is missing"));
    };
    serde_path_to_error::deserialize(value).map_err(|err| {
        let path = err.path().to_string();
        let field = (path != ".").then_some(path);
        Error { code: ErrorCode::InvalidInput, field, message: diagnostic(err.into_inner()) }
    })
}

/// serde's message, cut short: it quotes the value that did not fit
/// (`invalid type: string "…"`), which may be a megabyte of typed text.
fn diagnostic(err: serde_json::Error) -> String {
    const MAX_CHARS: usize = 200;
    let message = err.to_string();
    match message.char_indices().nth(MAX_CHARS) {
        Some((at, _)) => format!("{}…", &message[..at]),
        None => message,
    }
}
