//! The kernel: what every room stands on and that stands on nothing of the
//! crate. The one error type, the clock, how command input is parsed, the
//! validation rules for names, texts, dates and codes with the limits of
//! every input, the pages lists come in, and the value types
//! several rooms share. Nothing here touches the database.

pub mod clock;
pub mod error;
pub mod input;
pub mod limits;
pub mod page;
pub mod period;
pub mod validate;
pub mod values;
