//! TIME-1..3: instants are UTC everywhere but on the screen. A person reads
//! them in their own zone, in their language's way of writing a date.
//!
//! The IANA database stays on the server (platform::zones). What crosses
//! the wire is a [`ZoneInfo`]: one zone's offsets over a few years, a few
//! hundred bytes. With it the same code formats a time identically on the
//! server and in the browser, and turns a local wall-clock time back into
//! an instant (TIME-3) without the database.

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, TimeZone as _, Timelike, Utc};
use serde::{Deserialize, Serialize};

use super::{AppError, ErrorCode, Locale, RuleId};

/// An IANA zone name such as `Europe/Rome`. Its shape is checked here;
/// whether the database knows it is checked on the server
/// (`platform::zones::known`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ZoneName(String);

impl ZoneName {
    /// The zone people are given until they say otherwise: Settle's people
    /// are in Italy first.
    pub const DEFAULT: &'static str = "Europe/Rome";

    pub fn parse(raw: &str) -> Result<ZoneName, AppError> {
        let raw = raw.trim();
        let shape_ok = !raw.is_empty()
            && raw.len() <= 64
            && raw
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-' | '+'));
        if shape_ok {
            Ok(ZoneName(raw.to_string()))
        } else {
            Err(AppError::new(ErrorCode::BadInput).with_rule(RuleId::Time1))
        }
    }

    pub fn default_zone() -> ZoneName {
        ZoneName(Self::DEFAULT.to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// "Europe/Rome" → "Rome", "America/Argentina/Buenos_Aires" →
    /// "Buenos Aires": the part people recognise.
    pub fn city(&self) -> String {
        self.0.rsplit('/').next().unwrap_or(&self.0).replace('_', " ")
    }
}

impl std::fmt::Display for ZoneName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// From `from` (a Unix time in seconds) until the next span, the zone is
/// `offset` seconds east of UTC and abbreviated `abbr` ("CET", "CEST").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffsetSpan {
    pub from: i64,
    pub offset: i32,
    pub abbr: String,
}

/// One zone's offsets over a stretch of years, sorted by `from`. Before the
/// first span the first offset holds, after the last the last.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoneInfo {
    pub name: ZoneName,
    pub spans: Vec<OffsetSpan>,
}

/// A local wall-clock time read back as an instant (TIME-3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocalInstant {
    /// The usual case: the time happens once.
    Single(DateTime<Utc>),
    /// Clocks went back: the time happens twice. Settle takes the first.
    Ambiguous {
        first: DateTime<Utc>,
        second: DateTime<Utc>,
    },
    /// Clocks went forward: the time never happens.
    Skipped,
}

impl LocalInstant {
    /// The instant a booking at this local time means: the first
    /// occurrence, or a TIME-3 refusal naming the hour that was skipped.
    pub fn first_or_refuse(self) -> Result<DateTime<Utc>, AppError> {
        match self {
            LocalInstant::Single(t) | LocalInstant::Ambiguous { first: t, .. } => Ok(t),
            LocalInstant::Skipped => Err(AppError::rule(RuleId::Time3).with_detail("skipped")),
        }
    }

    pub fn is_ambiguous(self) -> bool {
        matches!(self, LocalInstant::Ambiguous { .. })
    }
}

impl ZoneInfo {
    /// A zone that never changes (tests, and the fallback when a stored
    /// name is no longer known).
    pub fn fixed(name: ZoneName, offset: i32, abbr: &str) -> ZoneInfo {
        ZoneInfo {
            name,
            spans: vec![OffsetSpan {
                from: i64::MIN,
                offset,
                abbr: abbr.to_string(),
            }],
        }
    }

    fn span_at(&self, t: DateTime<Utc>) -> Option<&OffsetSpan> {
        let secs = t.timestamp();
        let after = self.spans.partition_point(|s| s.from <= secs);
        self.spans.get(after.saturating_sub(1))
    }

    /// Seconds east of UTC at `t`.
    pub fn offset_at(&self, t: DateTime<Utc>) -> i32 {
        self.span_at(t).map_or(0, |s| s.offset)
    }

