//! Driving the real `selfcheck` binary in a pseudo-terminal, shared by `tests/reliability.rs`
//! and `tests/hostile.rs`: a [`Tui`] on a portable-pty terminal (resizable, screen read back
//! with vt100), a [`BarePty`] whose master side the test owns alone so it can really close it
//! (an SSH drop), and checks on the raw bytes the program sends to the terminal.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::os::fd::AsFd;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};

/// The longest any wait in these tests may take: a guard against hanging, not a measurement.
pub const GUARD: Duration = Duration::from_secs(20);

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n.max(1)).expect("non-zero")
}

fn pty_size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// The environment every run gets: UTF-8, a colour terminal, a private data folder.
pub fn base_env(data: &Path) -> Vec<(String, String)> {
    vec![
        ("LANG".into(), "C.UTF-8".into()),
        ("LC_ALL".into(), "C.UTF-8".into()),
        ("TERM".into(), "xterm-256color".into()),
        ("SELFCHECK_DATA_DIR".into(), data.display().to_string()),
        ("HOME".into(), data.display().to_string()),
    ]
}

/// The binary running in a pseudo-terminal, with what it wrote kept raw and as a screen.
pub struct Tui {
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    output: Arc<Mutex<Vec<u8>>>,
    parser: Arc<Mutex<vt100::Parser>>,
    master: Box<dyn MasterPty + Send>,
    /// Set by the reading thread when the terminal has nothing more to give.
    eof: Arc<std::sync::atomic::AtomicBool>,
}

impl Tui {
    /// Starts `selfcheck ARGS` at 30x100 with `data` as its data folder.
    pub fn start(args: &[&str], data: &Path) -> Self {
        Self::start_sized(args, data, 30, 100)
    }

    pub fn start_sized(args: &[&str], data: &Path, rows: u16, cols: u16) -> Self {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_selfcheck"));
        cmd.args(args);
        cmd.env_remove("NO_COLOR");
        for (k, v) in base_env(data) {
            cmd.env(k, v);
        }
        Self::start_command(cmd, rows, cols)
    }

