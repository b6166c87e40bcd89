//! Uploaded files: checked (kind sniffed from the bytes, size capped),
//! stored outside the web root under an opaque id, and served only to the
//! people they concern (`/files/{id}`).

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use std::path::Path;

use super::auth::{db_error, Viewer};
use super::calls::ms;
use super::db::Db;
use crate::domain::upload::{self, FileKind};
use crate::domain::{AppError, ErrorCode, Role, UserId};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Receipt,
    Evidence,
}

impl Purpose {
    const fn code(self) -> &'static str {
        match self {
            Purpose::Receipt => "receipt",
            Purpose::Evidence => "evidence",
        }
    }
}

fn internal(e: std::io::Error) -> AppError {
    tracing::error!(error = %e, "upload storage");
    AppError::new(ErrorCode::Internal)
}

/// Checks and keeps a file; returns its id.
pub async fn store(
    db: &Db,
    dir: &Path,
    owner: &UserId,
    purpose: Purpose,
    bytes: &[u8],
    allowed: &[FileKind],
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let kind = upload::check(bytes, allowed)?;
    let id = uuid::Uuid::new_v4().simple().to_string();
    tokio::fs::create_dir_all(dir).await.map_err(internal)?;
    let path = dir.join(&id);
    tokio::fs::write(&path, bytes).await.map_err(internal)?;
    let saved = sqlx::query(
        "INSERT INTO uploads (id, owner_id, kind, purpose, size, sha256, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(owner.as_str())
    .bind(kind.code())
    .bind(purpose.code())
    .bind(bytes.len() as i64)
    .bind(hex::encode(Sha256::digest(bytes)))
    .bind(ms(now))
    .execute(db)
    .await;
    if let Err(e) = saved {
        let _ = tokio::fs::remove_file(&path).await;
        return Err(db_error(e));
    }
    Ok(id)
}

/// Removes a file nothing refers to (a request refused after its upload).
pub async fn discard(db: &Db, dir: &Path, id: &str) {
    if sqlx::query("DELETE FROM uploads WHERE id = $1")
        .bind(id)
        .execute(db)
        .await
        .is_ok()
    {
        let _ = tokio::fs::remove_file(dir.join(id)).await;
    }
}

/// The file, for its owner and for support only (a receipt concerns the
/// client who sent it and the people deciding on it).
pub async fn open(db: &Db, dir: &Path, id: &str, viewer: &Viewer) -> Result<(FileKind, Vec<u8>), AppError> {
    let ok_id = id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit());
    if !ok_id {
        return Err(AppError::new(ErrorCode::NotFound));
    }
    let row: Option<(String, String)> = sqlx::query_as("SELECT owner_id, kind FROM uploads WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await
        .map_err(db_error)?;
    let (owner, kind) = row.ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    if owner != viewer.id.as_str() && viewer.role != Role::Support {
        // The same answer as a missing file: ids are not probed.
        return Err(AppError::new(ErrorCode::NotFound));
    }
    let kind = FileKind::parse(&kind).ok_or_else(|| AppError::new(ErrorCode::Internal))?;
    let bytes = tokio::fs::read(dir.join(id)).await.map_err(internal)?;
    Ok((kind, bytes))
}
