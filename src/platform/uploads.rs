//! Uploaded files: checked (kind sniffed from the bytes, size capped),
//! stored outside the web root under an opaque id, and served only to the
//! people they concern (`/files/{id}`).
//!
//! The upload folder holds every file this server wrote or served. On
//! PostgreSQL, where several app servers may share the database, the bytes
//! are also in `upload_blobs`, written with the file's record: a server
//! without the file reads it from there and keeps a copy.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::path::Path;

use crate::domain::upload::{self, FileKind};
use crate::domain::{AppError, ErrorCode, Role, UserId};
use crate::platform::auth::Viewer;
use crate::platform::db::{is_postgres, ms, Db};

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

/// An image offered as evidence (a dispute's chat, a rating-removal
/// request): PNG, JPEG, GIF or WebP, judged by its content.
pub async fn store_evidence_image(
    db: &Db,
    dir: &Path,
    owner: &UserId,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    store(db, dir, owner, Purpose::Evidence, bytes, &FileKind::IMAGES, now).await
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
    let record = sqlx::query(
        "INSERT INTO uploads (id, owner_id, kind, purpose, size, sha256, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(owner.as_str())
    .bind(kind.code())
    .bind(purpose.code())
    .bind(bytes.len() as i64)
    .bind(hex::encode(Sha256::digest(bytes)))
    .bind(ms(now));
    let saved = if is_postgres(db) {
        // The record and the shared bytes together, or neither.
        async {
            let mut tx = db.begin().await?;
            record.execute(&mut *tx).await?;
            insert_blob(&mut tx, &id, bytes, now).await?;
            tx.commit().await
        }
        .await
    } else {
        record.execute(db).await.map(|_| ())
    };
    if let Err(e) = saved {
        let _ = tokio::fs::remove_file(&path).await;
        return Err(e.into());
    }
    Ok(id)
}

async fn insert_blob(
    conn: &mut sqlx::AnyConnection,
    id: &str,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO upload_blobs (id, bytes, created_at) VALUES ($1, $2, $3)")
        .bind(id)
        .bind(bytes)
        .bind(ms(now))
        .execute(conn)
        .await
        .map(|_| ())
}

/// The file's bytes from this server's folder, or (PostgreSQL) from the
/// shared copy, which is then kept in the folder too.
async fn read(db: &Db, path: &Path, id: &str) -> Result<Option<Vec<u8>>, AppError> {
    match tokio::fs::read(path).await {
        Ok(bytes) => return Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(internal(e)),
    }
    if !is_postgres(db) {
        return Ok(None);
    }
    let shared: Option<Vec<u8>> = sqlx::query_scalar("SELECT bytes FROM upload_blobs WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await?;
    if let Some(bytes) = &shared {
        // A copy for next time; written aside and renamed, so a reader
        // never sees half a file. Serving does not wait on it failing.
        let keep = async {
            if let Some(parent) = path.parent() {
                tokio::fs::create_dir_all(parent).await?;
            }
            // A name of its own: two requests may fetch the same file.
            let part = path.with_extension(format!("{}.part", uuid::Uuid::new_v4().simple()));
            tokio::fs::write(&part, bytes).await?;
            tokio::fs::rename(&part, path).await
        };
        if let Err(e) = keep.await {
            tracing::warn!(error = %e, "could not keep a copy of a shared upload");
        }
    }
    Ok(shared)
}

async fn delete_blob(db: &Db, id: &str) -> Result<(), sqlx::Error> {
    if is_postgres(db) {
        sqlx::query("DELETE FROM upload_blobs WHERE id = $1")
            .bind(id)
            .execute(db)
            .await?;
    }
    Ok(())
}

/// Removes a file nothing refers to (a request refused after its upload).
pub async fn discard(db: &Db, dir: &Path, id: &str) {
    if sqlx::query("DELETE FROM uploads WHERE id = $1")
        .bind(id)
        .execute(db)
        .await
        .is_ok()
    {
        // Another server's copy of a discarded file is never served again
        // (its record is gone) and its sweep removes it.
        let _ = delete_blob(db, id).await;
        let _ = tokio::fs::remove_file(dir.join(id)).await;
    }
}

/// How long an upload may wait for the request that made it to refer to
/// it. Older files without a row, and older rows nothing refers to, were
/// left by a crash between the steps of a request.
pub const ORPHAN_AFTER: chrono::Duration = chrono::Duration::hours(1);

/// Removes what a crash in the middle of an upload can leave: a file
/// written but never recorded, or a recorded file that no chat message,
/// refund request or rating review came to use. Only from `ORPHAN_AFTER`
/// on, so an upload in progress (on this or another app server) is left
/// alone. Answers how many files went.
pub async fn sweep_orphans(db: &Db, dir: &Path, now: DateTime<Utc>) -> Result<usize, AppError> {
    let cutoff = now - ORPHAN_AFTER;
    let mut removed = 0;
    let unused: Vec<(String,)> = sqlx::query_as(
        "SELECT u.id FROM uploads u WHERE u.created_at <= $1 \
         AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.upload_id = u.id) \
         AND NOT EXISTS (SELECT 1 FROM billing_requests b WHERE b.receipt_upload = u.id) \
         AND NOT EXISTS (SELECT 1 FROM rating_reviews r WHERE r.evidence_upload = u.id)",
    )
    .bind(ms(cutoff))
    .fetch_all(db)
    .await?;
    for (id,) in unused {
        discard(db, dir, &id).await;
        removed += 1;
    }
    // One read of the ids in use, not a query per file.
    let recorded: HashSet<String> = sqlx::query_scalar("SELECT id FROM uploads")
        .fetch_all(db)
        .await?
        .into_iter()
        .collect();
    removed += remove_unused_files(dir, &recorded, cutoff).await?;
    let photos: HashSet<String> =
        sqlx::query_scalar("SELECT photo FROM model_profiles WHERE photo IS NOT NULL")
            .fetch_all(db)
            .await?
            .into_iter()
            .collect();
    removed += remove_unused_files(&dir.join("photos"), &photos, cutoff).await?;
    if is_postgres(db) {
        // Shared copies whose file was never recorded or never became a
        // model's photo (a crash between writing the bytes and using them).
        let gone = sqlx::query(
            "DELETE FROM upload_blobs b WHERE b.created_at <= $1 \
             AND NOT EXISTS (SELECT 1 FROM uploads u WHERE u.id = b.id) \
             AND NOT EXISTS (SELECT 1 FROM model_profiles p WHERE p.photo = b.id)",
        )
        .bind(ms(cutoff))
        .execute(db)
        .await?;
        removed += gone.rows_affected() as usize;
    }
    Ok(removed)
}

/// Removes from `dir` the files named as this module names them (an id,
/// or a copy being written aside) that are not in `keep` and were last
/// written at `cutoff` or before.
async fn remove_unused_files(
    dir: &Path,
    keep: &HashSet<String>,
    cutoff: DateTime<Utc>,
) -> Result<usize, AppError> {
    let mut entries = match tokio::fs::read_dir(dir).await {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(internal(e)),
    };
    let cutoff = std::time::SystemTime::from(cutoff);
    let mut removed = 0;
    while let Some(entry) = entries.next_entry().await.map_err(internal)? {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = (is_upload_id(&name) && !keep.contains(&name)) || name.ends_with(".part");
        if !ours {
            continue;
        }
        let old = entry
            .metadata()
            .await
            .and_then(|m| m.modified())
            .is_ok_and(|t| t <= cutoff);
        if old && tokio::fs::remove_file(entry.path()).await.is_ok() {
            removed += 1;
        }
    }
    Ok(removed)
}

fn is_upload_id(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Whether the file was posted (not as a support note) in a dispute chat
/// the viewer is a party to.
async fn in_members_chat(db: &Db, id: &str, viewer: &UserId) -> Result<bool, AppError> {
    let hit: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM messages m JOIN disputes d ON d.conversation_id = m.conversation_id \
         WHERE m.upload_id = $1 AND m.kind <> 'note' AND (d.client_id = $2 OR d.model_id = $2) LIMIT 1",
    )
    .bind(id)
    .bind(viewer.as_str())
    .fetch_optional(db)
    .await?;
    Ok(hit.is_some())
}

/// Whose a file is and what kind.
#[derive(sqlx::FromRow)]
struct UploadRow {
    owner_id: String,
    kind: String,
}

/// The file, for its owner, support, and the members of a dispute chat it
/// was posted in (a receipt concerns the
/// client who sent it and the people deciding on it).
pub async fn open(db: &Db, dir: &Path, id: &str, viewer: &Viewer) -> Result<(FileKind, Vec<u8>), AppError> {
    if !is_upload_id(id) {
        return Err(AppError::new(ErrorCode::NotFound));
    }
    let row: Option<UploadRow> = sqlx::query_as::<_, UploadRow>(
        "SELECT owner_id AS owner_id, kind AS kind FROM uploads WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    let UploadRow {
        owner_id: owner,
        kind,
    } = row.ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    if owner != viewer.id.as_str()
        && viewer.role != Role::Support
        && !in_members_chat(db, id, &viewer.id).await?
    {
        // The same answer as a missing file: ids are not probed.
        return Err(AppError::new(ErrorCode::NotFound));
    }
    let kind = FileKind::parse(&kind).ok_or_else(|| AppError::new(ErrorCode::Internal))?;
    let bytes = read(db, &dir.join(id), id).await?.ok_or_else(|| {
        internal(std::io::Error::other(format!(
            "upload {id} has a record but no bytes"
        )))
    })?;
    Ok((kind, bytes))
}

/// The side of a model's photo as stored, in pixels.
pub const PHOTO_SIDE: u32 = 480;
/// An image wider or taller than this is refused before it is decoded in
/// full (a small file can claim an enormous picture).
pub const PHOTO_MAX_SIDE: u32 = 8000;

/// A photo as Settle keeps it: the upload checked (sniffed, at most
/// `MAX_BYTES`), decoded within limits, cut to a centred square of
/// `PHOTO_SIDE` and re-encoded as JPEG, so nothing of the original file
/// (its metadata, a hidden payload, its size) reaches a browser. Blocking:
/// call it off the async runtime.
pub fn square_jpeg(bytes: &[u8]) -> Result<Vec<u8>, AppError> {
    use image::{imageops::FilterType, ImageReader, Limits};
    upload::check(bytes, &FileKind::IMAGES)?;
    let not_an_image = || AppError::new(ErrorCode::FileType);
    let mut reader = ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| not_an_image())?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(PHOTO_MAX_SIDE);
    limits.max_image_height = Some(PHOTO_MAX_SIDE);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let picture = reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => {
            AppError::new(ErrorCode::ImageTooLarge).with_detail(PHOTO_MAX_SIDE.to_string())
        }
        _ => not_an_image(),
    })?;
    let square = picture
        .resize_to_fill(PHOTO_SIDE, PHOTO_SIDE, FilterType::Triangle)
        .to_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82)
        .encode_image(&square)
        .map_err(|e| internal(std::io::Error::other(e)))?;
    Ok(out)
}

