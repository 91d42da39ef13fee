//! The attendance statistics and their tallies agree with the oracle of
//! `statistics` (a count of the attendance rows themselves) after long random
//! sequences of every kind of change to attendance, people and meetings, from
//! three fixed seeds.

use crate::common::{TestWorkspace, draft, municipality};
use crate::statistics::check_all;
use samlar::kernel::values::{
    ById, Gender, MeetingId, MeetingKind, OrganisationId, PartnershipId, PersonId,
};
use samlar::meetings::attendance::{AttendanceEntry, AttendanceStatus, SetAttendance};
use samlar::meetings::draft::MeetingDraft;
use samlar::meetings::meeting::CreateMeeting;
use samlar::registry::person::{PersonDraft, UpdatePerson};
use std::collections::HashMap;

/// xorshift64*: enough randomness for a test, the same every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> Option<T> {
        (!items.is_empty()).then(|| items[self.below(items.len())])
    }
}

const GENDERS: [Gender; 4] = [Gender::Woman, Gender::Man, Gender::Other, Gender::NotStated];
const STATUSES: [&str; 3] = ["invited", "attended", "absent"];

struct World {
    t: TestWorkspace,
    rng: Rng,
    partnerships: Vec<PartnershipId>,
    organisations: Vec<OrganisationId>,
    people: HashMap<PersonId, PersonDraft>,
    created: usize,
}

