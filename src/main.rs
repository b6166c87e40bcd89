//! `settle` — the server, and the admin commands beside it.
//!
//! ```text
//! settle [serve]                                   run the web server
//! settle migrate                                   apply migrations and exit
//! settle admin create-support --email E --name N   make a support account
//!        (password from SETTLE_SUPPORT_PASSWORD, else one line on stdin)
//! ```

use std::sync::Arc;

use leptos::prelude::LeptosOptions;
use settle::domain::{DisplayName, Email, Password, Role};
use settle::platform::{clock::Clock, config::Config, db, state::AppState};
use settle::{seed, serve as http};

/// mimalloc instead of glibc's malloc: per-thread heaps, so the runtime's
/// threads do not contend for one arena on every request (issue 20).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() {
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => fail(&format!("configuration: {e}")),
    };
    init_tracing(config.log_json);
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        [] | ["serve"] => serve(config).await,
        ["migrate"] => {
            connect(&config).await;
            println!("migrations applied");
        }
        ["admin", "create-support", rest @ ..] => create_support(&config, rest).await,
        _ => fail("usage: settle [serve | migrate | admin create-support --email E --name N]"),
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("settle: {msg}");
    std::process::exit(2)
}

fn init_tracing(json: bool) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

async fn connect(config: &Config) -> db::Db {
    match settle::open_database(config.database_url.expose()).await {
        Ok(pool) => pool,
        Err(e) => fail(&format!("database: {e}")),
    }
}

async fn serve(config: Config) {
    let pool = connect(&config).await;
    let clock = Clock::system();
    match settle::help::store::seed_if_empty(&pool, clock.now()).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(articles = n, "help center seeded"),
        Err(e) => fail(&format!("help center: {e}")),
    }
    if config.demo_data {
        match seed::seed_if_empty(&pool, clock.now()).await {
            Ok(true) => tracing::info!("demo data seeded (see README for the logins)"),
            Ok(false) => {}
            Err(e) => fail(&format!("demo data: {e}")),
        }
    }
    if config.test_mode {
        tracing::warn!("TEST MODE: the clock can be moved through /__test/clock");
    }
    match settle::sessions::store::schedule_missing_jobs(&pool, clock.now()).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(jobs = n, "timed jobs added for sessions booked before them"),
        Err(e) => fail(&format!("timed jobs: {e}")),
    }
    // A crash mid-upload can leave a file nothing uses; each start clears
    // them beside serving, so a large upload folder never delays start-up.
    {
        let (pool, dir, now) = (pool.clone(), config.upload_dir.clone(), clock.now());
        tokio::spawn(async move {
            match settle::platform::uploads::sweep_orphans(&pool, &dir, now).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(files = n, "unused uploads removed"),
                Err(e) => tracing::warn!(error = %e, "could not sweep unused uploads"),
            }
        });
    }
    let live = if config.is_postgres() {
        match settle::platform::state::Live::with_postgres(pool.clone(), config.database_url.expose()).await {
            Ok(l) => l,
            Err(e) => fail(&format!("live listener: {e}")),
        }
    } else {
        settle::platform::state::Live::new()
    };
    let mailer = match settle::platform::mailer::Mailer::from_config(
        config.smtp_url.as_ref().map(|u| u.expose()),
        &config.mail_from,
    ) {
        Ok(m) => m,
        Err(e) => fail(&format!("mail: {e}")),
    };
    if !mailer.sends() {
        tracing::warn!("no mail server (SETTLE_SMTP_URL): e-mails stay in the outbox; in test mode /__test/outbox shows them");
    }
    let state = AppState {
        mailer,
        work: Default::default(),
        leptos_options: leptos_options(&config),
        db: pool,
        clock,
        config: Arc::new(config),
        live,
        pages: Default::default(),
        db_health: Default::default(),
        searches: Default::default(),
        search_results: Default::default(),
    };
    let addr = state.config.addr;
    settle::worker::spawn(state.clone());
    settle::platform::state::follow_help_edits(&state);
    let app = http::router(state);
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) => fail(&format!("cannot listen on {addr}: {e}")),
    };
    tracing::info!("listening on http://{addr}");
    // The peer's address is the sign-in throttle's second key.
    let app = axum::ServiceExt::<axum::extract::Request>::into_make_service_with_connect_info::<
        std::net::SocketAddr,
    >(app);
    if let Err(e) = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown())
        .await
    {
        fail(&format!("server: {e}"));
    }
}

/// The site is built by scripts/build-site.sh, which content-hashes the
/// wasm, JS and CSS and writes `hash.txt` beside the server binary.
fn leptos_options(config: &Config) -> LeptosOptions {
    let hashed = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt").exists()))
        .unwrap_or(false);
    if !hashed {
        tracing::warn!(
            "no hash.txt beside the binary: serving unhashed file names (run scripts/build-site.sh)"
        );
    }
    LeptosOptions::builder()
        .output_name("settle")
        .site_root(config.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .hash_files(hashed)
        .build()
}

/// Ctrl-C or SIGTERM (what service managers send): finish the requests in
/// flight, then stop.
async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down");
}

async fn create_support(config: &Config, args: &[&str]) {
    let mut email = None;
    let mut name = None;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        match (*flag, it.next()) {
            ("--email", Some(v)) => email = Some(*v),
            ("--name", Some(v)) => name = Some(*v),
            _ => fail("usage: settle admin create-support --email E --name N"),
        }
    }
    let (Some(email), Some(name)) = (email, name) else {
        fail("usage: settle admin create-support --email E --name N");
    };
    let password = match std::env::var("SETTLE_SUPPORT_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            eprintln!("password for {email} (one line):");
            let mut line = String::new();
            if std::io::stdin().read_line(&mut line).is_err() {
                fail("could not read the password");
            }
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    let account = (|| {
        Ok::<_, settle::domain::AppError>(settle::accounts::store::NewAccount {
            email: Email::parse(email)?,
            display_name: DisplayName::parse(name)?,
            password: Password::parse_new(password)?,
            role: Role::Support,
            locale: None,
            time_zone: settle::domain::time::ZoneName::default_zone(),
        })
    })();
    let account = match account {
        Ok(a) => a,
        Err(e) => fail(&settle::i18n::error_message(&e, settle::domain::Locale::En)),
    };
    let pool = connect(config).await;
    match settle::accounts::store::create_account(&pool, account, Clock::system().now()).await {
        Ok(id) => println!("support account created: {email} ({id})"),
        Err(e) => fail(&settle::i18n::error_message(&e, settle::domain::Locale::En)),
    }
}
