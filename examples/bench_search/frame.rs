//! The UI's frame clock beside the searches: how late a 60 Hz thread wakes while they run.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::FRAME;

/// A thread that wants to draw a frame every 16.7 ms, as the UI does while results stream
/// in: records how late each wake-up was.
pub struct FrameProbe {
    stop: Arc<AtomicBool>,
    late: Arc<Mutex<Vec<Duration>>>,
    handle: std::thread::JoinHandle<()>,
}

impl FrameProbe {
    pub fn start() -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let late = Arc::new(Mutex::new(Vec::new()));
        let (s, l) = (Arc::clone(&stop), Arc::clone(&late));
        let handle = std::thread::spawn(move || {
            let mut next = Instant::now() + FRAME;
            let mut lates = Vec::new();
            while !s.load(Ordering::Relaxed) {
                let now = Instant::now();
                if next > now {
                    std::thread::sleep(next - now);
                }
                let woke = Instant::now();
                lates.push(woke.saturating_duration_since(next));
                next += FRAME;
                if next < woke {
                    next = woke + FRAME; // a missed frame: start again from now
                }
            }
            *l.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = lates;
        });
        FrameProbe { stop, late, handle }
    }

    pub fn finish(self) -> Vec<Duration> {
        self.stop.store(true, Ordering::Relaxed);
        let _ = self.handle.join();
        std::mem::take(
            &mut *self
                .late
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
    }
}
