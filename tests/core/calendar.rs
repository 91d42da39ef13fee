//! Calendar files (.ics), read back by a second, independent parser: Python's
//! `icalendar` package (Debian's `python3-icalendar`, installed by
//! `scripts/setup --test`). It gives back each event's UID, SEQUENCE, times
//! (also converted to UTC with the file's own VTIMEZONE), place and texts
//! unescaped and unfolded; the raw bytes are checked for CRLF line ends and
//! lines of at most 75 octets.

use crate::common::{TestWorkspace, draft};
use samlar::documents::calendar::CalendarFile;
use samlar::kernel::values::{ById, MeetingId, MeetingKind, PartnershipId};
use samlar::meetings::draft::MeetingDraft;
use samlar::meetings::meeting::{CreateMeeting, UpdateMeeting};
use samlar::{ErrorCode, Workspace};
use serde_json::{Value, json};
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};

/// Reads an .ics file with Python's `icalendar` and prints what it found as JSON.
const READ_BACK: &str = r#"
import datetime, json, sys
from icalendar import Calendar
cal = Calendar.from_ical(open(sys.argv[1], 'rb').read())
zones = cal.walk('VTIMEZONE')
own = zones[0].to_tz() if zones else None
def when(prop):
    if prop is None:
        return None
    d = prop.dt
    if isinstance(d, datetime.datetime):
        out = {'local': d.replace(tzinfo=None).isoformat(), 'tzid': prop.params.get('TZID')}
        if d.tzinfo is not None:
            out['utc'] = d.astimezone(datetime.timezone.utc).isoformat()
        if own is not None and prop.params.get('TZID') == str(zones[0]['TZID']):
            local = own.localize(d.replace(tzinfo=None))
            out['utcByFile'] = local.astimezone(datetime.timezone.utc).isoformat()
        return out
    return {'date': d.isoformat(), 'value': prop.params.get('VALUE')}
def text(c, key):
    v = c.get(key)
    return None if v is None else str(v)
def rule(c, kind):
    part = c.walk(kind)[0]
    return {'to': part['TZOFFSETTO'].td.total_seconds(), 'from': part['TZOFFSETFROM'].td.total_seconds(),
            'name': str(part['TZNAME']), 'start': part['DTSTART'].dt.isoformat(),
            'rrule': {k: [str(x) for x in v] for k, v in part['RRULE'].items()}}
print(json.dumps({
    'method': text(cal, 'METHOD'), 'prodid': text(cal, 'PRODID'), 'version': text(cal, 'VERSION'),
    'zones': [{'tzid': str(z['TZID']), 'standard': rule(z, 'STANDARD'), 'daylight': rule(z, 'DAYLIGHT')}
              for z in zones],
    'events': [{'uid': text(e, 'UID'), 'sequence': int(e['SEQUENCE']), 'summary': text(e, 'SUMMARY'),
                'location': text(e, 'LOCATION'), 'description': text(e, 'DESCRIPTION'),
                'url': text(e, 'URL'),
                'status': text(e, 'STATUS'), 'start': when(e.get('DTSTART')), 'end': when(e.get('DTEND')),
                'stamp': e['DTSTAMP'].dt.astimezone(datetime.timezone.utc).isoformat()}
               for e in cal.walk('VEVENT')],
}))
"#;

static FILES: AtomicU32 = AtomicU32::new(0);

