//! Turns the untyped JSON a command receives into the typed input of a core
//! function. A wrong type or an unknown field becomes an `invalid_input`
//! error that names the field, instead of an untyped failure before the core
//! is even reached.

use crate::{Error, ErrorCode, Result};
use serde::de::DeserializeOwned;

pub fn parse_input<T: DeserializeOwned>(value: serde_json::Value) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|err| {
        let path = err.path().to_string();
        let field = (path != ".").then_some(path);
        Error { code: ErrorCode::InvalidInput, field, message: err.into_inner().to_string() }
    })
}
