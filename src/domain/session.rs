//! Booked in-person sessions (MEET): one pure state machine. The server
//! asks `apply(session, command, actor, now)`; it answers the events that
//! happen, or the rule that refuses. The page only asks.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::error::{AppError, ErrorCode, RuleId};
use super::money::Credits;

// The stored codes are the text form below; the session's JSON state
// (`bookings.state`) keeps serde's variant names.
super::wire::text_enum! {
    pub enum Scenario {
        /// The client travels to the model (MEET-2).
        AtMyPlace = "at_my_place",
        /// The model travels to the client (MEET-3).
        HomeVisit = "home_visit",
    }
}

super::wire::text_enum! {
    pub enum Payment {
        /// Paid from the credit balance and held in escrow: a secure transaction.
        Balance = "balance",
        /// Paid directly to the model; nothing is held.
        Direct = "direct",
    }
}

super::wire::text_enum! {
    pub enum Party {
        Client = "client",
        Model = "model",
    }
}

impl Party {
    pub fn other(self) -> Party {
        match self {
            Party::Client => Party::Model,
            Party::Model => Party::Client,
        }
    }
}

super::wire::text_enum! {
    /// MEET-8, plus the two ends. Stages only move forward. The codes are
    /// the ones `bookings.stage` has always held.
    pub enum Stage {
        /// Nobody has pressed "I'm here".
        BeforeMeeting = "BeforeMeeting",
        /// Someone pressed "I'm here"; not started.
        Meeting = "Meeting",
        InProgress = "InProgress",
        Completed = "Completed",
        Cancelled = "Cancelled",
        /// MEET-14: the window closed before anyone started it.
        NotStarted = "NotStarted",
    }
}

impl Stage {
    pub fn is_open(self) -> bool {
        !matches!(self, Stage::Completed | Stage::Cancelled | Stage::NotStarted)
    }
}

super::wire::text_enum! {
    /// Why a session is cancelled, typed per stage and role (MEET-10/11/12; the
    /// full table is in docs/decisions.md).
    pub enum CancelReason {
        /// The other side does not match their profile (age, ethnicity, weight,
        /// or the profile is someone else's).
        NotMatchingProfile = "not_matching_profile",
        /// The other side broke the model's or the platform's rules.
        RuleViolation = "rule_violation",
        /// The other side did not come, or was not there within the window.
        NoShow = "no_show",
        /// Urgent matters of the client (at the in-progress stage: the client
        /// ends early).
        ClientUrgent = "client_urgent",
        /// Urgent matters of the model.
        ModelUrgent = "model_urgent",
        /// Explained to support only; never shown to the other side.
        Other = "other",
        /// MEET-14: nobody started it within the window (set by Settle,
        /// never chosen by a person).
        NotStarted = "not_started",
    }
}