/// Keeps a processed photo under a new id in `photos/` (and, on
/// PostgreSQL, in the shared copies); returns the id.
pub async fn store_photo(db: &Db, dir: &Path, jpeg: &[u8], now: DateTime<Utc>) -> Result<String, AppError> {
    let id = uuid::Uuid::new_v4().simple().to_string();
    let photos = dir.join("photos");
    tokio::fs::create_dir_all(&photos).await.map_err(internal)?;
    tokio::fs::write(photos.join(&id), jpeg).await.map_err(internal)?;
    if is_postgres(db) {
        let mut conn = db.acquire().await?;
        if let Err(e) = insert_blob(&mut conn, &id, jpeg, now).await {
            let _ = tokio::fs::remove_file(photos.join(&id)).await;
            return Err(e.into());
        }
    }
    Ok(id)
}

/// A stored photo's bytes (public: photos are on public profiles).
pub async fn read_photo(db: &Db, dir: &Path, id: &str) -> Result<Vec<u8>, AppError> {
    if !is_upload_id(id) {
        return Err(AppError::new(ErrorCode::NotFound));
    }
    read(db, &dir.join("photos").join(id), id)
        .await?
        .ok_or_else(|| AppError::new(ErrorCode::NotFound))
}

/// Removes a photo that was replaced.
pub async fn discard_photo(db: &Db, dir: &Path, id: &str) {
    if is_upload_id(id) {
        let _ = delete_blob(db, id).await;
        let _ = tokio::fs::remove_file(dir.join("photos").join(id)).await;
    }
}
