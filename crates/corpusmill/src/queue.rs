//! A channel bounded by bytes, not by messages.
//!
//! The pool's results wait here for the writer thread. The writer stops
//! draining now and then: it encodes a batch (with one worker), fsyncs a part
//! file and commits a segment to the ledger. A queue of two chunks filled in
//! well under those pauses and left the pool idle behind it; a budget in bytes
//! lets it run on through them while keeping memory bounded whatever the size
//! of the documents.

use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

struct State<T> {
    items: VecDeque<(T, u64)>,
    bytes: u64,
    sender_gone: bool,
    receiver_gone: bool,
}

struct Shared<T> {
    state: Mutex<State<T>>,
    /// Signalled when an item arrives or the sender leaves.
    arrived: Condvar,
    /// Signalled when an item leaves or the receiver leaves.
    left: Condvar,
    budget: u64,
}

impl<T> Shared<T> {
    /// The state, even if a thread panicked while holding it (the queue's
    /// invariants hold between every statement that changes it).
    fn lock(&self) -> MutexGuard<'_, State<T>> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The sending half. Dropping it ends the receiver's iteration.
pub struct ByteSender<T> {
    shared: Arc<Shared<T>>,
}

/// The receiving half. Dropping it makes every later send fail.
pub struct ByteReceiver<T> {
    shared: Arc<Shared<T>>,
}

/// The receiver is gone; the item comes back.
#[derive(Debug)]
pub struct Disconnected<T>(pub T);

/// A queue that holds items until their bytes pass `budget`. An item is
/// always accepted into an empty queue, however large, so nothing waits forever.
pub fn byte_channel<T>(budget: u64) -> (ByteSender<T>, ByteReceiver<T>) {
    let shared = Arc::new(Shared {
        state: Mutex::new(State { items: VecDeque::new(), bytes: 0, sender_gone: false, receiver_gone: false }),
        arrived: Condvar::new(),
        left: Condvar::new(),
        budget,
    });
    (ByteSender { shared: Arc::clone(&shared) }, ByteReceiver { shared })
}

impl<T> ByteSender<T> {
    /// Queues `item`, counted as `bytes`; blocks while the queue is not empty
    /// and the item would take it over budget.
    pub fn send(&self, item: T, bytes: u64) -> Result<(), Disconnected<T>> {
        let mut state = self.shared.lock();
        while !state.receiver_gone && !state.items.is_empty() && state.bytes + bytes > self.shared.budget {
            state = self.shared.left.wait(state).unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        if state.receiver_gone {
            return Err(Disconnected(item));
        }
        state.bytes += bytes;
        state.items.push_back((item, bytes));
        drop(state);
        self.shared.arrived.notify_one();
        Ok(())
    }
}

impl<T> Drop for ByteSender<T> {
    fn drop(&mut self) {
        self.shared.lock().sender_gone = true;
        self.shared.arrived.notify_all();
    }
}

impl<T> ByteReceiver<T> {
    /// The next item, or `None` once the queue is empty and the sender gone.
    pub fn recv(&self) -> Option<T> {
        let mut state = self.shared.lock();
        loop {
            if let Some((item, bytes)) = state.items.pop_front() {
                state.bytes -= bytes;
                drop(state);
                self.shared.left.notify_all();
                return Some(item);
            }
            if state.sender_gone {
                return None;
            }
            state = self.shared.arrived.wait(state).unwrap_or_else(|poisoned| poisoned.into_inner());
        }
    }
}

impl<T> Iterator for ByteReceiver<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        self.recv()
    }
}

impl<T> Drop for ByteReceiver<T> {
    fn drop(&mut self) {
        let mut state = self.shared.lock();
        state.receiver_gone = true;
        state.items.clear();
        state.bytes = 0;
        drop(state);
        self.shared.left.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use std::thread;
    use std::time::Duration;

    use super::*;

    #[test]
    fn items_come_out_in_order_and_iteration_ends_with_the_sender() {
        let (tx, rx) = byte_channel(100);
        let producer = thread::spawn(move || {
            for i in 0..1000u32 {
                tx.send(i, u64::from(i % 7) * 10).expect("receiver alive");
            }
        });
        let got: Vec<u32> = rx.collect();
        producer.join().expect("producer");
        assert_eq!(got, (0..1000).collect::<Vec<_>>());
    }

    #[test]
    fn the_budget_blocks_the_sender_until_bytes_leave() {
        let (tx, rx) = byte_channel(10);
        tx.send("a", 6).expect("fits");
        // 6 + 6 > 10: this send must wait for the first item to leave.
        let sender = thread::spawn(move || {
            tx.send("b", 6).expect("receiver alive");
            tx
        });
        thread::sleep(Duration::from_millis(50));
        assert_eq!(rx.shared.lock().items.len(), 1, "the second item went over budget");
        assert_eq!(rx.recv(), Some("a"));
        let tx = sender.join().expect("sender");
        assert_eq!(rx.recv(), Some("b"));
        drop(tx);
        assert_eq!(rx.recv(), None);
    }

    #[test]
    fn an_item_larger_than_the_budget_still_passes_an_empty_queue() {
        let (tx, rx) = byte_channel(10);
        tx.send(1, 1_000).expect("an empty queue takes anything");
        assert_eq!(rx.recv(), Some(1));
    }

    #[test]
    fn a_blocked_sender_fails_when_the_receiver_goes() {
        let (tx, rx) = byte_channel(10);
        tx.send(1, 10).expect("fits");
        let sender = thread::spawn(move || tx.send(2, 10));
        thread::sleep(Duration::from_millis(20));
        drop(rx);
        let result = sender.join().expect("sender");
        assert!(matches!(result, Err(Disconnected(2))));
    }
}