super::wire::text_enum! {
    pub enum AdditionKind {
        /// An extra tariff: prolongs the session by its minutes.
        ExtraTariff = "extra_tariff",
        ExtraService = "extra_service",
        /// A custom offer with a price stated by the model (an invoice).
        CustomOffer = "custom_offer",
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AdditionState {
    Proposed,
    Confirmed,
    Declined,
    /// MEET-16: not confirmed before the session ended; changed nothing.
    Lapsed,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Addition {
    pub kind: AdditionKind,
    pub label: String,
    pub minutes: i64,
    pub price: Credits,
    pub proposed_by: Party,
    pub state: AdditionState,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    pub name: String,
    /// MEET-4: the model states before starting whether she provides it.
    pub by_preference: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cancellation {
    pub by: Party,
    pub reason: Option<CancelReason>,
    pub at: DateTime<Utc>,
    pub dispute: bool,
}

/// The state of one session: everything the rules look at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub scenario: Scenario,
    pub payment: Payment,
    pub start: DateTime<Utc>,
    pub minutes: i64,
    pub price: Credits,
    pub services: Vec<Service>,
    pub stage: Stage,
    pub on_my_way: Option<Party>,
    pub here: Option<Party>,
    /// MEET-2: the model gave the full address (entrance, apartment, floor).
    pub address_given: bool,
    /// MEET-4: for each service by preference, provided or not.
    pub preferences: Option<Vec<bool>>,
    pub started_at: Option<DateTime<Utc>>,
    pub additions: Vec<Addition>,
    /// MEET-13: credits the model gave back at once.
    pub refunded_now: Credits,
    pub cancellation: Option<Cancellation>,
    /// When it finished (by Finish or by itself): the complaint period of
    /// MEET-15 runs from here.
    #[serde(default)]
    pub ended_at: Option<DateTime<Utc>>,
    /// MEET-15: the held credits went to the model.
    #[serde(default)]
    pub released: bool,
}

/// Everything either side can ask.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Command {
    OnMyWay,
    ImHere,
    GiveAddress,
    DeclarePreferences(Vec<bool>),
    Start,
    Propose {
        kind: AdditionKind,
        label: String,
        minutes: i64,
        price: Credits,
    },
    Confirm(usize),
    Decline(usize),
    Cancel(Option<CancelReason>),
    RefundNow(Credits),
    Finish,
    /// MEET-15: within 24 hours of the end, a party reports a problem; the
    /// held credits stay held for support's decision.
    Complain(CancelReason),
}

/// What happened; the server persists these and moves money for some.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    OnMyWay(Party),
    Arrived(Party),
    AddressGiven,
    PreferencesDeclared(Vec<bool>),
    Started(DateTime<Utc>),
    AdditionProposed(Addition),
    /// Confirmed: for a balance-paid session the price goes into escrow.
    AdditionConfirmed {
        index: usize,
        price: Credits,
    },
    AdditionDeclined(usize),
    /// `escrow_back`: the held credits go back to the client now (no
    /// dispute); with `dispute` they stay held for support's decision.
    Cancelled {
        by: Party,
        reason: Option<CancelReason>,
        dispute: bool,
        escrow_back: bool,
    },
    RefundedNow(Credits),
    /// Finished (by Finish, or by itself 2 hours after its end: MEET-15).
    /// The escrow waits out the complaint period.
    Completed,
    /// MEET-14: the window closed unstarted; a secure transaction goes to
    /// a dispute with its credits held.
    NotStarted {
        dispute: bool,
    },
    /// MEET-15: a party reported a problem within the complaint period.
    Complained {
        by: Party,
        reason: CancelReason,
    },
    /// MEET-15: the complaint period is over: the escrow goes to the model.
    Released,
}

super::wire::text_enum! {
    /// A line of a session's timeline (stored in `booking_events.kind`):
    /// the booking, then one per event.
    pub enum EventKind {
        Booked = "booked",
        OnMyWay = "on_my_way",
        Arrived = "im_here",
        AddressGiven = "address_given",
        PreferencesDeclared = "preferences",
        Started = "started",
        AdditionProposed = "addition_proposed",
        AdditionConfirmed = "addition_confirmed",
        AdditionDeclined = "addition_declined",
        Cancelled = "cancelled",
        RefundedNow = "refunded_now",
        Completed = "completed",
        NotStarted = "not_started",
        Complained = "complained",
        Released = "released",
    }
}

impl Event {
    /// The timeline's and the notices' code of this event.
    pub fn kind(&self) -> EventKind {
        match self {
            Event::OnMyWay(_) => EventKind::OnMyWay,
            Event::Arrived(_) => EventKind::Arrived,
            Event::AddressGiven => EventKind::AddressGiven,
            Event::PreferencesDeclared(_) => EventKind::PreferencesDeclared,
            Event::Started(_) => EventKind::Started,
            Event::AdditionProposed(_) => EventKind::AdditionProposed,
            Event::AdditionConfirmed { .. } => EventKind::AdditionConfirmed,
            Event::AdditionDeclined(_) => EventKind::AdditionDeclined,
            Event::Cancelled { .. } => EventKind::Cancelled,
            Event::RefundedNow(_) => EventKind::RefundedNow,
            Event::Completed => EventKind::Completed,
            Event::NotStarted { .. } => EventKind::NotStarted,
            Event::Complained { .. } => EventKind::Complained,
            Event::Released => EventKind::Released,
        }
    }
}

/// MEET-5: "I'm here" and "Start" from 30 minutes before to 30 minutes
/// after the start, both ends included.
pub const WINDOW: Duration = Duration::minutes(30);
/// MEET-9: cancelling more than 5 hours before the start is free.
pub const FREE_CANCEL: Duration = Duration::hours(5);
/// MEET-15: after the end, the time a party has to report a problem before
/// the model is paid.
pub const COMPLAINT_PERIOD: Duration = Duration::hours(24);
/// MEET-15: a started session nobody finishes finishes by itself this long
/// after its scheduled end.
pub const OVERRUN: Duration = Duration::hours(2);

/// What a timed check (MEET-14/15) finds: act now, look again at an
/// instant, or nothing will ever be due.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Due {
    Now(Vec<Event>),
    At(DateTime<Utc>),
    Never,
}

