//! The IANA time-zone database (chrono-tz), on the server only (TIME-1).
//! Pages get a [`ZoneInfo`]: the offsets of one zone over a few years.

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::{Arc, Mutex, OnceLock};

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::{OffsetComponents as _, OffsetName, Tz};

use crate::domain::time::{OffsetSpan, ZoneInfo, ZoneName};
use crate::domain::AppError;

/// The zone behind a name, if the database knows it.
pub fn known(name: &ZoneName) -> Option<Tz> {
    Tz::from_str(name.as_str()).ok()
}

/// A zone name someone sent (sign-up, settings, booking): known to the
/// database, or refused (TIME-1).
pub fn parse_known(raw: &str) -> Result<ZoneName, AppError> {
    let name = ZoneName::parse(raw)?;
    known(&name)
        .map(|tz| ZoneName::parse(tz.name()).unwrap_or(name.clone()))
        .ok_or_else(|| {
            AppError::new(crate::domain::ErrorCode::BadInput).with_rule(crate::domain::RuleId::Time1)
        })
}

/// The zones a person picks from: the database's `Area/City` names, sorted
/// (links such as `US/Eastern` and the `Etc/` offsets are left out, UTC
/// stays for those who want it).
pub fn choices() -> &'static [&'static str] {
    static CHOICES: OnceLock<Vec<&'static str>> = OnceLock::new();
    CHOICES.get_or_init(|| {
        const AREAS: [&str; 9] = [
            "Africa/",
            "America/",
            "Antarctica/",
            "Asia/",
            "Atlantic/",
            "Australia/",
            "Europe/",
            "Indian/",
            "Pacific/",
        ];
        let mut names: Vec<&'static str> = chrono_tz::TZ_VARIANTS
            .iter()
            .map(|tz| tz.name())
            .filter(|n| AREAS.iter().any(|a| n.starts_with(a)) || *n == "UTC")
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    })
}

/// A zone's offsets from three years back to four years ahead of the
/// process's start, computed once per zone and shared.
pub fn info(name: &ZoneName) -> Arc<ZoneInfo> {
    static CACHE: OnceLock<Mutex<HashMap<ZoneName, Arc<ZoneInfo>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(hit) = cache.lock().expect("zone cache").get(name) {
        return hit.clone();
    }
    let year = Utc::now().year();
    let info = Arc::new(match known(name) {
        Some(tz) => spans(tz, name.clone(), year - 3, year + 4),
        None => spans(
            chrono_tz::Europe::Rome,
            ZoneName::default_zone(),
            year - 3,
            year + 4,
        ),
    });
    cache
        .lock()
        .expect("zone cache")
        .insert(name.clone(), info.clone());
    info
}

fn year_start(year: i32) -> DateTime<Utc> {
    let day = NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January");
    Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0).expect("midnight"))
}

/// (offset east of UTC in seconds, abbreviation) at `t`.
fn offset(tz: Tz, t: DateTime<Utc>) -> (i32, String) {
    let o = tz.offset_from_utc_datetime(&t.naive_utc());
    let total = o.base_utc_offset() + o.dst_offset();
    (
        total.num_seconds() as i32,
        o.abbreviation().unwrap_or("").to_string(),
    )
}

/// Walks the years a day at a time; where the offset changed within a day,
/// a binary search finds the second it changed.
fn spans(tz: Tz, name: ZoneName, from_year: i32, to_year: i32) -> ZoneInfo {
    let (start, end) = (year_start(from_year), year_start(to_year));
    let (first_offset, first_abbr) = offset(tz, start);
    let mut spans = vec![OffsetSpan {
        from: start.timestamp(),
        offset: first_offset,
        abbr: first_abbr,
    }];
    let mut day = start;
    while day < end {
        let next = day + Duration::days(1);
        let before = offset(tz, day);
        if offset(tz, next) != before {
            let (mut lo, mut hi) = (day.timestamp(), next.timestamp());
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                let t = DateTime::from_timestamp(mid, 0).expect("in range");
                if offset(tz, t) == before {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let t = DateTime::from_timestamp(hi, 0).expect("in range");
            let (offset, abbr) = offset(tz, t);
            spans.push(OffsetSpan {
                from: hi,
                offset,
                abbr,
            });
        }
        day = next;
    }
    // Before the first span the first offset holds.
    spans[0].from = i64::MIN;
    ZoneInfo { name, spans }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::LocalInstant;
    use chrono::{LocalResult, NaiveDateTime};

    fn rome() -> Arc<ZoneInfo> {
        info(&ZoneName::parse("Europe/Rome").unwrap())
    }

    #[test]
    fn r_time_1_rome_changes_on_the_last_sundays_of_march_and_october() {
        let z = rome();
        let t = |s: &str| s.parse::<DateTime<Utc>>().unwrap().timestamp();
        let froms: Vec<i64> = z.spans.iter().map(|s| s.from).collect();
        assert!(froms.contains(&t("2027-03-28T01:00:00Z")), "{froms:?}");
        assert!(froms.contains(&t("2026-10-25T01:00:00Z")), "{froms:?}");
        assert!(froms.contains(&t("2027-10-31T01:00:00Z")), "{froms:?}");
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        assert_eq!(
            (
                z.offset_at(at("2027-03-28T00:59:59Z")),
                z.abbr_at(at("2027-03-28T00:59:59Z")).as_str()
            ),
            (3600, "CET")
        );
        assert_eq!(
            (
                z.offset_at(at("2027-03-28T01:00:00Z")),
                z.abbr_at(at("2027-03-28T01:00:00Z")).as_str()
            ),
            (7200, "CEST")
        );
    }

    /// The table answers exactly as the database does, for every half hour
    /// of both clock-change days and a stretch of ordinary ones, in zones
    /// with odd offsets and changes too.
    #[test]
    fn r_time_3_the_table_agrees_with_the_database() {
        for name in [
            "Europe/Rome",
            "America/New_York",
            "Australia/Lord_Howe",
            "Asia/Kolkata",
            "America/Sao_Paulo",
        ] {
            let zone = ZoneName::parse(name).unwrap();
            let tz = known(&zone).unwrap();
            let table = info(&zone);
            let start = NaiveDate::from_ymd_opt(Utc::now().year(), 1, 1)
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap();
            for step in 0..(366 * 48) {
                let local: NaiveDateTime = start + Duration::minutes(30 * step);
                let want = match tz.from_local_datetime(&local) {
                    LocalResult::Single(t) => LocalInstant::Single(t.with_timezone(&Utc)),
                    LocalResult::Ambiguous(a, b) => LocalInstant::Ambiguous {
                        first: a.with_timezone(&Utc).min(b.with_timezone(&Utc)),
                        second: a.with_timezone(&Utc).max(b.with_timezone(&Utc)),
                    },
                    LocalResult::None => LocalInstant::Skipped,
                };
                assert_eq!(table.resolve(local), want, "{name} {local}");
                if let LocalInstant::Single(t) = want {
                    assert_eq!(table.local(t), local, "{name} {local}");
                }
            }
        }
    }

    #[test]
    fn r_time_1_only_known_zones_are_taken() {
        assert_eq!(parse_known("Europe/Rome").unwrap().as_str(), "Europe/Rome");
        assert!(parse_known("Europe/Atlantis").is_err());
        assert!(parse_known("").is_err());
        assert!(choices().contains(&"Europe/Rome") && choices().contains(&"UTC"));
        assert!(!choices()
            .iter()
            .any(|n| n.starts_with("Etc/") || n.starts_with("US/")));
    }
}
