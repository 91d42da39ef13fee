//! Mentor pairings: within the mentor's capacity, graduates suggested as
//! mentors in later rounds, and the mentor lineage that results.

use crate::harness::{
    Driver, choose, click, field, find, heading, load_demo_data, open_app, press, quoted,
    screenshot, session_setup,
};
use thirtyfour::WebDriver;

/// Opens a partnership from the list by its name.
async fn open_partnership(app: &WebDriver, name: &str) {
    press(app, "Partnerskap").await;
    press(app, name).await;
    heading(app, name).await;
}

async fn new_round(app: &WebDriver, name: &str, start: &str) {
    press(app, "Partnerskap").await;
    press(app, "Nytt partnerskap").await;
    heading(app, "Nytt partnerskap").await;
    field(app, "Namn").await.send_keys(name).await.unwrap();
    field(app, "Startdatum").await.send_keys(start).await.unwrap();
    press(app, "Spara").await;
    heading(app, name).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn mentors_are_paired_within_capacity_and_graduates_become_mentors_with_a_lineage() {
    let (_guard, display, data) = session_setup().await;
    let driver = Driver::start(&display);
    let app = open_app(&driver, data.path()).await;
    load_demo_data(&app).await;

    // A round: Umeå supports Skellefteå and Lycksele.
    let first = "Modellkommuner – omgång 2029";
    new_round(&app, first, "2029-01-15").await;
    find(&app, "//h2[normalize-space()='Mentorpar']").await;
    press(&app, "Nytt mentorpar").await;
    heading(&app, "Nytt mentorpar").await;
    choose(&app, "", "Deltagare 1", "Skellefteå kommun").await;
    choose(&app, "", "Deltagare 2", "Lycksele kommun").await;
    choose(&app, "", "Mentororganisation", "Umeå kommun").await;
    press(&app, "Spara mentorparet").await;
    let pair = "Skellefteå kommun och Lycksele kommun med stöd av Umeå kommun";
    heading(&app, pair).await;

    // Two more for Umeå would exceed its three places: the message stands
    // next to the participant that does not fit.
    open_partnership(&app, first).await;
    press(&app, "Nytt mentorpar").await;
    heading(&app, "Nytt mentorpar").await;
    choose(&app, "", "Deltagare 1", "Nordmalings kommun").await;
    choose(&app, "", "Deltagare 2", "Bjurholms kommun").await;
    choose(&app, "", "Mentororganisation", "Umeå kommun").await;
    press(&app, "Spara mentorparet").await;
    let message = "Mentorn har inte plats för fler deltagare i omgången. \
                   Höj mentorns kapacitet eller välj en annan mentor.";
    let alert =
        find(&app, &format!("//*[@role='alert'][normalize-space()={}]", quoted(message))).await;
    let second = field(&app, "Deltagare 2").await;
    let described = second.attr("aria-describedby").await.unwrap().unwrap_or_default();
    let alert_id = alert.attr("id").await.unwrap().unwrap_or_default();
    assert!(!alert_id.is_empty() && described.split(' ').any(|id| id == alert_id));
    assert_eq!(second.attr("aria-invalid").await.unwrap().as_deref(), Some("true"));
    screenshot(&app, "pairing-capacity").await;
    press(&app, "Avbryt").await;

    // Skellefteå completes the round.
    heading(&app, first).await;
    let participants = "//section[.//h3[normalize-space()='Deltagare i omgången']]";
    click(&app, &format!("{participants}//label[normalize-space()='Skellefteå kommun']")).await;
    let date = field(&app, "Datum för genomförandet").await;
    date.clear().await.unwrap();
    date.send_keys("2030-02-20").await.unwrap();
    press(&app, "Markera som genomförda").await;
    find(&app, &format!("{participants}//*[contains(normalize-space(), 'Genomförd 2030-02-20')]"))
        .await;

    // In a later round Skellefteå is suggested first, and why.
    let later = "Modellkommuner – omgång 2031";
    new_round(&app, later, "2031-01-20").await;
    press(&app, "Nytt mentorpar").await;
    heading(&app, "Nytt mentorpar").await;
    choose(&app, "", "Deltagare 1", "Norsjö kommun").await;
    let suggestions = "//section[.//h2[normalize-space()='Förslag på mentor']]";
    let top = find(&app, &format!("({suggestions}//li)[1]")).await;
    let top_text = top.text().await.unwrap();
    assert!(top_text.contains("Skellefteå kommun"), "{top_text}");
    assert!(top_text.contains(&format!("Genomförde {first} (2030-02-20)")), "{top_text}");
    screenshot(&app, "pairing-suggestions").await;
    press(&app, "Välj Skellefteå kommun som mentor").await;
    press(&app, "Spara mentorparet").await;
    heading(&app, "Norsjö kommun med stöd av Skellefteå kommun").await;

    // Skellefteå's lineage: mentored by Umeå, mentor for Norsjö.
    click(&app, "//a[normalize-space()='Skellefteå kommun'] | //button[normalize-space()='Skellefteå kommun']").await;
    heading(&app, "Skellefteå kommun").await;
    click(&app, "//*[(self::a or self::button)][normalize-space()='Visa mentorslinje']").await;
    heading(&app, "Mentorslinje för Skellefteå kommun").await;
    let mentors = "//section[.//h2[normalize-space()='Mentorer']]";
    find(&app, &format!("{mentors}//li[contains(normalize-space(), 'Umeå kommun')]")).await;
    let mentees = "//section[.//h2[normalize-space()='Har varit mentor för']]";
    find(&app, &format!("{mentees}//li[contains(normalize-space(), 'Norsjö kommun')]")).await;
    find(&app, "//*[local-name()='svg'][@role='img']").await;
    screenshot(&app, "lineage").await;
    app.quit().await.unwrap();
}