/// The file as the second parser reads it, after the checks of its bytes.
fn read_back(file: &CalendarFile) -> Value {
    let raw = std::str::from_utf8(&file.file.bytes).expect("UTF-8");
    assert!(raw.ends_with("\r\n"), "the last line ends in CRLF");
    assert!(!raw.replace("\r\n", "").contains(['\r', '\n']), "every line ends in CRLF: {raw}");
    for line in raw.split("\r\n") {
        assert!(line.len() <= 75, "a line of {} octets: {line:?}", line.len());
    }
    let n = FILES.fetch_add(1, Ordering::Relaxed);
    let path = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("calendar-{}-{n}.ics", std::process::id()));
    std::fs::write(&path, &file.file.bytes).unwrap();
    // Debian's Python, which has the package, rather than another one first on the PATH.
    let python =
        if Path::new("/usr/bin/python3").exists() { "/usr/bin/python3" } else { "python3" };
    let out = Command::new(python)
        .args(["-c", READ_BACK, path.to_str().unwrap()])
        .output()
        .expect("python3 with icalendar is needed for the calendar tests (scripts/setup --test)");
    assert!(
        out.status.success(),
        "icalendar could not read the file: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

async fn uuid_of(ws: &Workspace, id: MeetingId) -> String {
    sqlx::query_scalar("SELECT uuid FROM records WHERE kind = 'meeting' AND local_id = ?")
        .bind(id)
        .fetch_one(ws.pool())
        .await
        .unwrap()
}

fn timed(date: &str, start: &str, end: &str) -> MeetingDraft {
    MeetingDraft {
        start_time: start.into(),
        end_time: end.into(),
        venue_name: "Folkets hus".into(),
        venue_address: "Storgatan 1, 911 31 Vännäs".into(),
        ..MeetingDraft::new(MeetingKind::Learning, date)
    }
}

async fn meeting(ws: &Workspace, partnership_id: PartnershipId, draft: MeetingDraft) -> MeetingId {
    ws.create_meeting(CreateMeeting { partnership_id, draft }).await.unwrap().id
}

fn event(v: &Value) -> &Value {
    let events = v["events"].as_array().unwrap();
    assert_eq!(events.len(), 1, "{v}");
    &events[0]
}

#[tokio::test]
async fn a_meeting_reads_back_in_stockholm_time_with_its_place() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Modellkommuner – omgång 2027")).await.unwrap().id;
    let m = meeting(&t.ws, p, timed("2027-05-11", "13:00", "15:30")).await;
    let file = t.ws.meeting_calendar(ById { id: m }).await.unwrap();
    assert_eq!(file.events, 1);
    assert_eq!(file.file.file_name, "Lärandeträff 1 2027-05-11.ics");
    let v = read_back(&file);
    assert_eq!(v["method"], "PUBLISH");
    assert_eq!(v["version"], "2.0");
    assert!(v["prodid"].as_str().unwrap().contains("Samlär"), "{v}");

    let zone = &v["zones"][0];
    assert_eq!(zone["tzid"], "Europe/Stockholm");
    assert_eq!(zone["standard"]["to"], 3600.0);
    assert_eq!(zone["standard"]["from"], 7200.0);
    assert_eq!(zone["standard"]["name"], "CET");
    let rule = |month: &str| json!({"FREQ": ["YEARLY"], "BYMONTH": [month], "BYDAY": ["-1SU"]});
    assert_eq!(zone["standard"]["rrule"], rule("10"), "the last Sunday of October");
    assert!(zone["standard"]["start"].as_str().unwrap().ends_with("T03:00:00"), "{zone}");
    assert_eq!(zone["daylight"]["to"], 7200.0);
    assert_eq!(zone["daylight"]["name"], "CEST");
    assert_eq!(zone["daylight"]["rrule"], rule("3"), "the last Sunday of March");
    assert!(zone["daylight"]["start"].as_str().unwrap().ends_with("T02:00:00"), "{zone}");

    let e = event(&v);
    assert_eq!(e["uid"], format!("{}@samlar", uuid_of(&t.ws, m).await));
    assert_eq!(e["sequence"], 0);
    assert_eq!(e["start"]["tzid"], "Europe/Stockholm");
    assert_eq!(e["start"]["local"], "2027-05-11T13:00:00");
    assert_eq!(e["start"]["utc"], "2027-05-11T11:00:00+00:00");
    assert_eq!(e["start"]["utcByFile"], "2027-05-11T11:00:00+00:00", "by the file's VTIMEZONE");
    assert_eq!(e["end"]["utcByFile"], "2027-05-11T13:30:00+00:00");
    assert_eq!(e["summary"], "Lärandeträff 1");
    assert_eq!(e["location"], "Folkets hus, Storgatan 1, 911 31 Vännäs");
    assert!(e["description"].as_str().unwrap().contains("Modellkommuner – omgång 2027"), "{e}");
    assert_eq!(e["stamp"], "2026-11-23T09:00:00+00:00", "the workspace clock");
    assert_eq!(e["status"], "CONFIRMED");

    // In winter the file's own time zone is an hour from UTC.
    let winter = meeting(&t.ws, p, timed("2027-01-12", "09:30", "10:00")).await;
    let v = read_back(&t.ws.meeting_calendar(ById { id: winter }).await.unwrap());
    assert_eq!(event(&v)["start"]["utcByFile"], "2027-01-12T08:30:00+00:00");
}

