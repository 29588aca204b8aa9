//! The integration test binary: ingest end to end, against real data in `../shared/` and
//! deliberately broken inputs, and the published hunts over ingested lakes, through the library
//! and through the `kqlhunt` binary.

mod bench;
mod broken_inputs;
mod conformance;
mod generated;
mod hunts;
mod never_panics;
mod pruning;
mod real_data;
mod repl;
mod support;
