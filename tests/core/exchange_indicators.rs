//! Measurable goals between computers: an indicator with its values travels
//! in a partnership's package, keeps the goal it measures, and a value
//! recorded on the other computer comes back in its package.

use crate::common::TestWorkspace;
use crate::exchange::{local_id, uuid_of};
use crate::indicators::{create, employment, partnership, value};
use samlar::exchange::installation::SetInstallationName;
use samlar::exchange::package::MakePackage;
use samlar::exchange::record::Kind;
use samlar::exchange::scope::Scope;
use samlar::kernel::values::{ById, PartnershipId};
use samlar::registry::indicators::SetIndicatorValue;

async fn named(name: &str) -> TestWorkspace {
    let t = TestWorkspace::new().await;
    t.ws.set_installation_name(SetInstallationName { name: name.into() }).await.unwrap();
    t
}

async fn package_of(t: &TestWorkspace, id: PartnershipId) -> Vec<u8> {
    let input = MakePackage { scope: Scope::Partnership { id }, include_sensitive: false };
    t.ws.make_package(input).await.unwrap().bytes
}

#[tokio::test]
async fn an_indicator_with_values_travels_and_a_value_added_elsewhere_comes_back() {
    let coordinator = named("Länsstyrelsen – Eva").await;
    let mentor = named("Umeå kommun – Lena").await;
    let p = partnership(&coordinator).await;
    let made = create(&coordinator, p, employment()).await;
    let first = SetIndicatorValue {
        women: Some(12.0),
        men: Some(11.0),
        note: "Första mätningen".into(),
        ..value(made.id, "2027-06-30", 11.25)
    };
    coordinator.ws.set_indicator_value(first).await.unwrap();

    // Out: the mentor has the indicator, its goal and its value.
    let out = package_of(&coordinator, p).await;
    mentor.ws.open_package(&out, &[]).await.unwrap();
    let p_uuid = uuid_of(&coordinator, Kind::Partnership, p.0).await;
    let there = PartnershipId(local_id(&mentor, &p_uuid).await);
    let listed = mentor.ws.indicators(ById { id: there }).await.unwrap();
    assert_eq!(listed.len(), 1);
    let (sent, received) = (&made, &listed[0]);
    assert_eq!(received.name, "Andel i arbete");
    assert_eq!(
        (received.goal_position, received.goal.as_deref()),
        (Some(0), Some("Fler i arbete"))
    );
    assert_eq!((received.baseline, received.target), (sent.baseline, sent.target));
    assert_eq!(received.kolada_id.as_deref(), Some("N00945"));
    assert!(received.by_gender);
    assert_eq!(received.values.len(), 1);
    assert_eq!(received.values[0].value, 11.25);
    assert_eq!((received.values[0].women, received.values[0].men), (Some(12.0), Some(11.0)));
    assert_eq!(received.values[0].note, "Första mätningen");

    // The mentor records this year's value; it comes back to the coordinator.
    let later = SetIndicatorValue { women: Some(13.0), ..value(received.id, "2027-12-31", 12.5) };
    mentor.ws.set_indicator_value(later).await.unwrap();
    let back = package_of(&mentor, there).await;
    let preview = coordinator.ws.preview_package(&back).await.unwrap();
    assert!(preview.conflicts.is_empty(), "{:?}", preview.conflicts);
    coordinator.ws.open_package(&back, &[]).await.unwrap();
    let home = coordinator.ws.indicators(ById { id: p }).await.unwrap();
    assert_eq!(home.len(), 1);
    assert_eq!(home[0].id, made.id, "the same indicator, not a copy");
    let values: Vec<(String, f64, Option<f64>)> =
        home[0].values.iter().map(|v| (v.measured_on.to_string(), v.value, v.women)).collect();
    assert_eq!(
        values,
        [("2027-06-30".to_owned(), 11.25, Some(12.0)), ("2027-12-31".to_owned(), 12.5, Some(13.0))]
    );
}