#[tokio::test]
async fn the_uid_stays_and_the_sequence_rises_only_when_the_time_changes() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Nätverket")).await.unwrap().id;
    let d = timed("2027-05-11", "13:00", "15:00");
    let m = meeting(&t.ws, p, d.clone()).await;
    let export = || async { read_back(&t.ws.meeting_calendar(ById { id: m }).await.unwrap()) };
    let first = export().await;
    let second = export().await;
    assert_eq!(event(&first)["uid"], event(&second)["uid"]);
    assert_eq!(event(&second)["sequence"], 0);

    let notes = MeetingDraft { notes: "Ta med fika.".into(), ..d.clone() };
    t.ws.update_meeting(UpdateMeeting { id: m, draft: notes.clone() }).await.unwrap();
    let after_notes = export().await;
    assert_eq!(event(&after_notes)["sequence"], 0, "notes are not the time");
    assert_eq!(event(&after_notes)["uid"], event(&first)["uid"]);

    let moved = MeetingDraft { date: "2027-05-18".into(), ..notes };
    t.ws.update_meeting(UpdateMeeting { id: m, draft: moved.clone() }).await.unwrap();
    let after_date = export().await;
    assert_eq!(event(&after_date)["sequence"], 1);
    assert_eq!(event(&after_date)["uid"], event(&first)["uid"]);
    assert_eq!(event(&after_date)["start"]["local"], "2027-05-18T13:00:00");

    let later = MeetingDraft { start_time: "14:00".into(), ..moved };
    t.ws.update_meeting(UpdateMeeting { id: m, draft: later }).await.unwrap();
    assert_eq!(event(&export().await)["sequence"], 2);
}

#[tokio::test]
async fn commas_semicolons_backslashes_and_line_breaks_read_back_whole() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Ett; två, tre")).await.unwrap().id;
    let title = "Uppföljning, del 1; förankring\nhemma i förvaltningarna \\ nämnderna – \
                 med återkoppling från både Åsele, Örnsköldsvik och Övertorneå";
    let d = MeetingDraft {
        title: title.into(),
        venue_name: "Sal A; plan 2".into(),
        venue_address: "Storgatan 1\r\n911 31 Vännäs".into(),
        ..MeetingDraft::new(MeetingKind::Workshop, "2027-05-11")
    };
    let m = meeting(&t.ws, p, d).await;
    let file = t.ws.meeting_calendar(ById { id: m }).await.unwrap();
    let raw = String::from_utf8(file.file.bytes.clone()).unwrap();
    assert!(raw.contains("\r\n "), "the long summary is folded: {raw}");
    let unfolded = raw.replace("\r\n ", "");
    assert!(unfolded.contains("Uppföljning\\, del 1\\; förankring\\nhemma"), "{raw}");
    let e = event(&read_back(&file)).clone();
    assert_eq!(e["summary"], format!("Workshop eller seminarium – {title}"));
    assert_eq!(e["location"], "Sal A; plan 2, Storgatan 1\n911 31 Vännäs");
    assert!(e["description"].as_str().unwrap().contains("Ett; två, tre"), "{e}");
}

