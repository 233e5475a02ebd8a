//! Benchmark of the read stage (run with `cargo bench --bench read`).

fn main() {
    divan::main();
}