    /// The zone's short name at `t` ("CET" in winter, "CEST" in summer);
    /// a numeric one ("-03") is written as "GMT-3".
    pub fn abbr_at(&self, t: DateTime<Utc>) -> String {
        let abbr = self.span_at(t).map_or("", |s| s.abbr.as_str());
        if abbr.chars().any(|c| c.is_ascii_alphabetic()) {
            abbr.to_string()
        } else {
            gmt_offset(self.offset_at(t))
        }
    }

    /// The wall-clock time at `t`.
    pub fn local(&self, t: DateTime<Utc>) -> NaiveDateTime {
        t.naive_utc() + Duration::seconds(i64::from(self.offset_at(t)))
    }

    /// Every instant whose wall-clock time here is `local` (TIME-3).
    pub fn resolve(&self, local: NaiveDateTime) -> LocalInstant {
        let mut found: Vec<DateTime<Utc>> = Vec::with_capacity(2);
        for (i, span) in self.spans.iter().enumerate() {
            let t = Utc.from_utc_datetime(&(local - Duration::seconds(i64::from(span.offset))));
            let secs = t.timestamp();
            let starts = i == 0 || secs >= span.from;
            let ends = self.spans.get(i + 1).is_none_or(|next| secs < next.from);
            if starts && ends && !found.contains(&t) {
                found.push(t);
            }
        }
        found.sort();
        match found.as_slice() {
            [] => LocalInstant::Skipped,
            [one] => LocalInstant::Single(*one),
            [first, second, ..] => LocalInstant::Ambiguous {
                first: *first,
                second: *second,
            },
        }
    }
}

