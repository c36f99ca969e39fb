//! A value read from the database and kept in memory until an event says it changed: the
//! catalogues, the account list and the exercise list. Services clear it from their bus listener
//! (`backend::work::Bus`), which also hears other processes' writes (see
//! docs/adr/0004-forms-and-the-write-path.md).
//!
//! Clearing bumps a generation, and a load that started before the clear does not store its
//! result, so a page never keeps showing what a committed write replaced. One load runs at a
//! time: requests that miss together wait for it rather than each loading the same thing.

use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

pub struct Cached<T> {
    state: Arc<Mutex<State<T>>>,
    /// Held while loading, so concurrent misses wait for one load instead of each loading.
    loading: Arc<tokio::sync::Mutex<()>>,
}

struct State<T> {
    value: Option<Arc<T>>,
    generation: u64,
}

impl<T> Clone for Cached<T> {
    fn clone(&self) -> Self {
        Self {
            state: self.state.clone(),
            loading: self.loading.clone(),
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
            loading: Arc::default(),
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
        if let Some(value) = &self.lock().value {
            return Ok(value.clone());
        }
        let _loading = self.loading.lock().await;
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

/// Values kept per key under the same rule as [`Cached`]: cleared together, and a load that a
/// clear overtook is not kept, and one load runs at a time. At most `cap` keys are kept; a full
/// map starts over.
pub struct CachedMap<K, V> {
    state: Arc<Mutex<MapState<K, V>>>,
    loading: Arc<tokio::sync::Mutex<()>>,
    cap: usize,
}

struct MapState<K, V> {
    values: HashMap<K, Arc<V>>,
    generation: u64,
}

impl<K, V> Clone for CachedMap<K, V> {
    fn clone(&self) -> Self {
        Self {
            state: self.state.clone(),
            loading: self.loading.clone(),
            cap: self.cap,
        }
    }
}

impl<K: Eq + Hash, V> CachedMap<K, V> {
    pub fn new(cap: usize) -> Self {
        Self {
            state: Arc::new(Mutex::new(MapState {
                values: HashMap::new(),
                generation: 0,
            })),
            loading: Arc::default(),
            cap: cap.max(1),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, MapState<K, V>> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The value kept for `key`, or the result of `load`.
    pub async fn get_or_load<E, Fut>(&self, key: K, load: impl FnOnce() -> Fut) -> Result<Arc<V>, E>
    where
        Fut: Future<Output = Result<V, E>>,
    {
        if let Some(value) = self.lock().values.get(&key) {
            return Ok(value.clone());
        }
        let _loading = self.loading.lock().await;
        let generation = {
            let state = self.lock();
            if let Some(value) = state.values.get(&key) {
                return Ok(value.clone());
            }
            state.generation
        };
        let value = Arc::new(load().await?);
        let mut state = self.lock();
        if state.generation == generation {
            if state.values.len() >= self.cap {
                state.values.clear();
            }
            state.values.insert(key, value.clone());
        }
        Ok(value)
    }

    pub fn clear(&self) {
        let mut state = self.lock();
        state.values.clear();
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

    #[test]
    fn misses_at_the_same_time_wait_for_one_load() {
        let cache = Cached::<u32>::default();
        let loads = AtomicUsize::new(0);
        let load = || async {
            loads.fetch_add(1, Ordering::SeqCst);
            tokio::task::yield_now().await;
            Ok::<_, ()>(7)
        };
        block_on(async {
            let (a, b) = tokio::join!(cache.get_or_load(load), cache.get_or_load(load));
            assert_eq!((*a.unwrap(), *b.unwrap()), (7, 7));
        });
        assert_eq!(loads.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn a_map_keeps_each_key_until_cleared_and_drops_overtaken_loads() {
        let map: CachedMap<u8, u8> = CachedMap::new(2);
        let loads = AtomicUsize::new(0);
        let get = |k: u8| {
            block_on(map.get_or_load(k, || async {
                loads.fetch_add(1, Ordering::SeqCst);
                Ok::<_, ()>(k * 10)
            }))
            .unwrap()
        };
        assert_eq!((*get(1), *get(1), *get(2)), (10, 10, 20));
        assert_eq!(loads.load(Ordering::SeqCst), 2);
        get(3); // full: starts over with 3 alone
        get(2);
        assert_eq!(loads.load(Ordering::SeqCst), 4);
        let overtaken = block_on(map.get_or_load(9, || async {
            map.clear();
            Ok::<_, ()>(90)
        }));
        assert_eq!(*overtaken.unwrap(), 90);
        get(9);
        get(2);
        assert_eq!(
            loads.load(Ordering::SeqCst),
            6,
            "9 was not kept and the clear dropped 2"
        );
    }
}