#[tokio::test]
async fn a_digital_meetings_link_is_its_url_in_its_description_and_its_place_without_a_venue() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Nätverket")).await.unwrap().id;
    // Long enough to be folded, with a comma and a semicolon that a URI keeps as they are.
    let link = "https://meet.example.se/dropin-3?room=Lärandeträff,vår;2027&pwd=abcdefghijklmnopqrstuvwxyz";
    let hybrid =
        MeetingDraft { online_link: format!("  {link} "), ..timed("2027-05-11", "13:00", "15:00") };
    let m = meeting(&t.ws, p, hybrid).await;
    let file = t.ws.meeting_calendar(ById { id: m }).await.unwrap();
    let unfolded = String::from_utf8(file.file.bytes.clone()).unwrap().replace("\r\n ", "");
    assert!(unfolded.contains(&format!("\r\nURL:{link}\r\n")), "not escaped: {unfolded}");
    let e = event(&read_back(&file)).clone();
    assert_eq!(e["url"], link);
    let description = e["description"].as_str().unwrap();
    assert!(description.contains("Nätverket"), "{e}");
    assert!(description.contains(&format!("Digitalt möte: {link}")), "{e}");
    assert_eq!(
        e["location"], "Folkets hus, Storgatan 1, 911 31 Vännäs",
        "the venue when there is one"
    );

    let online = MeetingDraft {
        online_link: "https://meet.example.se/dropin-4".into(),
        ..MeetingDraft::new(MeetingKind::Workshop, "2027-05-12")
    };
    let m = meeting(&t.ws, p, online).await;
    let e = event(&read_back(&t.ws.meeting_calendar(ById { id: m }).await.unwrap())).clone();
    assert_eq!(e["url"], "https://meet.example.se/dropin-4");
    assert_eq!(
        e["location"], "https://meet.example.se/dropin-4",
        "the link when there is no venue"
    );
    assert!(
        e["description"]
            .as_str()
            .unwrap()
            .ends_with("Digitalt möte: https://meet.example.se/dropin-4"),
        "{e}"
    );

    // A link that bypassed the rules (as an exchange package may carry one)
    // is left out rather than written raw: it could start a property of its own.
    sqlx::query("UPDATE meetings SET online_link = ? WHERE id = ?")
        .bind("https://meet.example.se/x\r\nATTACH:https://evil.example")
        .bind(m)
        .execute(t.ws.pool())
        .await
        .unwrap();
    let file = t.ws.meeting_calendar(ById { id: m }).await.unwrap();
    assert!(!String::from_utf8_lossy(&file.file.bytes).contains("evil"), "left out");
    assert_eq!(event(&read_back(&file))["url"], Value::Null);

    // Without a link: no URL, and the description is the partnership alone.
    let m = meeting(&t.ws, p, timed("2027-05-13", "13:00", "15:00")).await;
    let e = event(&read_back(&t.ws.meeting_calendar(ById { id: m }).await.unwrap())).clone();
    assert_eq!(e["url"], Value::Null);
    assert!(!e["description"].as_str().unwrap().contains("Digitalt"), "{e}");
}

#[tokio::test]
async fn a_meeting_without_times_is_a_whole_day() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Nätverket")).await.unwrap().id;
    let m = meeting(&t.ws, p, MeetingDraft::new(MeetingKind::Startup, "2027-06-30")).await;
    let v = read_back(&t.ws.meeting_calendar(ById { id: m }).await.unwrap());
    let e = event(&v);
    assert_eq!(e["start"]["date"], "2027-06-30");
    assert_eq!(e["start"]["value"], "DATE");
    assert_eq!(e["end"]["date"], "2027-07-01", "the next day");
    assert_eq!(e["summary"], "Uppstartsmöte");
    assert_eq!(e["location"], Value::Null, "no place, no LOCATION");
}