fn gmt_offset(offset: i32) -> String {
    let sign = if offset < 0 { '-' } else { '+' };
    let (h, m) = (offset.abs() / 3600, offset.abs() % 3600 / 60);
    match m {
        0 => format!("GMT{sign}{h}"),
        _ => format!("GMT{sign}{h}:{m:02}"),
    }
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTHS_IT: [&str; 12] = [
    "gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic",
];

/// A wall-clock time as people write it: `3 Dec 2026, 9:30 pm` in
/// English, `3 dic 2026, 21:30` in Italian.
pub fn write_local(local: NaiveDateTime, locale: Locale) -> String {
    format!("{}, {}", write_date(local, locale), write_clock(local, locale))
}

/// `3 Dec 2026` / `3 dic 2026`.
pub fn write_date(local: NaiveDateTime, locale: Locale) -> String {
    let month = local.month0() as usize;
    let name = match locale {
        Locale::En => MONTHS_EN[month],
        Locale::It => MONTHS_IT[month],
    };
    format!("{} {name} {}", local.day(), local.year())
}

/// `9:30 pm` / `21:30`.
pub fn write_clock(local: NaiveDateTime, locale: Locale) -> String {
    match locale {
        Locale::En => {
            let (pm, h) = local.hour12();
            format!("{h}:{:02} {}", local.minute(), if pm { "pm" } else { "am" })
        }
        Locale::It => format!("{}:{:02}", local.hour(), local.minute()),
    }
}

/// An instant in a zone, as people write it; `named` adds the zone's short
/// name where the time could be misread (another zone, a clock change).
pub fn write_instant(t: DateTime<Utc>, zone: &ZoneInfo, locale: Locale, named: bool) -> String {
    let text = write_local(zone.local(t), locale);
    if named {
        format!("{text} {}", zone.abbr_at(t))
    } else {
        text
    }
}

/// How far an instant is from now, in words: "in 2 hours", "12 min ago";
/// "tra 2 ore", "12 min fa". Rounded down, so it never promises more time
/// than there is.
pub fn write_relative(t: DateTime<Utc>, now: DateTime<Utc>, locale: Locale) -> String {
    let secs = (t - now).num_seconds();
    let amount = span_words(secs.unsigned_abs(), locale);
    match (secs >= 0, locale) {
        (true, Locale::En) => format!("in {amount}"),
        (true, Locale::It) => format!("tra {amount}"),
        (false, Locale::En) => format!("{amount} ago"),
        (false, Locale::It) => format!("{amount} fa"),
    }
}

/// "12 min left" / "ancora 12 min" (never below zero).
pub fn write_left(until: DateTime<Utc>, now: DateTime<Utc>, locale: Locale) -> String {
    let amount = span_words((until - now).num_seconds().max(0).unsigned_abs(), locale);
    match locale {
        Locale::En => format!("{amount} left"),
        Locale::It => format!("ancora {amount}"),
    }
}

fn span_words(secs: u64, locale: Locale) -> String {
    let (minutes, hours, days) = (secs / 60, secs / 3600, secs / 86_400);
    match locale {
        Locale::En => match () {
            _ if secs < 60 => "less than a minute".to_string(),
            _ if minutes < 60 => format!("{minutes} min"),
            _ if hours == 1 => "1 hour".to_string(),
            _ if hours < 48 => format!("{hours} hours"),
            _ => format!("{days} days"),
        },
        Locale::It => match () {
            _ if secs < 60 => "meno di un minuto".to_string(),
            _ if minutes < 60 => format!("{minutes} min"),
            _ if hours == 1 => "1 ora".to_string(),
            _ if hours < 48 => format!("{hours} ore"),
            _ => format!("{days} giorni"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn local(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap()
    }

    /// Rome around 2027: CET, CEST from 28 Mar 01:00 UTC, CET from 31 Oct
    /// 01:00 UTC (what the IANA database says; platform::zones checks the
    /// database agrees).
    fn rome() -> ZoneInfo {
        ZoneInfo {
            name: ZoneName::parse("Europe/Rome").unwrap(),
            spans: vec![
                OffsetSpan {
                    from: at("2026-10-25T01:00:00Z").timestamp(),
                    offset: 3600,
                    abbr: "CET".into(),
                },
                OffsetSpan {
                    from: at("2027-03-28T01:00:00Z").timestamp(),
                    offset: 7200,
                    abbr: "CEST".into(),
                },
                OffsetSpan {
                    from: at("2027-10-31T01:00:00Z").timestamp(),
                    offset: 3600,
                    abbr: "CET".into(),
                },
            ],
        }
    }

    #[test]
    fn r_time_1_instants_read_as_people_write_them() {
        let t = at("2026-12-03T20:30:00Z");
        assert_eq!(write_instant(t, &rome(), Locale::It, false), "3 dic 2026, 21:30");
        assert_eq!(
            write_instant(t, &rome(), Locale::En, false),
            "3 Dec 2026, 9:30 pm"
        );
        assert_eq!(
            write_instant(t, &rome(), Locale::En, true),
            "3 Dec 2026, 9:30 pm CET"
        );
        let summer = at("2027-07-01T10:05:00Z");
        assert_eq!(
            write_instant(summer, &rome(), Locale::It, true),
            "1 lug 2027, 12:05 CEST"
        );
        let midnight = at("2026-12-03T23:00:00Z");
        assert_eq!(
            write_instant(midnight, &rome(), Locale::En, false),
            "4 Dec 2026, 12:00 am"
        );
    }

    #[test]
    fn r_time_1_numeric_abbreviations_read_as_gmt_offsets() {
        let z = ZoneInfo::fixed(ZoneName::parse("America/Sao_Paulo").unwrap(), -3 * 3600, "-03");
        assert_eq!(z.abbr_at(at("2026-12-03T20:30:00Z")), "GMT-3");
        let z = ZoneInfo::fixed(ZoneName::parse("Asia/Kolkata").unwrap(), 19800, "IST");
        assert_eq!(z.abbr_at(at("2026-12-03T20:30:00Z")), "IST");
        assert_eq!(gmt_offset(19800), "GMT+5:30");
        assert_eq!(
            ZoneName::parse("America/Argentina/Buenos_Aires").unwrap().city(),
            "Buenos Aires"
        );
    }

    #[test]
    fn r_time_1_zone_names_are_checked_for_shape() {
        assert!(ZoneName::parse("Europe/Rome").is_ok());
        assert!(ZoneName::parse("Etc/GMT+3").is_ok());
        for bad in ["", "Europe/Rome<script>", "../../etc/passwd ", &"A".repeat(65)] {
            let err = ZoneName::parse(bad).map(|_| ()).unwrap_err();
            assert_eq!(err.rule, Some(RuleId::Time1), "{bad}");
        }
    }

    #[test]
    fn r_time_3_the_skipped_spring_hour_does_not_exist() {
        let z = rome();
        assert_eq!(z.resolve(local(2027, 3, 28, 2, 30)), LocalInstant::Skipped);
        assert_eq!(z.resolve(local(2027, 3, 28, 2, 0)), LocalInstant::Skipped);
        assert_eq!(z.resolve(local(2027, 3, 28, 2, 59)), LocalInstant::Skipped);
        let err = z
            .resolve(local(2027, 3, 28, 2, 30))
            .first_or_refuse()
            .unwrap_err();
        assert_eq!(
            (err.rule, err.detail.as_deref()),
            (Some(RuleId::Time3), Some("skipped"))
        );
        // The edges: 01:59 CET and 03:00 CEST exist.
        assert_eq!(
            z.resolve(local(2027, 3, 28, 1, 59)),
            LocalInstant::Single(at("2027-03-28T00:59:00Z"))
        );
        assert_eq!(
            z.resolve(local(2027, 3, 28, 3, 0)),
            LocalInstant::Single(at("2027-03-28T01:00:00Z"))
        );
    }

    #[test]
    fn r_time_3_the_repeated_autumn_hour_takes_the_first() {
        let z = rome();
        let r = z.resolve(local(2027, 10, 31, 2, 30));
        assert_eq!(
            r,
            LocalInstant::Ambiguous {
                first: at("2027-10-31T00:30:00Z"),
                second: at("2027-10-31T01:30:00Z")
            }
        );
        assert_eq!(r.first_or_refuse().unwrap(), at("2027-10-31T00:30:00Z"));
        assert!(r.is_ambiguous());
        // The edges: 01:59 happens once, 03:00 happens once.
        assert_eq!(
            z.resolve(local(2027, 10, 31, 1, 59)),
            LocalInstant::Single(at("2027-10-30T23:59:00Z"))
        );
        assert_eq!(
            z.resolve(local(2027, 10, 31, 3, 0)),
            LocalInstant::Single(at("2027-10-31T02:00:00Z"))
        );
        assert!(z.resolve(local(2027, 10, 31, 2, 0)).is_ambiguous());
    }

    #[test]
    fn r_time_3_windows_are_measured_between_instants() {
        // 03:15 CEST on the spring day; thirty minutes earlier is 01:45 CET
        // on the wall, still thirty real minutes.
        let z = rome();
        let start = z.resolve(local(2027, 3, 28, 3, 15)).first_or_refuse().unwrap();
        let opens = start - Duration::minutes(30);
        assert_eq!(
            write_instant(opens, &z, Locale::It, true),
            "28 mar 2027, 1:45 CET"
        );
        assert_eq!(
            write_instant(start, &z, Locale::It, true),
            "28 mar 2027, 3:15 CEST"
        );
    }

    #[test]
    fn relative_times_round_down_and_read_naturally() {
        let now = at("2026-12-03T20:00:00Z");
        assert_eq!(
            write_relative(now + Duration::minutes(150), now, Locale::En),
            "in 2 hours"
        );
        assert_eq!(
            write_relative(now + Duration::minutes(150), now, Locale::It),
            "tra 2 ore"
        );
        assert_eq!(
            write_relative(now - Duration::minutes(12), now, Locale::En),
            "12 min ago"
        );
        assert_eq!(
            write_relative(now - Duration::seconds(59), now, Locale::It),
            "meno di un minuto fa"
        );
        assert_eq!(
            write_left(now + Duration::seconds(12 * 60 + 59), now, Locale::En),
            "12 min left"
        );
        assert_eq!(
            write_left(now - Duration::seconds(5), now, Locale::It),
            "ancora meno di un minuto"
        );
        assert_eq!(
            write_relative(now + Duration::hours(72), now, Locale::En),
            "in 3 days"
        );
    }
}
