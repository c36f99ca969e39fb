//! Form drafts: what a user typed into a form that was refused, kept for a short while so the
//! form can be shown again with their values.
//!
//! With JavaScript the form stays on the page and nothing is needed. Without it the browser posts
//! the form, the server function answers with a redirect back to the form carrying only the error,
//! and the values would be lost. The server function therefore keeps the input here, keyed by the
//! user and the form, and the form page asks for it when it is shown after a refused post.
//!
//! Drafts live in memory only: they are short-lived convenience, not data. They expire after
//! `TTL`, each user has at most one per form, and long fields are cut so that a huge paste cannot
//! fill the memory.

use crate::domain::exercise::{ExerciseInput, ObjectiveInput};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a draft is kept.
pub const TTL: Duration = Duration::from_secs(30 * 60);
/// The most drafts kept in all; the oldest goes first.
pub const CAPACITY: usize = 500;
/// Longest text kept per field, in characters (well above every field's own limit).
pub const FIELD_CHARS: usize = 10_000;
/// Most objective rows kept.
pub const OBJECTIVE_ROWS: usize = 50;

/// Which form a draft belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormKey {
    NewExercise,
    EditExercise(i64),
}

impl FormKey {
    /// Parses the key a form page sends: `ny` or `redigera-<id>`.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "ny" => Some(Self::NewExercise),
            _ => raw
                .strip_prefix("redigera-")
                .and_then(|id| id.parse().ok())
                .map(Self::EditExercise),
        }
    }
}

/// A draft with the time it was kept, by user id and form.
type Drafts = HashMap<(i64, FormKey), (Instant, ExerciseInput)>;

#[derive(Clone, Default)]
pub struct FormDrafts {
    inner: Arc<Mutex<Drafts>>,
}

fn cut(s: &mut String) {
    if let Some((at, _)) = s.char_indices().nth(FIELD_CHARS) {
        s.truncate(at);
    }
}

/// The input with every field cut to a size worth keeping.
fn bounded(input: &ExerciseInput) -> ExerciseInput {
    let mut d = input.clone();
    for s in [
        &mut d.name,
        &mut d.format,
        &mut d.starts_at,
        &mut d.ends_at,
        &mut d.location,
        &mut d.lead,
        &mut d.external_participants,
        &mut d.purpose,
        &mut d.scenario,
        &mut d.funding,
    ] {
        cut(s);
    }
    d.participants.truncate(200);
    d.objectives.truncate(OBJECTIVE_ROWS);
    for ObjectiveInput {
        text,
        capability,
        requirements,
    } in &mut d.objectives
    {
        cut(text);
        cut(capability);
        requirements.truncate(200);
    }
    d
}

impl FormDrafts {
    /// Keeps `input` as `user`'s draft of `form`, replacing any earlier one.
    pub fn keep(&self, user: i64, form: FormKey, input: &ExerciseInput) {
        self.keep_at(Instant::now(), user, form, input);
    }

    fn keep_at(&self, now: Instant, user: i64, form: FormKey, input: &ExerciseInput) {
        let mut map = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        map.retain(|_, (at, _)| now.duration_since(*at) < TTL);
        if map.len() >= CAPACITY
            && !map.contains_key(&(user, form))
            && let Some(oldest) = map.iter().min_by_key(|(_, (at, _))| *at).map(|(k, _)| *k)
        {
            map.remove(&oldest);
        }
        map.insert((user, form), (now, bounded(input)));
    }

    /// `user`'s unexpired draft of `form`. It stays until saved, replaced or expired, so reloading
    /// the refused form shows the values again.
    pub fn get(&self, user: i64, form: FormKey) -> Option<ExerciseInput> {
        self.get_at(Instant::now(), user, form)
    }

    fn get_at(&self, now: Instant, user: i64, form: FormKey) -> Option<ExerciseInput> {
        let map = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        map.get(&(user, form))
            .filter(|(at, _)| now.duration_since(*at) < TTL)
            .map(|(_, input)| input.clone())
    }

    /// Forgets `user`'s draft of `form` (after a successful save).
    pub fn forget(&self, user: i64, form: FormKey) {
        let mut map = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        map.remove(&(user, form));
    }

    pub fn len(&self) -> usize {
        self.inner.lock().unwrap_or_else(|p| p.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str) -> ExerciseInput {
        ExerciseInput {
            name: name.into(),
            ..Default::default()
        }
    }

    #[test]
    fn form_keys_parse_and_reject_junk() {
        assert_eq!(FormKey::parse("ny"), Some(FormKey::NewExercise));
        assert_eq!(
            FormKey::parse("redigera-12"),
            Some(FormKey::EditExercise(12))
        );
        assert_eq!(FormKey::parse("redigera-x"), None);
        assert_eq!(FormKey::parse(""), None);
    }

    #[test]
    fn drafts_are_per_user_and_form_and_replaced() {
        let d = FormDrafts::default();
        d.keep(1, FormKey::NewExercise, &input("a"));
        d.keep(1, FormKey::NewExercise, &input("b"));
        d.keep(2, FormKey::NewExercise, &input("c"));
        assert_eq!(d.get(1, FormKey::NewExercise).unwrap().name, "b");
        assert_eq!(d.get(2, FormKey::NewExercise).unwrap().name, "c");
        assert_eq!(d.get(1, FormKey::EditExercise(1)), None);
        d.forget(1, FormKey::NewExercise);
        assert_eq!(d.get(1, FormKey::NewExercise), None);
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn drafts_expire() {
        let d = FormDrafts::default();
        let t0 = Instant::now();
        d.keep_at(t0, 1, FormKey::NewExercise, &input("a"));
        assert!(d.get_at(t0 + TTL / 2, 1, FormKey::NewExercise).is_some());
        assert!(d.get_at(t0 + TTL, 1, FormKey::NewExercise).is_none());
        // Expired drafts are dropped on the next write.
        d.keep_at(t0 + TTL, 2, FormKey::NewExercise, &input("b"));
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn capacity_evicts_the_oldest() {
        let d = FormDrafts::default();
        let t0 = Instant::now();
        for user in 0..CAPACITY as i64 {
            d.keep_at(
                t0 + Duration::from_millis(user as u64),
                user,
                FormKey::NewExercise,
                &input("x"),
            );
        }
        d.keep_at(
            t0 + Duration::from_secs(1),
            9999,
            FormKey::NewExercise,
            &input("y"),
        );
        assert_eq!(d.len(), CAPACITY);
        assert!(d.get_at(t0, 0, FormKey::NewExercise).is_none());
        assert!(d.get_at(t0, 9999, FormKey::NewExercise).is_some());
    }

    #[test]
    fn huge_fields_are_cut() {
        let d = FormDrafts::default();
        let mut big = input(&"å".repeat(1_000_000));
        big.objectives = vec![ObjectiveInput::default(); 1000];
        d.keep(1, FormKey::NewExercise, &big);
        let kept = d.get(1, FormKey::NewExercise).unwrap();
        assert_eq!(kept.name.chars().count(), FIELD_CHARS);
        assert_eq!(kept.objectives.len(), OBJECTIVE_ROWS);
    }
}
