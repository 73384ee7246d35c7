//! The `selfcheck` binary: parse the command line and hand over.

fn main() -> std::process::ExitCode {
    selfcheck::cli::main()
}