impl World {
    async fn ids<I>(&self, sql: &'static str) -> Vec<I>
    where
        I: for<'r> sqlx::Decode<'r, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite> + Send + Unpin,
    {
        sqlx::query_scalar(sql).fetch_all(self.t.ws.pool()).await.unwrap()
    }

    async fn add_person(&mut self) {
        self.created += 1;
        let organisation = match self.rng.below(5) {
            0 => None,
            _ => self.rng.pick(&self.organisations),
        };
        let draft = PersonDraft {
            gender: GENDERS[self.rng.below(4)],
            ..PersonDraft::new(&format!("Person {}", self.created), organisation)
        };
        let id = self.t.ws.create_person(draft.clone()).await.unwrap().summary.id;
        self.people.insert(id, draft);
    }

    async fn add_meeting(&mut self) {
        let partnership_id = self.rng.pick(&self.partnerships).unwrap();
        // few dates, so that meetings share them and order by id
        let date = format!("2027-0{}-1{}", 1 + self.rng.below(3), self.rng.below(3));
        let mut d = MeetingDraft::new(MeetingKind::Workshop, &date);
        d.title = format!("Möte {}", self.rng.below(1000));
        d.extra_women = self.rng.below(2) as i64;
        d.extra_not_stated = self.rng.below(2) as i64;
        self.t.ws.create_meeting(CreateMeeting { partnership_id, draft: d }).await.unwrap();
    }

    /// One random change; returns its name for the failure message.
    async fn step(&mut self) -> String {
        let pool = self.t.ws.pool().clone();
        let people: Vec<PersonId> = self.ids("SELECT id FROM people ORDER BY id").await;
        let meetings: Vec<MeetingId> = self.ids("SELECT id FROM meetings ORDER BY id").await;
        let rows: Vec<(MeetingId, PersonId)> =
            sqlx::query_as("SELECT meeting_id, person_id FROM attendance ORDER BY 1, 2")
                .fetch_all(&pool)
                .await
                .unwrap();
        let status = STATUSES[self.rng.below(3)];
        match self.rng.below(12) {
            // replace a meeting's attendance, as the meeting page does
            0 | 1 => {
                let Some(meeting_id) = self.rng.pick(&meetings) else { return "none".into() };
                let n = self.rng.below(people.len().min(8) + 1);
                let entries = (0..n)
                    .map(|_| AttendanceEntry {
                        person_id: self.rng.pick(&people).unwrap(),
                        status: [
                            AttendanceStatus::Invited,
                            AttendanceStatus::Attended,
                            AttendanceStatus::Absent,
                        ][self.rng.below(3)],
                    })
                    .collect();
                self.t.ws.set_attendance(SetAttendance { meeting_id, entries }).await.unwrap();
                format!("set_attendance {meeting_id}")
            }
            // add one row, or change its status if it is there (upsert)
            2 | 3 => {
                let (Some(m), Some(p)) = (self.rng.pick(&meetings), self.rng.pick(&people)) else {
                    return "none".into();
                };
                sqlx::query(
                    "INSERT INTO attendance (meeting_id, person_id, status) VALUES (?, ?, ?) \
                     ON CONFLICT (meeting_id, person_id) DO UPDATE SET status = excluded.status",
                )
                .bind(m)
                .bind(p)
                .bind(status)
                .execute(&pool)
                .await
                .unwrap();
                format!("upsert attendance {m}/{p} {status}")
            }
            4 => {
                let Some((m, p)) = self.rng.pick(&rows) else { return "none".into() };
                sqlx::query("DELETE FROM attendance WHERE meeting_id = ? AND person_id = ?")
                    .bind(m)
                    .bind(p)
                    .execute(&pool)
                    .await
                    .unwrap();
                format!("delete attendance {m}/{p}")
            }
            5 => {
                let Some((m, p)) = self.rng.pick(&rows) else { return "none".into() };
                sqlx::query(
                    "UPDATE attendance SET status = ? WHERE meeting_id = ? AND person_id = ?",
                )
                .bind(status)
                .bind(m)
                .bind(p)
                .execute(&pool)
                .await
                .unwrap();
                format!("status {m}/{p} {status}")
            }
            // move a row to another person, meeting or both
            6 => {
                let (Some((m, p)), Some(m2), Some(p2)) =
                    (self.rng.pick(&rows), self.rng.pick(&meetings), self.rng.pick(&people))
                else {
                    return "none".into();
                };
                let (m2, p2) = match self.rng.below(3) {
                    0 => (m, p2),
                    1 => (m2, p),
                    _ => (m2, p2),
                };
                sqlx::query(
                    "UPDATE OR IGNORE attendance SET meeting_id = ?, person_id = ?, status = ? \
                     WHERE meeting_id = ? AND person_id = ?",
                )
                .bind(m2)
                .bind(p2)
                .bind(status)
                .bind(m)
                .bind(p)
                .execute(&pool)
                .await
                .unwrap();
                format!("move attendance {m}/{p} to {m2}/{p2} {status}")
            }
            // a new gender, organisation (or none), or both
            7 | 8 => {
                let Some(id) = self.rng.pick(&people) else { return "none".into() };
                let mut d = self.people[&id].clone();
                match self.rng.below(3) {
                    0 => d.gender = GENDERS[self.rng.below(4)],
                    1 => {
                        d.organisation_id = match self.rng.below(4) {
                            0 => None,
                            _ => self.rng.pick(&self.organisations),
                        }
                    }
                    _ => {
                        d.gender = GENDERS[self.rng.below(4)];
                        d.organisation_id = self.rng.pick(&self.organisations);
                    }
                }
                self.t.ws.update_person(UpdatePerson { id, draft: d.clone() }).await.unwrap();
                let what = format!("person {id} {:?} {:?}", d.gender, d.organisation_id);
                self.people.insert(id, d);
                what
            }
            // deletes that cascade to attendance, each followed by a new one
            9 => {
                let Some(id) = self.rng.pick(&people) else { return "none".into() };
                self.t.ws.delete_person(ById { id }).await.unwrap();
                self.people.remove(&id);
                self.add_person().await;
                format!("delete person {id}")
            }
            10 => {
                let Some(id) = self.rng.pick(&meetings) else { return "none".into() };
                self.t.ws.delete_meeting(ById { id }).await.unwrap();
                self.add_meeting().await;
                format!("delete meeting {id}")
            }
            // a meeting moved to another partnership (the app never does)
            _ => {
                let (Some(id), Some(p)) =
                    (self.rng.pick(&meetings), self.rng.pick(&self.partnerships))
                else {
                    return "none".into();
                };
                sqlx::query("UPDATE meetings SET partnership_id = ?, number = NULL WHERE id = ?")
                    .bind(p)
                    .bind(id)
                    .execute(&pool)
                    .await
                    .unwrap();
                format!("move meeting {id} to partnership {p}")
            }
        }
    }
}

#[tokio::test]
async fn the_tallies_agree_with_a_recount_after_any_sequence_of_changes() {
    for seed in [0x5eed_2026_u64, 7, 1_572] {
        let t = TestWorkspace::new().await;
        let mut partnerships = Vec::new();
        for name in ["CLN", "Nätverket", "Tom"] {
            partnerships.push(t.ws.create_partnership(draft(name)).await.unwrap().id);
        }
        let mut organisations = Vec::new();
        // two of the same name: ties in the order are broken by id
        for (name, code) in
            [("Umeå kommun", "2480"), ("Skellefteå kommun", "2482"), ("Umeå kommun", "")]
        {
            organisations
                .push(t.ws.create_organisation(municipality(name, code)).await.unwrap().id);
        }
        let spare = t.ws.create_organisation(municipality("Åre kommun", "")).await.unwrap().id;
        let mut w = World {
            t,
            rng: Rng(seed),
            partnerships: partnerships[..2].to_vec(),
            organisations,
            people: HashMap::new(),
            created: 0,
        };
        for _ in 0..12 {
            w.add_person().await;
        }
        for _ in 0..6 {
            w.add_meeting().await;
        }
        w.organisations.push(spare);
        w.partnerships.push(partnerships[2]);
        let mut log = Vec::new();
        for i in 0..250 {
            log.push(w.step().await);
            if i % 5 == 0 {
                check_all(&w.t.ws, &format!("seed {seed}, after {log:?}")).await;
            }
        }
        let compared = check_all(&w.t.ws, &format!("seed {seed}, at the end")).await;
        assert!(compared > 6);
        let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM attendance_tally")
            .fetch_one(w.t.ws.pool())
            .await
            .unwrap();
        assert!(rows > 0, "seed {seed}: something is left to count");
        // an organisation nobody belongs to can go, and the figures stay right
        let _ = w.t.ws.delete_organisation(ById { id: spare }).await;
        check_all(&w.t.ws, &format!("seed {seed}, organisation deleted")).await;
    }
}