    /// Starts any command in a pseudo-terminal of `rows` by `cols` (another user's
    /// `selfcheck`, started through `setpriv`).
    pub fn start_command(cmd: CommandBuilder, rows: u16, cols: u16) -> Self {
        let pty = native_pty_system()
            .openpty(pty_size(rows, cols))
            .expect("open a pty");
        let child = pty.slave.spawn_command(cmd).expect("spawn selfcheck");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer = Arc::new(Mutex::new(pty.master.take_writer().expect("writer")));
        let answer = Arc::clone(&writer);
        let output = Arc::new(Mutex::new(Vec::new()));
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let (sink, screen) = (Arc::clone(&output), Arc::clone(&parser));
        let eof = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let done = Arc::clone(&eof);
        std::thread::spawn(move || {
            let mut buf = [0u8; 16384];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                // The parser lock is taken first, as in `resize`, so that bytes drawn for a size
                // reach the screen after the screen has that size.
                let mut p = screen.lock().expect("parser");
                p.process(&buf[..n]);
                let mut out = sink.lock().expect("output");
                out.extend_from_slice(&buf[..n]);
                if let Some(reply) = cursor_report(&out[out.len().saturating_sub(n + 3)..], &p) {
                    let mut w = answer.lock().expect("writer");
                    let _ = w.write_all(reply.as_bytes()).and_then(|()| w.flush());
                }
            }
            done.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        Self {
            child,
            writer,
            output,
            parser,
            master: pty.master,
            eof,
        }
    }

    pub fn pid(&self) -> i32 {
        i32::try_from(self.child.process_id().expect("pid")).expect("pid fits")
    }

    /// The screen as text, rows joined by newlines.
    pub fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    /// What one cell shows (empty for the second half of a wide character).
    pub fn cell(&self, row: u16, col: u16) -> String {
        let p = self.parser.lock().expect("parser");
        p.screen()
            .cell(row, col)
            .map(|c| c.contents().to_owned())
            .unwrap_or_default()
    }

    /// One row of the screen.
    pub fn row(&self, row: u16) -> String {
        let p = self.parser.lock().expect("parser");
        let (_, cols) = p.screen().size();
        p.screen()
            .rows(0, cols.get())
            .nth(usize::from(row))
            .unwrap_or_default()
    }

    /// Changes the terminal's size, as a user dragging the window does.
    pub fn resize(&self, rows: u16, cols: u16) {
        let mut p = self.parser.lock().expect("parser");
        self.master.resize(pty_size(rows, cols)).expect("resize");
        p.screen_mut().set_size(nz(rows), nz(cols));
    }

    /// Changes the size of the terminal only, not of the screen read back: for resizing faster
    /// than the screen can follow. A [`Tui::resize`] afterwards puts the two in step again.
    pub fn resize_terminal_only(&self, rows: u16, cols: u16) {
        self.master.resize(pty_size(rows, cols)).expect("resize");
    }

    /// Waits until the program has written nothing for `quiet` (a frame is complete).
    pub fn settle(&self, quiet: Duration) {
        let start = Instant::now();
        let mut seen = self.written();
        let mut since = Instant::now();
        while start.elapsed() < GUARD {
            std::thread::sleep(Duration::from_millis(10));
            let now = self.written();
            if now != seen {
                seen = now;
                since = Instant::now();
            } else if since.elapsed() >= quiet {
                return;
            }
        }
        panic!("the program never stopped writing:\n{}", self.screen());
    }

    /// Whether the screen shows `text` (spaces ignored: wide characters and padding).
    pub fn shows(&self, text: &str) -> bool {
        self.screen()
            .replace(' ', "")
            .contains(&text.replace(' ', ""))
    }

    /// Waits until the screen shows `text`; returns how long that took.
    pub fn wait_for(&self, text: &str) -> Duration {
        let start = Instant::now();
        while start.elapsed() < GUARD {
            if self.shows(text) {
                return start.elapsed();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the screen never showed {text:?}:\n{}", self.screen());
    }

    /// Waits until `done(screen)` holds.
    pub fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) -> Duration {
        let start = Instant::now();
        while start.elapsed() < GUARD {
            if done(&self.screen()) {
                return start.elapsed();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the screen never showed {what}:\n{}", self.screen());
    }

    /// Types `bytes` and gives the program time to read them as one batch (Esc is only Esc
    /// when nothing follows at once).
    pub fn send(&mut self, bytes: &str) {
        self.send_now(bytes);
        std::thread::sleep(Duration::from_millis(150));
    }

    pub fn send_now(&mut self, bytes: &str) {
        let mut w = self.writer.lock().expect("writer");
        w.write_all(bytes.as_bytes()).expect("write to pty");
        w.flush().expect("flush");
    }

    /// Sends a signal to the program.
    pub fn signal(&self, sig: nix::sys::signal::Signal) {
        nix::sys::signal::kill(nix::unistd::Pid::from_raw(self.pid()), sig).expect("kill");
    }

    /// Whether the program is still running.
    pub fn running(&mut self) -> bool {
        self.child.try_wait().expect("try_wait").is_none()
    }

    /// Waits for the program to end, and for everything it wrote to be read; its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < GUARD {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                while !self.eof.load(std::sync::atomic::Ordering::SeqCst) {
                    assert!(start.elapsed() < GUARD, "the terminal never closed");
                    std::thread::sleep(Duration::from_millis(5));
                }
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        panic!("selfcheck did not exit:\n{}", self.screen());
    }

    /// Every byte written to the terminal so far.
    pub fn raw(&self) -> Vec<u8> {
        self.output.lock().expect("output").clone()
    }

    /// Bytes written so far (an offset into [`Tui::raw`]).
    pub fn written(&self) -> usize {
        self.output.lock().expect("output").len()
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        // A failed test must not leave the program running.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A pseudo-terminal whose master side is one file descriptor owned by the test, read with
/// `poll` so no other thread holds a copy of it: dropping it really closes the terminal, as
/// sshd does when a connection drops.
pub struct BarePty {
    master: Option<nix::pty::PtyMaster>,
    pub child: std::process::Child,
    output: Vec<u8>,
    parser: vt100::Parser,
}

impl BarePty {
    /// Starts `selfcheck ARGS` in a new session. With `controlling`, the terminal becomes the
    /// program's controlling terminal, so closing it sends SIGHUP; without, closing it only
    /// hangs the terminal up (as for a program that gets no hang-up signal).
    pub fn start(args: &[&str], data: &Path, controlling: bool) -> Self {
        use nix::fcntl::OFlag;
        use std::os::unix::fs::OpenOptionsExt;
        // Close-on-exec from the start (unlike openpty(3)): a child spawned meanwhile by another
        // test, or the program itself, must not inherit the master and keep it open.
        let master = nix::pty::posix_openpt(OFlag::O_RDWR | OFlag::O_NOCTTY | OFlag::O_CLOEXEC)
            .expect("posix_openpt");
        nix::pty::grantpt(&master).expect("grantpt");
        nix::pty::unlockpt(&master).expect("unlockpt");
        let name = nix::pty::ptsname_r(&master).expect("ptsname");
        let slave = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .custom_flags(OFlag::O_NOCTTY.bits())
            .open(&name)
            .expect("open the terminal");
        let mut cmd = Command::new("setsid");
        if controlling {
            cmd.arg("--ctty");
        }
        // stty sets the size (30x100) on the terminal before the program starts.
        cmd.args(["sh", "-c", "stty rows 30 cols 100 && exec \"$0\" \"$@\""])
            .arg(env!("CARGO_BIN_EXE_selfcheck"))
            .args(args);
        cmd.env_remove("NO_COLOR");
        for (k, v) in base_env(data) {
            cmd.env(k, v);
        }
        cmd.stdin(Stdio::from(slave.try_clone().expect("dup")))
            .stdout(Stdio::from(slave.try_clone().expect("dup")))
            .stderr(Stdio::from(slave));
        let child = cmd.spawn().expect("spawn setsid selfcheck");
        // The command holds the terminal's descriptors until it is dropped.
        drop(cmd);
        Self {
            master: Some(master),
            child,
            output: Vec::new(),
            parser: vt100::Parser::new(nz(30), nz(100), 0),
        }
    }

    /// The process id of the program (`setsid` and `sh` exec it in place: the child is not a
    /// process group leader, so `setsid` needs no fork).
    pub fn pid(&self) -> i32 {
        i32::try_from(self.child.id()).expect("pid fits")
    }

    /// Reads what is waiting, for at most `wait`.
    pub fn pump(&mut self, wait: Duration) {
        let Some(fd) = &self.master else { return };
        let start = Instant::now();
        loop {
            let left = wait.saturating_sub(start.elapsed());
            let ms = u16::try_from(left.as_millis()).unwrap_or(u16::MAX);
            let mut fds = [nix::poll::PollFd::new(
                fd.as_fd(),
                nix::poll::PollFlags::POLLIN,
            )];
            match nix::poll::poll(&mut fds, ms) {
                Ok(n) if n > 0 => {
                    let mut buf = [0u8; 16384];
                    match nix::unistd::read(fd, &mut buf) {
                        Ok(n) if n > 0 => {
                            self.output.extend_from_slice(&buf[..n]);
                            self.parser.process(&buf[..n]);
                            let from = self.output.len().saturating_sub(n + 3);
                            if let Some(reply) = cursor_report(&self.output[from..], &self.parser) {
                                let _ = nix::unistd::write(fd, reply.as_bytes());
                            }
                        }
                        // The other side is gone (EIO): nothing more will come.
                        _ => return,
                    }
                }
                _ => {}
            }
            if start.elapsed() >= wait {
                return;
            }
        }
    }

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    pub fn wait_for(&mut self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < GUARD {
            self.pump(Duration::from_millis(20));
            if self
                .screen()
                .replace(' ', "")
                .contains(&text.replace(' ', ""))
            {
                return;
            }
        }
        panic!("the screen never showed {text:?}:\n{}", self.screen());
    }

    pub fn send(&mut self, bytes: &str) {
        let fd = self.master.as_ref().expect("open");
        let mut rest = bytes.as_bytes();
        while !rest.is_empty() {
            let n = nix::unistd::write(fd, rest).expect("write to pty");
            rest = &rest[n..];
        }
        self.pump(Duration::from_millis(150));
    }

    /// Closes the master side: the last descriptor of it goes.
    pub fn close(&mut self) {
        self.master = None;
    }
}

impl Drop for BarePty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// What a terminal answers to a cursor position request (`ESC[6n`, as the program's start-up
/// probe of character widths sends) found in `new`: the cursor's place on the screen as
/// `ESC[row;colR`. Without an answer the program waits for its probe to time out.
fn cursor_report(new: &[u8], parser: &vt100::Parser) -> Option<String> {
    new.windows(4).any(|w| w == b"\x1b[6n").then(|| {
        let (row, col) = parser.screen().cursor_position();
        format!("\x1b[{};{}R", row + 1, col + 1)
    })
}

/// CPU time (user + system) a process has used so far, in clock ticks; `None` once it is gone.
pub fn cpu_ticks(pid: i32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the name.
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

/// The last position of `needle` in `hay`.
pub fn last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Asserts that the terminal was given back: after the last switch to the alternate screen come
/// the switch back, the cursor shown again and bracketed paste turned off.
pub fn assert_terminal_restored(raw: &[u8]) {
    let entered = last(raw, b"\x1b[?1049h").expect("entered the alternate screen");
    let left = last(raw, b"\x1b[?1049l");
    assert!(
        left.is_some_and(|l| l > entered),
        "left the alternate screen"
    );
    assert!(
        last(raw, b"\x1b[?25h").is_some_and(|p| p > entered),
        "cursor shown"
    );
    assert!(
        last(raw, b"\x1b[?2004l").is_some_and(|p| p > entered),
        "bracketed paste off"
    );
    // Nothing is drawn once the terminal is given back (it would land on the shell's screen).
    let after = &raw[left.unwrap_or(0)..];
    let drawn = after
        .windows(2)
        .enumerate()
        .filter(|(_, w)| *w == b"\x1b[")
        .map(|(i, _)| i)
        .find(|&i| {
            let rest = &after[i + 2..];
            let end = rest.iter().position(u8::is_ascii_alphabetic);
            end.is_some_and(|e| matches!(rest[e], b'H' | b'm' | b'J' | b'K'))
        });
    assert!(
        drawn.is_none(),
        "drawing after the terminal was restored: {:?}",
        String::from_utf8_lossy(&after[drawn.unwrap_or(0)..])
    );
}

/// Code points that must never reach a terminal: C1 controls, bidi controls and zero-width
/// characters.
pub fn is_invisible_or_c1(c: char) -> bool {
    matches!(c,
        '\u{80}'..='\u{9F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200B}'..='\u{200F}'
        | '\u{061C}'
        | '\u{2060}'
        | '\u{FEFF}')
}

/// Checks the raw bytes a program sent to the terminal: the only control sequences are CSI
/// sequences of the kind crossterm writes (ESC `[`, parameters of digits, `;`, `?`, `:`, then a
/// letter); no OSC, DCS or other ESC sequence, no BEL or other C0 control (besides CR and LF
/// outside the alternate screen, and BS nowhere), no C1 control, no bidi or zero-width
/// character. Returns a description of the first offence.
pub fn terminal_offence(raw: &[u8]) -> Option<String> {
    let context = |i: usize| {
        let from = i.saturating_sub(20);
        let to = (i + 20).min(raw.len());
        format!("{:?}", String::from_utf8_lossy(&raw[from..to]))
    };
    let mut i = 0;
    while i < raw.len() {
        let b = raw[i];
        if b == 0x1b {
            if raw.get(i + 1) != Some(&b'[') {
                return Some(format!("ESC not followed by [ at {i}: {}", context(i)));
            }
            let mut j = i + 2;
            while j < raw.len() && (raw[j].is_ascii_digit() || matches!(raw[j], b';' | b'?' | b':'))
            {
                j += 1;
            }
            match raw.get(j) {
                Some(c) if c.is_ascii_alphabetic() => i = j + 1,
                _ => return Some(format!("malformed CSI at {i}: {}", context(i))),
            }
            continue;
        }
        if b < 0x20 && !matches!(b, b'\r' | b'\n') || b == 0x7f {
            return Some(format!("control byte {b:#04x} at {i}: {}", context(i)));
        }
        i += 1;
    }
    let text: Vec<char> = String::from_utf8_lossy(raw).chars().collect();
    let at = text.iter().position(|c| is_invisible_or_c1(*c))?;
    let around: String = text[at.saturating_sub(30)..(at + 10).min(text.len())]
        .iter()
        .collect();
    Some(format!(
        "U+{:04X} at character {at}: {around:?}",
        u32::from(text[at])
    ))
}

/// Asserts [`terminal_offence`] finds nothing.
pub fn assert_terminal_safe(raw: &[u8], what: &str) {
    if let Some(offence) = terminal_offence(raw) {
        panic!("{what}: {offence}");
    }
}

/// Text carrying every kind of terminal attack the issue names.
pub const HOSTILE: &str = concat!(
    "标题\u{1b}]0;pwned-title\u{7}",
    "\u{1b}]2;second-title\u{1b}\\",
    "剪贴板\u{1b}]52;c;ZWNobyBoYWNrZWQ=\u{7}",
    "链接\u{1b}]8;;https://evil.example/\u{1b}\\点击\u{1b}]8;;\u{1b}\\",
    "清屏\u{1b}[2J\u{1b}[H",
    "DCS\u{1b}P1$r\u{1b}\\",
    "C1\u{9b}31m红\u{9b}0m\u{9d}0;c1-title\u{9c}",
    "铃\u{7}\u{7}",
    "退格abc\u{8}\u{8}\u{8}",
    "回车\roverwrite",
    "反转\u{202A}a\u{202B}b\u{202C}c\u{202D}d\u{202E}txt.exe",
    "隔离\u{2066}e\u{2067}f\u{2068}g\u{2069}",
    "零宽\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF}\u{200E}\u{200F}\u{061C}尾",
);

/// Whether `s` holds a character that [`HOSTILE`] uses to attack (besides newline).
pub fn has_control(s: &str) -> bool {
    s.chars()
        .any(|c| (c < ' ' && c != '\n') || c == '\u{7f}' || is_invisible_or_c1(c))
}
