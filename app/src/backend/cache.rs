//! A value read from the database and kept in memory until an event says it changed: the
//! catalogues, the account list and the exercise list. Services clear it from their bus listener
//! (`backend::work::Bus`), which also hears other processes' writes (see
//! docs/adr/0004-forms-and-the-write-path.md).
//!
//! Clearing bumps a generation, and a load that started before the clear does not store its
//! result, so a page never keeps showing what a committed write replaced.

use std::future::Future;
use std::sync::{Arc, Mutex};

pub struct Cached<T> {
    state: Arc<Mutex<State<T>>>,
}

struct State<T> {
    value: Option<Arc<T>>,
    generation: u64,
}

impl<T> Clone for Cached<T> {
    fn clone(&self) -> Self {
        Self {
            state: self.state.clone(),
        }
    }
}

impl<T> Default for Cached<T> {
    fn default() -> Self {
        Self {
            state: Arc::new(Mutex::new(State {
                value: None,
                generation: 0,
            })),
        }
    }
}

impl<T> Cached<T> {
    fn lock(&self) -> std::sync::MutexGuard<'_, State<T>> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The kept value, or the result of `load` (kept unless a write cleared the cache meanwhile).
    pub async fn get_or_load<E, Fut>(&self, load: impl FnOnce() -> Fut) -> Result<Arc<T>, E>
    where
        Fut: Future<Output = Result<T, E>>,
    {
        let generation = {
            let state = self.lock();
            if let Some(value) = &state.value {
                return Ok(value.clone());
            }
            state.generation
        };
        let value = Arc::new(load().await?);
        let mut state = self.lock();
        if state.generation == generation {
            state.value = Some(value.clone());
        }
        Ok(value)
    }

    /// Forgets the value; call after the write that changed it has committed.
    pub fn clear(&self) {
        let mut state = self.lock();
        state.value = None;
        state.generation += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn block_on<F: Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(f)
    }

    #[test]
    fn loads_once_until_cleared() {
        let cache = Cached::<Vec<i32>>::default();
        let loads = AtomicUsize::new(0);
        let load = || async {
            loads.fetch_add(1, Ordering::SeqCst);
            Ok::<_, ()>(vec![1, 2])
        };
        block_on(async {
            assert_eq!(*cache.get_or_load(load).await.unwrap(), vec![1, 2]);
            assert_eq!(*cache.get_or_load(load).await.unwrap(), vec![1, 2]);
            assert_eq!(loads.load(Ordering::SeqCst), 1);
            cache.clear();
            cache.get_or_load(load).await.unwrap();
            assert_eq!(loads.load(Ordering::SeqCst), 2);
        });
    }

    #[test]
    fn a_failed_load_is_not_kept() {
        let cache = Cached::<i32>::default();
        block_on(async {
            assert_eq!(
                cache.get_or_load(|| async { Err::<i32, _>("db") }).await,
                Err("db")
            );
            assert_eq!(
                *cache
                    .get_or_load(|| async { Ok::<_, ()>(3) })
                    .await
                    .unwrap(),
                3
            );
        });
    }

    #[test]
    fn a_load_overtaken_by_a_write_is_not_kept() {
        let cache = Cached::<&str>::default();
        block_on(async {
            let stale = cache
                .get_or_load(|| async {
                    // A write commits and clears the cache while this load is reading.
                    cache.clear();
                    Ok::<_, ()>("before the write")
                })
                .await
                .unwrap();
            assert_eq!(*stale, "before the write");
            let fresh = cache
                .get_or_load(|| async { Ok::<_, ()>("after the write") })
                .await
                .unwrap();
            assert_eq!(*fresh, "after the write");
        });
    }
}
