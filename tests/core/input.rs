//! Untyped input from the window: wrong types and unknown fields become
//! `invalid_input` errors naming the field.

use samlar::registry::partnership::{
    PartnershipDraft, PartnershipKind, PartnershipQuery, UpdatePartnership,
};
use samlar::{ErrorCode, parse_input};
use serde_json::{Value, json};

/// A complete draft as the window sends it.
fn draft_json(name: &str) -> Value {
    serde_json::to_value(PartnershipDraft::new(name, PartnershipKind::DevelopmentPartnership))
        .unwrap()
}

#[test]
fn a_complete_draft_parses() {
    let mut value = draft_json("Dropin");
    value["startDate"] = json!("2027-01-01");
    let d: PartnershipDraft = parse_input(value).unwrap();
    assert_eq!(d.name, "Dropin");
    assert_eq!(d.start_date.as_deref(), Some("2027-01-01"));
}

#[test]
fn a_wrong_type_names_its_field() {
    let value =
        json!({"name": 42, "kind": "other", "purpose": "", "startDate": null, "endDate": null});
    let err = parse_input::<PartnershipDraft>(value).unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidInput, Some("name")));
}

#[test]
fn a_nested_wrong_type_names_its_path() {
    let mut draft = draft_json("A");
    draft["kind"] = json!("guild");
    let value = json!({"id": 1, "draft": draft});
    let err = parse_input::<UpdatePartnership>(value).unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidInput, Some("draft.kind")));
}

#[test]
fn an_unknown_field_is_refused() {
    let mut value = serde_json::to_value(PartnershipQuery::all()).unwrap();
    value["dropTable"] = json!(true);
    let err = parse_input::<PartnershipQuery>(value).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.contains("dropTable"), "{}", err.message);
}

#[test]
fn a_missing_field_or_no_object_is_refused() {
    let err = parse_input::<PartnershipQuery>(json!({"search": ""})).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    let err = parse_input::<PartnershipQuery>(json!("all")).unwrap_err();
    assert_eq!((err.code, err.field), (ErrorCode::InvalidInput, None));
}

/// A meeting draft from a caller older than the digital meeting link, which
/// does not send `onlineLink`, still parses: the meeting has no link.
#[test]
fn a_meeting_draft_without_the_link_parses() {
    use samlar::kernel::values::MeetingKind;
    use samlar::meetings::draft::MeetingDraft;
    use samlar::meetings::meeting::UpdateMeeting;
    let mut draft = serde_json::to_value(MeetingDraft::new(MeetingKind::Workshop, "2027-04-20"));
    let draft = draft.as_mut().unwrap();
    draft.as_object_mut().unwrap().remove("onlineLink").expect("sent today");
    let u: UpdateMeeting = parse_input(json!({"id": 1, "draft": draft})).unwrap();
    assert_eq!(u.draft.online_link, "");
}
