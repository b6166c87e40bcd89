//! A real SMTP server on loopback (scripts/smtp-sink.py, Debian's
//! python3-aiosmtpd): the tests read what it received, make it refuse
//! (451), stop it and start it again on the same port.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

#[derive(Clone, Debug, serde::Deserialize)]
pub struct Received {
    pub to: Vec<String>,
    pub subject: String,
    pub message_id: String,
    pub text: String,
    pub html: String,
}

pub struct Smtp {
    child: Option<Child>,
    pub port: u16,
    dir: PathBuf,
}

fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

impl Smtp {
    pub fn start() -> Smtp {
        let dir = std::env::temp_dir().join(format!("settle-smtp-{}", uuid::Uuid::now_v7().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut s = Smtp {
            child: None,
            port: free_port(),
            dir,
        };
        s.resume();
        s
    }

    /// `smtp://127.0.0.1:PORT`, for `SETTLE_SMTP_URL`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Starts (again) on the same port; waits until it answers.
    pub fn resume(&mut self) {
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scripts/smtp-sink.py");
        let child = Command::new("/usr/bin/python3")
            .arg(script)
            .arg(self.port.to_string())
            .arg(&self.dir)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("python3-aiosmtpd (scripts/setup.sh installs it)");
        self.child = Some(child);
        let until = Instant::now() + Duration::from_secs(15);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < until, "the SMTP server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The mail server is down.
    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// While on, the server answers 451 to every mail.
    pub fn refuse(&self, on: bool) {
        let flag = self.dir.join("refuse");
        if on {
            std::fs::write(flag, b"").unwrap();
        } else {
            let _ = std::fs::remove_file(flag);
        }
    }

    /// Every mail received so far, oldest first.
    pub fn mails(&self) -> Vec<Received> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("mail-") && n.ends_with(".json"))
            })
            .collect();
        names.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
        names
            .iter()
            .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
            .collect()
    }

    /// The mails to `address`.
    pub fn mails_to(&self, address: &str) -> Vec<Received> {
        self.mails()
            .into_iter()
            .filter(|m| m.to.iter().any(|t| t.eq_ignore_ascii_case(address)))
            .collect()
    }

    /// Waits until at least `n` mails arrived (a running server's worker
    /// sends them by itself).
    pub fn wait_for(&self, n: usize, limit: Duration) -> Vec<Received> {
        let until = Instant::now() + limit;
        loop {
            let m = self.mails();
            if m.len() >= n || Instant::now() > until {
                return m;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Smtp {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