impl Session {
    pub fn new_booking(
        scenario: Scenario,
        payment: Payment,
        start: DateTime<Utc>,
        minutes: i64,
        price: Credits,
        services: Vec<Service>,
    ) -> Session {
        Session {
            scenario,
            payment,
            start,
            minutes,
            price,
            services,
            stage: Stage::BeforeMeeting,
            on_my_way: None,
            here: None,
            address_given: false,
            preferences: None,
            started_at: None,
            additions: Vec::new(),
            refunded_now: Credits::ZERO,
            cancellation: None,
            ended_at: None,
            released: false,
        }
    }

    /// MEET-15: the booked start plus its minutes (confirmed extra tariffs
    /// included).
    pub fn scheduled_end(&self) -> DateTime<Utc> {
        self.start + Duration::minutes(self.minutes)
    }

    /// MEET-14: the window of MEET-5 closed and nobody started the session.
    /// Due the first instant after the window (its last instant still
    /// allows a start).
    pub fn window_check(&self, now: DateTime<Utc>) -> Due {
        if !matches!(self.stage, Stage::BeforeMeeting | Stage::Meeting) {
            return Due::Never;
        }
        if now > self.start + WINDOW {
            Due::Now(vec![Event::NotStarted {
                dispute: self.is_secure(),
            }])
        } else {
            Due::At(self.start + WINDOW + Duration::milliseconds(1))
        }
    }

    /// MEET-15: a started session nobody finished ends by itself 2 hours
    /// after its scheduled end.
    pub fn overrun_check(&self, now: DateTime<Utc>) -> Due {
        if self.stage != Stage::InProgress {
            return Due::Never;
        }
        let due = self.scheduled_end() + OVERRUN;
        if now >= due {
            Due::Now(vec![Event::Completed])
        } else {
            Due::At(due)
        }
    }

    /// MEET-15: 24 hours after the end the escrow goes to the model, unless
    /// a dispute about the session is open (`disputed`).
    pub fn release_check(&self, disputed: bool, now: DateTime<Utc>) -> Due {
        let Some(ended) = self.ended_at else {
            return Due::Never;
        };
        if self.stage != Stage::Completed || !self.is_secure() || self.released || disputed {
            return Due::Never;
        }
        let due = ended + COMPLAINT_PERIOD;
        if now >= due {
            Due::Now(vec![Event::Released])
        } else {
            Due::At(due)
        }
    }

    /// MEET-15: the last instant a party may report a problem.
    pub fn complaint_until(&self) -> Option<DateTime<Utc>> {
        self.ended_at.map(|e| e + COMPLAINT_PERIOD)
    }

    pub fn is_secure(&self) -> bool {
        self.payment == Payment::Balance
    }

    /// Who travels and presses "On my way" / "I'm here".
    pub fn traveller(&self) -> Party {
        match self.scenario {
            Scenario::AtMyPlace => Party::Client,
            Scenario::HomeVisit => Party::Model,
        }
    }

    pub fn in_window(&self, now: DateTime<Utc>) -> bool {
        now >= self.start - WINDOW && now <= self.start + WINDOW
    }

    pub fn needs_preferences(&self) -> bool {
        self.services.iter().any(|s| s.by_preference) && self.preferences.is_none()
    }

    /// What escrow holds for this session: the price and confirmed
    /// additions, for a balance-paid session, less what was given back.
    pub fn total(&self) -> Credits {
        self.price
            + self
                .additions
                .iter()
                .filter(|a| a.state == AdditionState::Confirmed)
                .map(|a| a.price)
                .sum::<Credits>()
    }

    /// MEET-2/3: may this party see the model's full address / the client's
    /// address now?
    pub fn model_address_visible_to_client(&self) -> bool {
        self.scenario == Scenario::AtMyPlace && self.address_given
    }

    pub fn client_address_visible_to_model(&self) -> bool {
        self.scenario == Scenario::HomeVisit
    }

