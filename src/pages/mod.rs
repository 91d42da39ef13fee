//! Pages: read models. Each assembles what one page of the interface shows
//! from the records of the rooms above, in one read, so that no record
//! module has to reach into another room to build a page.

pub mod about;
pub mod meeting;
pub mod pairing;
pub mod partnership;
pub mod start;