#[tokio::test]
async fn a_partnerships_coming_meetings_are_one_calendar() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Benchlearning Norr")).await.unwrap().id;
    let other = t.ws.create_partnership(draft("Annat")).await.unwrap().id;
    // The clock says 2026-11-23.
    meeting(&t.ws, p, timed("2026-11-20", "10:00", "12:00")).await;
    let later = meeting(&t.ws, p, timed("2027-02-01", "10:00", "12:00")).await;
    let today = meeting(&t.ws, p, MeetingDraft::new(MeetingKind::Workshop, "2026-11-23")).await;
    meeting(&t.ws, other, timed("2027-01-01", "10:00", "12:00")).await;

    let file = t.ws.coming_meetings_calendar(ById { id: p }).await.unwrap();
    assert_eq!(file.events, 2);
    assert_eq!(file.file.file_name, "Kommande möten Benchlearning Norr 2026-11-23.ics");
    let v = read_back(&file);
    assert_eq!(v["method"], "PUBLISH");
    assert_eq!(v["zones"].as_array().unwrap().len(), 1);
    let uids: Vec<&Value> = v["events"].as_array().unwrap().iter().map(|e| &e["uid"]).collect();
    let expected = [
        format!("{}@samlar", uuid_of(&t.ws, today).await),
        format!("{}@samlar", uuid_of(&t.ws, later).await),
    ];
    assert_eq!(uids, expected.iter().collect::<Vec<_>>(), "today's and later, in date order");
    assert_eq!(v["events"][1]["start"]["utc"], "2027-02-01T09:00:00+00:00");

    let err = t.ws.coming_meetings_calendar(ById { id: other }).await.map(|_| ());
    assert!(err.is_ok(), "the other partnership has one coming meeting");
    t.clock.set(chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2027, 3, 1, 9, 0, 0).unwrap());
    let err = t.ws.coming_meetings_calendar(ById { id: p }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NoComingMeetings);
    let err = t.ws.coming_meetings_calendar(ById { id: PartnershipId(999) }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn a_cancellation_has_the_same_uid_and_a_higher_sequence() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Nätverket")).await.unwrap().id;
    let d = timed("2027-05-11", "13:00", "15:00");
    let m = meeting(&t.ws, p, d.clone()).await;
    let moved = MeetingDraft { date: "2027-05-12".into(), ..d };
    t.ws.update_meeting(UpdateMeeting { id: m, draft: moved }).await.unwrap();
    let published = read_back(&t.ws.meeting_calendar(ById { id: m }).await.unwrap());
    let file = t.ws.meeting_cancellation(ById { id: m }).await.unwrap();
    assert_eq!(file.file.file_name, "Inställt Lärandeträff 1 2027-05-12.ics");
    let cancelled = read_back(&file);
    assert_eq!(cancelled["method"], "CANCEL");
    let (p_event, c_event) = (event(&published), event(&cancelled));
    assert_eq!(c_event["status"], "CANCELLED");
    assert_eq!(c_event["uid"], p_event["uid"]);
    assert_eq!(p_event["sequence"], 1);
    assert_eq!(c_event["sequence"], 2, "one above the one published");
    assert_eq!(c_event["start"]["local"], "2027-05-12T13:00:00");

    t.ws.delete_meeting(ById { id: m }).await.unwrap();
    let err = t.ws.meeting_cancellation(ById { id: m }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound, "made before the meeting is deleted");
}

#[tokio::test]
async fn a_digital_meeting_has_no_street_address_and_says_how_it_is_held() {
    use samlar::kernel::values::MeetingMode;
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Nätverket")).await.unwrap().id;
    let link = "https://meet.example.se/traff-6";
    // A place was typed before the meeting moved online: it is not its location.
    let digital = MeetingDraft {
        online_link: link.into(),
        mode: Some(MeetingMode::Digital),
        ..timed("2027-05-11", "13:00", "15:00")
    };
    let m = meeting(&t.ws, p, digital).await;
    let e = event(&read_back(&t.ws.meeting_calendar(ById { id: m }).await.unwrap())).clone();
    assert_eq!(e["location"], link, "the link, never the street address");
    assert_eq!(e["url"], link);
    let description = e["description"].as_str().unwrap();
    assert!(description.contains("Mötesform: Digitalt"), "{e}");
    assert!(!description.contains("Storgatan"), "{e}");

    let hybrid = MeetingDraft {
        online_link: link.into(),
        mode: Some(MeetingMode::Hybrid),
        ..timed("2027-05-12", "13:00", "15:00")
    };
    let m = meeting(&t.ws, p, hybrid).await;
    let e = event(&read_back(&t.ws.meeting_calendar(ById { id: m }).await.unwrap())).clone();
    assert_eq!(e["location"], "Folkets hus, Storgatan 1, 911 31 Vännäs");
    assert_eq!(e["url"], link);
    assert!(e["description"].as_str().unwrap().contains("Mötesform: Hybrid"), "{e}");
}