    /// The reasons `by` may give now (MEET-9..12). Empty when no reason is
    /// asked (a free cancellation more than 5 hours ahead).
    pub fn cancel_reasons(&self, by: Party, now: DateTime<Utc>) -> Vec<CancelReason> {
        use CancelReason::*;
        match self.stage {
            Stage::BeforeMeeting if now < self.start - FREE_CANCEL => vec![],
            Stage::BeforeMeeting => {
                let mut r = vec![match by {
                    Party::Client => ClientUrgent,
                    Party::Model => ModelUrgent,
                }];
                // Past the window nobody arrived: either side may call it a no-show.
                if now > self.start + WINDOW {
                    r.push(NoShow);
                }
                r.push(Other);
                r
            }
            Stage::Meeting => {
                let mut r = vec![NotMatchingProfile, RuleViolation];
                if by == Party::Client && now > self.start + WINDOW {
                    r.push(NoShow);
                }
                if by == Party::Client {
                    r.push(ClientUrgent);
                }
                r.push(Other);
                r
            }
            Stage::InProgress => vec![ClientUrgent, ModelUrgent, RuleViolation],
            Stage::Completed | Stage::Cancelled | Stage::NotStarted => vec![],
        }
    }

    /// The commands `by` may give now: what the page shows as buttons.
    pub fn allowed(&self, by: Party, now: DateTime<Utc>) -> Vec<CommandKind> {
        CommandKind::ALL
            .into_iter()
            .filter(|k| apply(self, &k.sample(self, by, now), by, now).is_ok())
            .collect()
    }

    /// Applies events (after `apply` accepted the command).
    pub fn evolve(&mut self, events: &[Event], now: DateTime<Utc>) {
        for e in events {
            match e {
                Event::OnMyWay(p) => self.on_my_way = Some(*p),
                Event::Arrived(p) => {
                    self.here = Some(*p);
                    self.stage = Stage::Meeting;
                }
                Event::AddressGiven => self.address_given = true,
                Event::PreferencesDeclared(v) => self.preferences = Some(v.clone()),
                Event::Started(at) => {
                    self.started_at = Some(*at);
                    self.stage = Stage::InProgress;
                }
                Event::AdditionProposed(a) => self.additions.push(a.clone()),
                Event::AdditionConfirmed { index, .. } => {
                    if let Some(a) = self.additions.get_mut(*index) {
                        a.state = AdditionState::Confirmed;
                        if a.kind == AdditionKind::ExtraTariff {
                            self.minutes += a.minutes;
                        }
                    }
                }
                Event::AdditionDeclined(i) => {
                    if let Some(a) = self.additions.get_mut(*i) {
                        a.state = AdditionState::Declined;
                    }
                }
                Event::Cancelled {
                    by, reason, dispute, ..
                } => {
                    self.stage = Stage::Cancelled;
                    self.cancellation = Some(Cancellation {
                        by: *by,
                        reason: *reason,
                        at: now,
                        dispute: *dispute,
                    });
                }
                Event::RefundedNow(c) => self.refunded_now = self.refunded_now + *c,
                Event::Completed => {
                    self.stage = Stage::Completed;
                    self.ended_at = Some(now);
                }
                Event::NotStarted { .. } => self.stage = Stage::NotStarted,
                Event::Complained { .. } | Event::Released => {}
            }
            if matches!(e, Event::Released) {
                self.released = true;
            }
        }
        // MEET-16: what was proposed and not confirmed lapses at the end.
        if !self.stage.is_open() {
            for a in &mut self.additions {
                if a.state == AdditionState::Proposed {
                    a.state = AdditionState::Lapsed;
                }
            }
        }
    }
}

/// Command names, for the buttons and the exhaustive tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CommandKind {
    OnMyWay,
    ImHere,
    GiveAddress,
    DeclarePreferences,
    Start,
    Propose,
    Confirm,
    Decline,
    Cancel,
    RefundNow,
    Finish,
    Complain,
}

impl CommandKind {
    pub const ALL: [CommandKind; 12] = [
        CommandKind::OnMyWay,
        CommandKind::ImHere,
        CommandKind::GiveAddress,
        CommandKind::DeclarePreferences,
        CommandKind::Start,
        CommandKind::Propose,
        CommandKind::Confirm,
        CommandKind::Decline,
        CommandKind::Cancel,
        CommandKind::RefundNow,
        CommandKind::Finish,
        CommandKind::Complain,
    ];

