//! Uploaded files: what a file is, judged by its first bytes (never by the
//! name or the type the browser sent), and how large it may be.

use serde::{Deserialize, Serialize};

use super::error::{AppError, ErrorCode};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileKind {
    Png,
    Jpeg,
    Gif,
    Webp,
    Pdf,
}

impl FileKind {
    pub const IMAGES: [FileKind; 4] = [FileKind::Png, FileKind::Jpeg, FileKind::Gif, FileKind::Webp];
    pub const RECEIPTS: [FileKind; 5] = [
        FileKind::Png,
        FileKind::Jpeg,
        FileKind::Gif,
        FileKind::Webp,
        FileKind::Pdf,
    ];

    pub const fn code(self) -> &'static str {
        match self {
            FileKind::Png => "png",
            FileKind::Jpeg => "jpeg",
            FileKind::Gif => "gif",
            FileKind::Webp => "webp",
            FileKind::Pdf => "pdf",
        }
    }

    pub fn parse(raw: &str) -> Option<FileKind> {
        FileKind::RECEIPTS.into_iter().find(|k| k.code() == raw)
    }

    pub const fn content_type(self) -> &'static str {
        match self {
            FileKind::Png => "image/png",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Gif => "image/gif",
            FileKind::Webp => "image/webp",
            FileKind::Pdf => "application/pdf",
        }
    }
}

/// Files above this size are refused (5 MiB).
pub const MAX_BYTES: usize = 5 * 1024 * 1024;

/// The kind of file the bytes start like, if it is one we accept.
pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
    match bytes {
        [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, ..] => Some(FileKind::Png),
        [0xff, 0xd8, 0xff, ..] => Some(FileKind::Jpeg),
        [b'G', b'I', b'F', b'8', b'7' | b'9', b'a', ..] => Some(FileKind::Gif),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some(FileKind::Webp),
        [b'%', b'P', b'D', b'F', b'-', ..] => Some(FileKind::Pdf),
        _ => None,
    }
}

/// Accepts a non-empty file within [`MAX_BYTES`] of one of the `allowed` kinds.
pub fn check(bytes: &[u8], allowed: &[FileKind]) -> Result<FileKind, AppError> {
    if bytes.len() > MAX_BYTES {
        return Err(
            AppError::new(ErrorCode::FileTooLarge).with_detail((MAX_BYTES / (1024 * 1024)).to_string())
        );
    }
    match sniff(bytes) {
        Some(kind) if allowed.contains(&kind) => Ok(kind),
        _ => Err(AppError::new(ErrorCode::FileType)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13];

    #[test]
    fn r_bill_2_receipts_are_sniffed_by_content() {
        assert_eq!(sniff(PNG), Some(FileKind::Png));
        assert_eq!(sniff(&[0xff, 0xd8, 0xff, 0xe0]), Some(FileKind::Jpeg));
        assert_eq!(sniff(b"GIF89a...."), Some(FileKind::Gif));
        assert_eq!(sniff(b"RIFF\x10\x00\x00\x00WEBPVP8 "), Some(FileKind::Webp));
        assert_eq!(sniff(b"%PDF-1.7\n"), Some(FileKind::Pdf));
        // An HTML or SVG page named .png is not an image.
        assert_eq!(sniff(b"<html><script>alert(1)</script>"), None);
        assert_eq!(sniff(b"<svg xmlns='http://www.w3.org/2000/svg'/>"), None);
        assert_eq!(sniff(b""), None);
        assert_eq!(sniff(&PNG[..7]), None);
    }

    #[test]
    fn r_bill_2_receipts_are_size_capped_and_of_allowed_kinds() {
        assert_eq!(check(PNG, &FileKind::RECEIPTS).unwrap(), FileKind::Png);
        assert_eq!(
            check(b"%PDF-1.4", &FileKind::IMAGES).unwrap_err().code,
            ErrorCode::FileType
        );
        assert_eq!(
            check(b"", &FileKind::RECEIPTS).unwrap_err().code,
            ErrorCode::FileType
        );
        let mut big = PNG.to_vec();
        big.resize(MAX_BYTES, 0);
        assert!(check(&big, &FileKind::RECEIPTS).is_ok());
        big.push(0);
        let e = check(&big, &FileKind::RECEIPTS).unwrap_err();
        assert_eq!(
            (e.code, e.detail.as_deref()),
            (ErrorCode::FileTooLarge, Some("5"))
        );
        for k in FileKind::RECEIPTS {
            assert_eq!(FileKind::parse(k.code()), Some(k));
        }
    }
}
