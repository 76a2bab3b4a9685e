//! Benchmarks of the whole pipeline (filled in below).
fn main() {}
