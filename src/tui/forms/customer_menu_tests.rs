use super::*;
use crate::domain::datamap::ValueKind;
use crate::tui::form::{FieldId, FieldKind};
use crate::tui::forms::Problems;

fn today() -> NaiveDate {
    "2026-11-25".parse().expect("date")
}

fn target(kind: ValueKind) -> RectifyTarget {
    RectifyTarget {
        customer_id: 3,
        customer_name: "Lars Bjørnæs".into(),
        row: 7,
        one_of_several: true,
        table: "contact_details".into(),
        field: "email".into(),
        kind,
        current: Some("lars@example.no".into()),
    }
}

fn set(form: &mut Form, key: FieldId, value: &str) {
    let field = form
        .fields
        .iter_mut()
        .find(|f| f.key == key)
        .expect("field");
    match &mut field.kind {
        FieldKind::Text(input) => *input = tui_input::Input::new(value.to_string()),
        FieldKind::Choice { options, selected } => {
            *selected = options.iter().position(|o| o.0 == value).expect("option")
        }
        _ => unreachable!(),
    }
}

fn checked(form: &Form) -> (Option<CustomerChoice>, Problems) {
    let mut problems = Vec::new();
    (check(form, today(), &mut problems), problems)
}

#[test]
fn rectify_names_the_customer_row_and_field_and_checks_the_value() {
    let mut form = menu(
        "DSR-1",
        1,
        &[target(ValueKind::Email)],
        Vec::new(),
        today(),
        &[],
        |_| true,
    );
    set(&mut form, FieldId::Action, "rectify");
    let label = match &form.fields[1].kind {
        FieldKind::Choice { options, .. } => options[0].1.clone(),
        _ => unreachable!(),
    };
    assert_eq!(
        label,
        "contact_details.email row 7 = lars@example.no  (#3 Lars Bjørnæs)"
    );
    set(&mut form, FieldId::Value, "not an address");
    let (_, problems) = checked(&form);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].0, FieldId::Value);
    set(&mut form, FieldId::Value, "lars@ny.example");
    assert_eq!(
        checked(&form),
        (
            Some(CustomerChoice::Rectify {
                customer_id: 3,
                row: 7,
                table: "contact_details".into(),
                field: "email".into(),
                value: Some("lars@ny.example".into()),
            }),
            Vec::new()
        )
    );
    set(&mut form, FieldId::Value, "");
    assert!(matches!(
        checked(&form).0,
        Some(CustomerChoice::Rectify { value: None, .. })
    ));
    // Nobody linked: nothing to choose, said on the action.
    let mut empty = menu("DSR-1", 1, &[], Vec::new(), today(), &[], |_| true);
    set(&mut empty, FieldId::Action, "rectify");
    let (choice, problems) = checked(&empty);
    assert!(
        choice.is_none() && problems[0].0 == FieldId::Action,
        "{problems:?}"
    );
}

#[test]
fn lifting_needs_a_told_date_that_is_not_in_the_future() {
    let mut form = menu("DSR-1", 1, &[], Vec::new(), today(), &[], |_| true);
    set(&mut form, FieldId::Action, "unrestrict");
    for (told, says) in [
        ("", "Art. 18(3)"),
        ("25.11.2026", "YYYY-MM-DD"),
        ("2026-11-26", "in the future"),
    ] {
        set(&mut form, FieldId::Told, told);
        let (choice, problems) = checked(&form);
        assert!(choice.is_none(), "{told}");
        assert!(
            problems[0].0 == FieldId::Told && problems[0].1.contains(says),
            "{told}: {problems:?}"
        );
    }
    set(&mut form, FieldId::Told, "2026-11-25");
    assert_eq!(
        checked(&form).0,
        Some(CustomerChoice::Unrestrict { told: today() })
    );
    // The other actions ignore the field.
    set(&mut form, FieldId::Told, "");
    set(&mut form, FieldId::Action, "erase");
    assert_eq!(checked(&form), (Some(CustomerChoice::Erase), Vec::new()));
}

#[test]
fn notifying_needs_a_recipient_and_a_past_date() {
    let mut none = menu("DSR-1", 1, &[], Vec::new(), today(), &[], |_| true);
    set(&mut none, FieldId::Action, "notify");
    assert_eq!(checked(&none).1[0].0, FieldId::Action);
    let recipients = vec![("hosting".to_string(), "Hosting".to_string())];
    let mut form = menu("DSR-1", 1, &[], recipients, today(), &[], |_| true);
    set(&mut form, FieldId::Action, "notify");
    assert_eq!(
        checked(&form).0,
        Some(CustomerChoice::Notify {
            recipient: "hosting".into(),
            on: today()
        })
    );
    set(&mut form, FieldId::Date, "2026-12-01");
    assert_eq!(checked(&form).1[0].0, FieldId::Date);
}
