//! A model's photo (issue 16): sniffed, capped, decoded within limits, cut
//! to a square and re-encoded on the server; shown to anyone browsing.

mod support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use settle::domain::Role;
use support::money::person;
use support::{body_string, cookie_for, TestApp};

const BOUNDARY: &str = "photo-boundary";

fn upload(cookie: &str, file: &[u8]) -> Request<Body> {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"lang\"\r\n\r\nit\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"me.png\"\r\n\
         Content-Type: image/png\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    Request::post("/api/sessions/photo")
        .header(header::ACCEPT, "application/json")
        .header(header::COOKIE, cookie)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(Body::from(body))
        .unwrap()
}

/// A PNG of the given size, a gradient so the encoder has work to do.
fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

async fn get(app: &TestApp, path: &str) -> axum::http::Response<Body> {
    app.request(Request::get(path).body(Body::empty()).unwrap()).await
}

async fn bytes(res: axum::http::Response<Body>) -> Vec<u8> {
    axum::body::to_bytes(res.into_body(), 10 << 20)
        .await
        .unwrap()
        .to_vec()
}

async fn photo_column(app: &TestApp, model: &settle::domain::UserId) -> Option<String> {
    sqlx::query_scalar("SELECT photo FROM model_profiles WHERE model_id = $1")
        .bind(model.as_str())
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_models_photo_is_cut_to_a_square_jpeg_and_shown_to_anyone() {
    let app = TestApp::new().await;
    let model = person(&app.db, "model", Role::Model).await;
    settle::sessions::store::seed_profile(&app.db, &model, "Milano", "Via Roma 1", "Be kind")
        .await
        .unwrap();
    let cookie = cookie_for(&app.db, &model, chrono::Utc::now()).await;

    let res = app.request(upload(&cookie, &png(1200, 800))).await;
    assert_eq!(res.status(), StatusCode::OK);
    let path: String = serde_json::from_str(&body_string(res).await).unwrap();
    assert!(path.starts_with("/media/photos/"), "{path}");

    // Served to someone not signed in, as a small square JPEG, cached for good.
    let res = get(&app, &path).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "image/jpeg");
    assert!(res.headers()[header::CACHE_CONTROL]
        .to_str()
        .unwrap()
        .contains("immutable"));
    assert_eq!(res.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    let jpeg = bytes(res).await;
    let shown = image::load_from_memory_with_format(&jpeg, image::ImageFormat::Jpeg).unwrap();
    assert_eq!((shown.width(), shown.height()), (480, 480));

    // The list and the profile name it, for anyone.
    let list = app
        .request(Request::post("/api/sessions/models").body(Body::empty()).unwrap())
        .await;
    assert!(body_string(list).await.contains(&path));

    // A new photo replaces the old one, whose address no longer answers.
    let res = app.request(upload(&cookie, &png(300, 900))).await;
    assert_eq!(res.status(), StatusCode::OK);
    let newer: String = serde_json::from_str(&body_string(res).await).unwrap();
    assert_ne!(newer, path);
    assert_eq!(get(&app, &path).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(get(&app, &newer).await.status(), StatusCode::OK);
    assert_eq!(
        get(&app, "/media/photos/../../etc/passwd").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn bad_photos_are_refused_with_a_reason_and_change_nothing() {
    let app = TestApp::new().await;
    let model = person(&app.db, "model", Role::Model).await;
    settle::sessions::store::seed_profile(&app.db, &model, "Milano", "Via Roma 1", "Be kind")
        .await
        .unwrap();
    let cookie = cookie_for(&app.db, &model, chrono::Utc::now()).await;
    let client = person(&app.db, "client", Role::Client).await;
    let client_cookie = cookie_for(&app.db, &client, chrono::Utc::now()).await;

    let mut too_big = png(64, 64);
    too_big.resize(5 * 1024 * 1024 + 512 * 1024, 0);
    let mut truncated = png(400, 400);
    truncated.truncate(200);
    for (what, cookie, file, status, code) in [
        (
            "text",
            &cookie,
            b"hello, not a picture".to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "file_type",
        ),
        (
            "over 5 MB",
            &cookie,
            too_big,
            StatusCode::PAYLOAD_TOO_LARGE,
            "file_too_large",
        ),
        (
            "too many pixels",
            &cookie,
            png(9000, 4),
            StatusCode::PAYLOAD_TOO_LARGE,
            "image_too_large",
        ),
        (
            "a broken PNG",
            &cookie,
            truncated,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "file_type",
        ),
        (
            "a client",
            &client_cookie,
            png(100, 100),
            StatusCode::FORBIDDEN,
            "not_allowed",
        ),
    ] {
        let res = app.request(upload(cookie, &file)).await;
        assert_eq!(res.status(), status, "{what}");
        assert!(body_string(res).await.contains(code), "{what}");
        assert_eq!(photo_column(&app, &model).await, None, "{what}: nothing stored");
    }
    let photos = app.state.config.upload_dir.join("photos");
    let kept = std::fs::read_dir(&photos).map(|d| d.count()).unwrap_or(0);
    assert_eq!(kept, 0, "no file left behind");
}
