//! The four extraction stages. Each is a folder with one public stage type
//! built once from the configuration and run per document:
//! [`actors`] → [`dates`] → [`quotes`] → [`events`].

pub mod actors;
pub mod dates;
pub mod events;
pub mod quotes;