    /// A representative command of this kind, valid in shape for `s`.
    pub fn sample(self, s: &Session, by: Party, now: DateTime<Utc>) -> Command {
        let pending = s
            .additions
            .iter()
            .position(|a| a.state == AdditionState::Proposed && a.proposed_by != by)
            .unwrap_or(0);
        match self {
            CommandKind::OnMyWay => Command::OnMyWay,
            CommandKind::ImHere => Command::ImHere,
            CommandKind::GiveAddress => Command::GiveAddress,
            CommandKind::DeclarePreferences => Command::DeclarePreferences(
                s.services
                    .iter()
                    .filter(|x| x.by_preference)
                    .map(|_| true)
                    .collect(),
            ),
            CommandKind::Start => Command::Start,
            CommandKind::Propose => Command::Propose {
                kind: AdditionKind::ExtraTariff,
                label: "30 more minutes".into(),
                minutes: 30,
                price: Credits::new(1),
            },
            CommandKind::Confirm => Command::Confirm(pending),
            CommandKind::Decline => Command::Decline(pending),
            CommandKind::Cancel => Command::Cancel(s.cancel_reasons(by, now).first().copied()),
            CommandKind::RefundNow => Command::RefundNow(Credits::new(1)),
            CommandKind::Finish => Command::Finish,
            CommandKind::Complain => Command::Complain(CancelReason::Other),
        }
    }
}

fn refuse(rule: RuleId) -> Result<Vec<Event>, AppError> {
    Err(AppError::rule(rule))
}

fn window_refusal(s: &Session, now: DateTime<Utc>) -> AppError {
    // Say when the window opens, or that it closed.
    if now < s.start - WINDOW {
        AppError::rule(RuleId::Meet5)
            .with_detail("opens")
            .with_at(s.start - WINDOW)
    } else {
        AppError::rule(RuleId::Meet5)
            .with_detail("closed")
            .with_at(s.start + WINDOW)
    }
}

