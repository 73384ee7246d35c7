//! The `selfcheck` binary: parse the command line and hand over.

/// mimalloc (its version 2) rather than the system's allocator: `selfcheck summary` over
/// 2,000 files took a quarter less time with it (BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    selfcheck::cli::main()
}
