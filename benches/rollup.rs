//! `selfcheck summary` against the office's alternative, side by side: a minimal Python script
//! that only `json.load()`s each session file. Both run over the same folder, page cache warm,
//! alternating, several runs each; the roll-up runs with every flag (copies across units
//! included: flags are always raised) and makes its JSON, the fullest output (written to
//! `/dev/null`, as Python's parsed objects go nowhere either).
//!
//! Python is run as the interpreter itself (`sys.executable` of the `python3` on the path, or
//! `--python PATH`), not through a version manager's shim: pyenv's shim is a shell script that
//! added 50–55 ms to each run here, which made Python look slower than it is.
//!
//! The files: the three built-in checklists answered as the example meeting is
//! (`demo::answer_all`), one unit each. Units write their own figures and a clause of their own
//! into each answer, so most texts are near, not exact, copies of other units' (the hard case
//! for the near-duplicate search); every tenth unit hands in another unit's text unchanged.
//!
//! Peak memory comes from `/usr/bin/time -f %M` (kilobytes), CPU use from its `%P`, CPU time
//! (user + system) from `%U %S`. The load average is printed: the machine is shared, and under
//! load the wall times of both sides swing by half; the CPU times much less.
//!
//! Run: `cargo bench --bench rollup` (builds the release binary). Options after `--`:
//! `--files N,N` (default 2000,5000), `--runs N` (default 5), `--keep DIR` (write the files
//! under DIR/N and leave them there, to look at or profile), `--python PATH` (another
//! interpreter, e.g. the system's `/usr/bin/python3`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use chrono::{DateTime, FixedOffset};
use selfcheck::model::builtin;

/// The whole script: read each `*.json` of the folder with `json.load`, nothing else.
const PYTHON: &str = concat!(
    "import json, os, sys\n",
    "d = sys.argv[1]\n",
    "for n in sorted(os.listdir(d)):\n",
    "    if n.endswith('.json'):\n",
    "        with open(os.path.join(d, n), 'rb') as f:\n",
    "            json.load(f)\n",
);

fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2023-12-05T09:00:00+08:00").expect("a fixed time")
}

/// Writes `n` session files into `dir`; returns their total size in bytes.
fn generate(dir: &Path, n: usize) -> u64 {
    let templates: Vec<_> = ["gov", "dept", "enterprise"]
        .iter()
        .filter_map(|id| builtin::get(id))
        .collect();
    let mut bytes = 0;
    for i in 0..n {
        let mut s = selfcheck::demo::answer_all(templates[i % templates.len()].clone(), t0());
        s.unit.name = format!("临港区第{:04}单位", i + 1);
        if i % 10 != 0 {
            for (k, a) in s.answers.values_mut().enumerate() {
                a.evidence = format!(
                    "{}本单位另行建立{}项工作制度，编号LG-{:04}-{k:02}。",
                    a.evidence,
                    (i + k) % 9 + 2,
                    i
                );
                if !a.measures.is_empty() {
                    a.measures = format!(
                        "{}由{}名专人跟踪，第{}周复核。",
                        a.measures,
                        i % 5 + 1,
                        (i + k) % 50 + 1
                    );
                }
            }
        }
        let p = dir.join(format!("unit-{i:05}.json"));
        let text = selfcheck::store::to_json(&s);
        bytes += text.len() as u64;
        std::fs::write(&p, text).expect("write a session file");
    }
    bytes
}

/// One timed run.
struct Run {
    wall_ms: f64,
    peak_kb: Option<u64>,
    cpu_percent: Option<String>,
    /// User and system time, milliseconds.
    cpu_ms: Option<f64>,
    code: Option<i32>,
}

fn timed(program: &str, args: &[&str]) -> Run {
    let time = Path::new("/usr/bin/time");
    let mut cmd = if time.exists() {
        let mut c = Command::new(time);
        c.args(["-f", "%M %P %U %S", program]);
        c
    } else {
        Command::new(program)
    };
    let started = Instant::now();
    let out = cmd
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .expect("run");
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let stderr = String::from_utf8_lossy(&out.stderr);
    let last = stderr.lines().last().unwrap_or("");
    let mut parts = last.split_whitespace();
    let peak_kb = parts.next().and_then(|k| k.parse().ok());
    let cpu_percent = parts.next().map(str::to_owned);
    let seconds: Vec<f64> = parts.filter_map(|x| x.parse().ok()).collect();
    Run {
        wall_ms: ms,
        peak_kb,
        cpu_percent,
        cpu_ms: (seconds.len() == 2).then(|| (seconds[0] + seconds[1]) * 1000.0),
        code: out.status.code(),
    }
}