/// The whole of MEET as one function.
pub fn apply(s: &Session, cmd: &Command, by: Party, now: DateTime<Utc>) -> Result<Vec<Event>, AppError> {
    if let Command::Complain(reason) = cmd {
        return complain(s, *reason, by, now);
    }
    if !s.stage.is_open() {
        return refuse(RuleId::Meet8);
    }
    match cmd {
        Command::OnMyWay => {
            // MEET-2/3: optional, the traveller's, and only until the window opens.
            if by != s.traveller() || s.stage != Stage::BeforeMeeting || s.on_my_way.is_some() {
                return refuse(if s.scenario == Scenario::AtMyPlace {
                    RuleId::Meet2
                } else {
                    RuleId::Meet3
                });
            }
            if now >= s.start - WINDOW {
                return Err(AppError::rule(RuleId::Meet2).with_detail("replaced by I'm here"));
            }
            Ok(vec![Event::OnMyWay(by)])
        }
        Command::ImHere => {
            if by != s.traveller() || s.stage != Stage::BeforeMeeting {
                return refuse(if s.scenario == Scenario::AtMyPlace {
                    RuleId::Meet2
                } else {
                    RuleId::Meet3
                });
            }
            if !s.in_window(now) {
                return Err(window_refusal(s, now));
            }
            Ok(vec![Event::Arrived(by)])
        }
        Command::GiveAddress => {
            // MEET-2: after the client's "I'm here", the model gives the full address.
            if s.scenario != Scenario::AtMyPlace
                || by != Party::Model
                || s.stage != Stage::Meeting
                || s.address_given
            {
                return refuse(RuleId::Meet2);
            }
            Ok(vec![Event::AddressGiven])
        }
        Command::DeclarePreferences(v) => {
            let wanted = s.services.iter().filter(|x| x.by_preference).count();
            if by != Party::Model
                || wanted == 0
                || s.preferences.is_some()
                || v.len() != wanted
                || s.stage > Stage::Meeting
            {
                return refuse(RuleId::Meet4);
            }
            Ok(vec![Event::PreferencesDeclared(v.clone())])
        }
        Command::Start => {
            if by != Party::Model || s.stage != Stage::Meeting {
                return refuse(if s.scenario == Scenario::AtMyPlace {
                    RuleId::Meet2
                } else {
                    RuleId::Meet3
                });
            }
            if s.scenario == Scenario::AtMyPlace && !s.address_given {
                return Err(AppError::rule(RuleId::Meet2).with_detail("address first"));
            }
            if s.needs_preferences() {
                return refuse(RuleId::Meet4);
            }
            if !s.in_window(now) {
                return Err(window_refusal(s, now));
            }
            Ok(vec![Event::Started(now)])
        }
        Command::Propose {
            kind,
            label,
            minutes,
            price,
        } => {
            // MEET-6: before anyone is here, or once started; never in between.
            if s.stage == Stage::Meeting {
                return refuse(RuleId::Meet6);
            }
            let bad_shape = label.trim().is_empty()
                || label.chars().count() > 200
                || price.get() <= 0
                || price.get() > Credits::MAX_INPUT
                || !(0..=600).contains(minutes)
                || (*kind == AdditionKind::ExtraTariff && *minutes == 0)
                || (*kind == AdditionKind::CustomOffer && by != Party::Model);
            if bad_shape {
                return Err(AppError::new(ErrorCode::BadInput).with_rule(RuleId::Meet6));
            }
            if s.additions
                .iter()
                .filter(|a| a.state == AdditionState::Proposed)
                .count()
                >= 5
            {
                return Err(AppError::new(ErrorCode::BadInput).with_rule(RuleId::Meet6));
            }
            Ok(vec![Event::AdditionProposed(Addition {
                kind: *kind,
                label: label.trim().to_string(),
                minutes: if *kind == AdditionKind::ExtraTariff {
                    *minutes
                } else {
                    0
                },
                price: *price,
                proposed_by: by,
                state: AdditionState::Proposed,
            })])
        }
        Command::Confirm(i) | Command::Decline(i) => {
            // MEET-6: confirming is adding, so at the meeting stage nothing
            // about additions changes; a pending proposal waits for the start.
            if s.stage == Stage::Meeting {
                return refuse(RuleId::Meet6);
            }
            // The other party decides; only pending additions.
            let Some(a) = s.additions.get(*i) else {
                return refuse(RuleId::Meet6);
            };
            if a.state != AdditionState::Proposed || a.proposed_by == by {
                return refuse(RuleId::Meet6);
            }
            if matches!(cmd, Command::Confirm(_)) {
                // MEET-7: paid the way the session is; the server moves it.
                Ok(vec![Event::AdditionConfirmed {
                    index: *i,
                    price: a.price,
                }])
            } else {
                Ok(vec![Event::AdditionDeclined(*i)])
            }
        }
        Command::Cancel(reason) => {
            let offered = s.cancel_reasons(by, now);
            let free = offered.is_empty();
            match (free, reason) {
                (true, _) => Ok(vec![Event::Cancelled {
                    by,
                    reason: None,
                    dispute: false,
                    escrow_back: true,
                }]),
                (false, Some(r)) if offered.contains(r) => {
                    // MEET-9: within 5 hours or later, a secure transaction goes to a dispute.
                    let dispute = s.is_secure();
                    Ok(vec![Event::Cancelled {
                        by,
                        reason: Some(*r),
                        dispute,
                        escrow_back: !dispute,
                    }])
                }
                (false, _) => Err(AppError::rule(match s.stage {
                    Stage::Meeting if by == Party::Model => RuleId::Meet10,
                    Stage::InProgress => RuleId::Meet11,
                    _ if by == Party::Client => RuleId::Meet12,
                    _ => RuleId::Meet9,
                })),
            }
        }
        Command::RefundNow(amount) => {
            // MEET-13: the model, at any stage, up to what the client paid
            // from the balance and has not had back.
            let left = s.total() - s.refunded_now;
            if by != Party::Model || !s.is_secure() || amount.get() <= 0 || *amount > left {
                return Err(AppError::rule(RuleId::Meet13).with_detail(left.get().to_string()));
            }
            Ok(vec![Event::RefundedNow(*amount)])
        }
        Command::Finish => {
            if s.stage != Stage::InProgress {
                return refuse(RuleId::Meet8);
            }
            Ok(vec![Event::Completed])
        }
        Command::Complain(_) => unreachable!("answered above"),
    }
}

/// The reasons a party may give when reporting a problem after the end.
pub const COMPLAINT_REASONS: [CancelReason; 3] = [
    CancelReason::NotMatchingProfile,
    CancelReason::RuleViolation,
    CancelReason::Other,
];

/// MEET-15: a finished secure-transaction session, within 24 hours of its
/// end and before the model is paid, goes to a dispute.
fn complain(
    s: &Session,
    reason: CancelReason,
    by: Party,
    now: DateTime<Utc>,
) -> Result<Vec<Event>, AppError> {
    let Some(until) = s.complaint_until() else {
        return refuse(RuleId::Meet15);
    };
    if s.stage != Stage::Completed || !s.is_secure() || s.released || !COMPLAINT_REASONS.contains(&reason) {
        return refuse(RuleId::Meet15);
    }
    if now >= until {
        return Err(AppError::rule(RuleId::Meet15)
            .with_detail("closed")
            .with_at(until));
    }
    Ok(vec![Event::Complained { by, reason }])
}

#[cfg(test)]
mod tests;
