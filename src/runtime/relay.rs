//! Keys reach the terminal library through a pseudo-terminal of our own, so that a bracketed
//! paste whose end never comes is ended after a short silence.
//!
//! crossterm 0.29 gathers everything after a paste's start (`ESC [ 200 ~`) until its end
//! (`ESC [ 201 ~`): a paste whose end is lost (a connection that dropped it, a terminal that
//! never sends it, a crafted paste) swallows every later key, Ctrl+Q included, and its parser
//! cannot be reached from outside. Here the real terminal is read by a thread that hands every
//! byte on unchanged to a pseudo-terminal which the library reads as standard input; when a paste
//! has started and nothing has arrived for [`SILENCE`], the thread sends the end itself.
//!
//! Everything else stays with the real terminal: output, its size, signals and the hang-up
//! (which the watchdog and the signal handlers notice on standard output and by signal).

use std::io::IsTerminal;
use std::os::fd::{AsFd, OwnedFd};
use std::sync::Mutex;
use std::time::Duration;

use rustix::termios::{OptionalActions, Termios, tcgetattr, tcsetattr};

/// How long the terminal must be silent in the middle of a paste before the paste is ended:
/// long enough for a paste over a slow connection to arrive whole, short enough that a user
/// whose keys seem lost is not kept waiting.
pub const SILENCE: Duration = Duration::from_millis(500);

const START: &[u8] = b"\x1b[200~";
const END: &[u8] = b"\x1b[201~";

/// The real terminal's descriptor and its settings before raw mode, to give them back.
static REAL: Mutex<Option<(OwnedFd, Termios)>> = Mutex::new(None);

/// Puts the relay between the terminal and standard input, with the real terminal in raw mode
/// (the library sets raw mode on the pseudo-terminal it reads). Does nothing (and the library
/// reads the terminal itself) when standard input is not a terminal or a step fails.
pub fn install() {
    let installed = REAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .is_some();
    if installed || !std::io::stdin().is_terminal() {
        return;
    }
    let _ = try_install();
}

fn try_install() -> std::io::Result<()> {
    use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
    use std::os::unix::fs::OpenOptionsExt;
    let stdin = std::io::stdin();
    let real = rustix::io::dup(stdin.as_fd())?;
    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY)?;
    grantpt(&master)?;
    unlockpt(&master)?;
    let name = ptsname(&master, Vec::new())?;
    let slave = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(libc::O_NOCTTY)
        .open(<std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(name.as_bytes()))?;
    let saved = tcgetattr(&real)?;
    let mut raw = saved.clone();
    raw.make_raw();
    // The pseudo-terminal passes bytes as they come (no echo into a buffer nobody reads).
    tcsetattr(&slave, OptionalActions::Now, &raw)?;
    let master_out = master.try_clone()?;
    let real_in = real.try_clone()?;
    tcsetattr(&real, OptionalActions::Now, &raw)?;
    *REAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = Some((real, saved));
    if let Err(e) = rustix::stdio::dup2_stdin(&slave) {
        restore();
        return Err(e.into());
    }
    // The master side is kept open for as long as the process runs: the library then never
    // sees its input end, and the hang-up of the real terminal is noticed as before.
    std::mem::forget(master);
    std::thread::spawn(move || pump(&real_in, &master_out));
    Ok(())
}

/// Gives the real terminal its settings back (the library gives back the pseudo-terminal's).
pub fn restore() {
    if let Some((real, saved)) = &*REAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
    {
        let _ = tcsetattr(real, OptionalActions::Now, saved);
    }
}

/// Hands bytes on from the real terminal to the pseudo-terminal until the real one ends.
fn pump(real: &OwnedFd, to: &OwnedFd) {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let mut buf = [0u8; 4096];
    let mut paste = PasteState::default();
    let silence = Timespec {
        tv_sec: 0,
        tv_nsec: i64::try_from(SILENCE.as_nanos()).unwrap_or(500_000_000),
    };
    loop {
        let mut fds = [PollFd::new(real, PollFlags::IN)];
        let ready = match poll(&mut fds, paste.open.then_some(&silence)) {
            Ok(n) => n,
            Err(rustix::io::Errno::INTR) => continue,
            Err(_) => return,
        };
        if ready == 0 {
            // Silence in the middle of a paste: it is ended here.
            paste.open = false;
            if write_all(to, END).is_err() {
                return;
            }
            continue;
        }
        let n = match rustix::io::read(real, &mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        paste.scan(&buf[..n]);
        if write_all(to, &buf[..n]).is_err() {
            return;
        }
    }
}

fn write_all(fd: &OwnedFd, mut bytes: &[u8]) -> rustix::io::Result<()> {
    while !bytes.is_empty() {
        match rustix::io::write(fd, bytes) {
            Ok(n) => bytes = &bytes[n..],
            Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Whether the bytes so far leave a paste open, across reads that split its markers.
#[derive(Debug, Default)]
struct PasteState {
    open: bool,
    /// The last bytes of the previous read (a marker may straddle two reads).
    tail: Vec<u8>,
}

impl PasteState {
    fn scan(&mut self, bytes: &[u8]) {
        // The carried tail is shorter than a marker, so no marker is counted twice.
        let mut seen = std::mem::take(&mut self.tail);
        seen.extend_from_slice(bytes);
        for at in seen.windows(START.len()) {
            if at == START {
                self.open = true;
            } else if at == END {
                self.open = false;
            }
        }
        let keep = seen.len().saturating_sub(START.len() - 1);
        self.tail = seen[keep..].to_vec();
    }
}

#[cfg(test)]
mod tests {
    use super::PasteState;

    fn after(reads: &[&[u8]]) -> bool {
        let mut p = PasteState::default();
        for r in reads {
            p.scan(r);
        }
        p.open
    }

    #[test]
    fn a_paste_is_open_between_its_markers_however_the_reads_split_them() {
        assert!(!after(&[b"abc"]));
        assert!(after(&[b"\x1b[200~text"]));
        assert!(!after(&[b"\x1b[200~text\x1b[201~"]));
        assert!(after(&[b"\x1b[2", b"00~text"]));
        assert!(!after(&[b"\x1b[200~text\x1b[20", b"1~"]));
        assert!(!after(&[
            b"\x1b[200~a",
            b"\x1b",
            b"[",
            b"2",
            b"0",
            b"1",
            b"~"
        ]));
        assert!(after(&[b"\x1b[200~a\x1b[201~b\x1b[200~c"]));
        assert!(after(&[b"\x1b[200~", b"more text"]));
    }
}