/// The median; NaN for none.
fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// The Python interpreter to run: `given`, or the `sys.executable` of the `python3` (or
/// `python`) on the path. The interpreter itself, not a launcher in front of it: a version
/// manager's shim (pyenv's is a shell script) adds tens of milliseconds to every run that are
/// not Python's.
fn interpreter(given: Option<String>) -> Option<String> {
    given.or_else(|| {
        ["python3", "python"].into_iter().find_map(|p| {
            let out = Command::new(p)
                .args(["-c", "import sys; print(sys.executable)"])
                .output()
                .ok()?;
            let exe = String::from_utf8(out.stdout).ok()?.trim().to_owned();
            (out.status.success() && !exe.is_empty()).then_some(exe)
        })
    })
}

/// Names the interpreter and its version above the table.
fn print_version(python: Option<&str>) {
    if let Some(py) = python {
        let version = Command::new(py)
            .arg("--version")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
            .unwrap_or_default();
        println!("Python: {py} ({version})\n");
    }
}

fn main() {
    let mut files = vec![2000, 5000];
    let mut runs = 5;
    let mut keep: Option<PathBuf> = None;
    let mut python: Option<String> = None;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--files" => {
                i += 1;
                files = args[i].split(',').filter_map(|n| n.parse().ok()).collect();
            }
            "--python" => {
                i += 1;
                python = Some(args[i].clone());
            }
            "--keep" => {
                i += 1;
                keep = Some(PathBuf::from(&args[i]));
            }
            "--runs" => {
                i += 1;
                runs = args[i].parse().unwrap_or(5);
            }
            // cargo bench passes --bench.
            _ => {}
        }
        i += 1;
    }
    let selfcheck = PathBuf::from(env!("CARGO_BIN_EXE_selfcheck"));
    println!("# selfcheck summary vs a Python script that only json.load()s each file\n");
    let python = interpreter(python);
    let python = python.as_deref();
    print_version(python);
    println!(
        "cores: {}; load average before: {}\n",
        std::thread::available_parallelism().map_or(0, std::num::NonZero::get),
        load_average()
    );
    println!(
        "| files | MB | selfcheck summary (median ms) | peak MB | CPU | CPU time (median ms) | Python json.load (median ms) | Python CPU time (median ms) | ratio (wall) | ratio (CPU time) | load average after |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for &n in &files {
        let dir = tempfile::tempdir().expect("temporary folder");
        let folder = keep
            .as_ref()
            .map_or_else(|| dir.path().to_owned(), |k| k.join(n.to_string()));
        std::fs::create_dir_all(&folder).expect("folder");
        let bytes = generate(&folder, n);
        let d = folder.to_str().expect("utf-8 path");
        let mut ours = Vec::new();
        let mut theirs = Vec::new();
        let mut ours_cpu = Vec::new();
        let mut theirs_cpu = Vec::new();
        let mut peak = 0;
        let mut cpu = String::new();
        // One warm-up of each: the page cache.
        let _ = timed(
            selfcheck.to_str().expect("utf-8"),
            &["summary", d, "--as-of", "2024-06-01", "--format", "json"],
        );
        for _ in 0..runs {
            let run = timed(
                selfcheck.to_str().expect("utf-8"),
                &["summary", d, "--as-of", "2024-06-01", "--format", "json"],
            );
            assert_eq!(run.code, Some(0), "selfcheck summary failed");
            ours.push(run.wall_ms);
            ours_cpu.extend(run.cpu_ms);
            peak = peak.max(run.peak_kb.unwrap_or(0));
            cpu = run.cpu_percent.unwrap_or_default();
            if let Some(py) = python {
                let run = timed(py, &["-c", PYTHON, d]);
                assert_eq!(run.code, Some(0), "python failed");
                theirs.push(run.wall_ms);
                theirs_cpu.extend(run.cpu_ms);
            }
        }
        let ours_ms = median(&mut ours);
        let theirs_ms = median(&mut theirs);
        let ours_cpu_ms = median(&mut ours_cpu);
        let theirs_cpu_ms = median(&mut theirs_cpu);
        #[allow(clippy::cast_precision_loss)]
        let mb = bytes as f64 / 1e6;
        #[allow(clippy::cast_precision_loss)]
        let peak_mb = peak as f64 / 1024.0;
        let runs = |v: &[f64]| {
            v.iter()
                .map(|t| format!("{t:.0}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        println!(
            "| {n} | {mb:.1} | {ours_ms:.0} (runs: {}) | {peak_mb:.0} | {cpu} | {ours_cpu_ms:.0} | {theirs_ms:.0} (runs: {}) | {theirs_cpu_ms:.0} | {:.2} | {:.2} | {} |",
            runs(&ours),
            runs(&theirs),
            ours_ms / theirs_ms,
            ours_cpu_ms / theirs_cpu_ms,
            load_average()
        );
    }
}
