//! Benchmark of the extract stage (run with `cargo bench --bench extract`).

fn main() {
    divan::main();
}
