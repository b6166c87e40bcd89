//! A small HTTP/1.1 client over plain TCP (keep-alive, form posts), shared
//! by the load driver and the crash test so that neither needs a client
//! library beyond the server's own dependencies. A connection that breaks
//! (a killed server) answers an error, never a made-up status.
#![allow(dead_code)] // each user takes part of it

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

pub struct Http {
    pub host: String,
    pub conn: BufReader<TcpStream>,
}

pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }

    /// The session cookie a sign-in set (`name=value`).
    pub fn cookie(&self) -> Option<String> {
        self.header("set-cookie")
            .and_then(|v| v.split(';').next())
            .map(str::to_owned)
    }
}

fn host_of(url: &str) -> String {
    url.trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string()
}

pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

impl Http {
    pub async fn open(url: &str) -> std::io::Result<Http> {
        let host = host_of(url);
        let stream = TcpStream::connect(&host).await?;
        stream.set_nodelay(true).ok();
        Ok(Http {
            host,
            conn: BufReader::new(stream),
        })
    }

    /// A same-origin form post, as the app's own pages send it.
    pub async fn post(
        &mut self,
        path: &str,
        cookie: Option<&str>,
        form: &[(&str, &str)],
    ) -> std::io::Result<Answer> {
        let body: String = form
            .iter()
            .map(|(k, v)| format!("{k}={}", urlencode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let cookie = cookie.map(|c| format!("Cookie: {c}\r\n")).unwrap_or_default();
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: {}\r\nOrigin: http://{}\r\nAccept: application/json\r\n{cookie}\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n",
            self.host,
            self.host,
            body.len()
        );
        let stream = self.conn.get_mut();
        stream.write_all(head.as_bytes()).await?;
        stream.write_all(body.as_bytes()).await?;
        self.read_answer().await
    }

    /// A page as a browser asks for it.
    pub async fn get(&mut self, path: &str, cookie: Option<&str>) -> std::io::Result<Answer> {
        let cookie = cookie.map(|c| format!("Cookie: {c}\r\n")).unwrap_or_default();
        let head = format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nAccept: text/html\r\n{cookie}\r\n",
            self.host
        );
        self.conn.get_mut().write_all(head.as_bytes()).await?;
        self.read_answer().await
    }

    pub async fn read_head(&mut self) -> std::io::Result<(u16, Vec<(String, String)>)> {
        let mut line = String::new();
        if self.conn.read_line(&mut line).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let status = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidData, "no status line"))?;
        let mut headers = Vec::new();
        loop {
            line.clear();
            if self.conn.read_line(&mut line).await? == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
        Ok((status, headers))
    }

    pub async fn read_answer(&mut self) -> std::io::Result<Answer> {
        let (status, headers) = self.read_head().await?;
        let header = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        let mut body = Vec::new();
        if let Some(len) = header("content-length").and_then(|v| v.parse::<usize>().ok()) {
            body.resize(len, 0);
            self.conn.read_exact(&mut body).await?;
        } else if header("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
            loop {
                let mut size = String::new();
                if self.conn.read_line(&mut size).await? == 0 {
                    return Err(std::io::ErrorKind::UnexpectedEof.into());
                }
                let n = usize::from_str_radix(size.trim(), 16)
                    .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "bad chunk size"))?;
                let mut chunk = vec![0; n + 2];
                self.conn.read_exact(&mut chunk).await?;
                if n == 0 {
                    break;
                }
                body.extend_from_slice(&chunk[..n]);
            }
        }
        Ok(Answer {
            status,
            headers,
            body,
        })
    }
}
