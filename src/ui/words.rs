//! Words for states more than one feature's pages show.

use crate::domain::dispute::DisputeState;
use crate::i18n::Msg;

/// Where a dispute stands, in words (the dispute's page, and the session
/// page that links to it).
pub fn state_msg(s: DisputeState) -> Msg {
    match s {
        DisputeState::Open => Msg::DisputeOpen,
        DisputeState::AwaitingDecision => Msg::DisputeAwaiting,
        DisputeState::Decided => Msg::DisputeDecided,
    }
}
