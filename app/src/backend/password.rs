//! Password hashing with argon2id (the `argon2` crate's default parameters: 19 MiB, 2 passes).
//!
//! Hashing is deliberately slow (tens of milliseconds of CPU). It runs on tokio's blocking pool,
//! never on the async workers, and at most [`concurrency`] hashes run at once, so a storm of
//! sign-ins queues behind itself instead of stalling page views.

use super::ServiceError;
use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use std::sync::OnceLock;
use tokio::sync::Semaphore;

/// How many hashes may run at once: half the cores (at least one), so the other half always
/// serves pages.
pub fn concurrency() -> usize {
    std::thread::available_parallelism()
        .map(|n| (n.get() / 2).max(1))
        .unwrap_or(1)
}

fn permits() -> &'static Semaphore {
    static PERMITS: OnceLock<Semaphore> = OnceLock::new();
    PERMITS.get_or_init(|| Semaphore::new(concurrency()))
}

/// Runs `work` on the blocking pool once a hashing permit is free.
async fn on_hashing_pool<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ServiceError> {
    // The permit moves into the task: if the request is dropped (timeout, disconnect) the hash
    // still holds it until it is done, so the bound holds for the work, not the waiting.
    let permit = permits()
        .acquire()
        .await
        .map_err(|e| ServiceError::Internal(format!("hashing permits closed: {e}")))?;
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work()
    })
    .await
    .map_err(|e| ServiceError::Internal(format!("hashing task failed: {e}")))
}

/// Hashes a new password (on the hashing pool).
pub async fn hash(password: &str) -> Result<String, ServiceError> {
    let password = password.to_string();
    on_hashing_pool(move || hash_now(&password)).await?
}

/// True when `password` matches `stored` (on the hashing pool).
pub async fn verify(password: &str, stored: &str) -> Result<bool, ServiceError> {
    let (password, stored) = (password.to_string(), stored.to_string());
    on_hashing_pool(move || verify_now(&password, &stored)).await
}

fn hash_now(password: &str) -> Result<String, ServiceError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ServiceError::Internal(format!("hashing failed: {e}")))
}

fn verify_now(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash of a random password, verified against when the user does not exist so that
/// a failed login takes as long for unknown users as for known ones. Made once, on the hashing
/// pool like every other hash.
pub async fn dummy_hash() -> Result<&'static str, ServiceError> {
    static DUMMY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    DUMMY
        .get_or_try_init(|| hash("redo-dummy-password-never-used"))
        .await
        .map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_only_its_own_password() {
        let h = hash("rätt lösenord").await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("rätt lösenord", &h).await.unwrap());
        assert!(!verify("fel lösenord", &h).await.unwrap());
        assert!(!verify("x", "not a hash").await.unwrap());
    }
}
