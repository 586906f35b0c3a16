/// The pending timers of one simulation: a binary min-heap ordered by (deadline, insertion sequence), plus a slot
/// table that holds what each timer wakes: a sleeping task's continuation or a scheduled action.
///
/// Why slots: a cancelled sleep must be able to find and resume its continuation without searching the heap. The heap
/// keeps a stale entry (lazy deletion); the slot's generation tells the two apart. Slots are recycled through a free
/// list, so a steady stream of sleeps allocates nothing.
///
/// Not thread-safe: owned by one `SimulationScheduler` and touched only on its thread.
struct TimerQueue {
    /// A handle naming one armed or about-to-be-armed timer.
    struct Handle: Equatable, Sendable {
        var slot: Int32
        var generation: UInt32
    }

    private struct Entry {
        var deadline: Int64
        var sequence: UInt64
        var handle: Handle

        @inline(__always)
        func precedes(_ other: Entry) -> Bool {
            deadline != other.deadline ? deadline < other.deadline : sequence < other.sequence
        }
    }

    private enum SlotState: UInt8 {
        case free, reserved, armed, cancelledBeforeArming
    }

    /// What a timer wakes when it fires.
    enum Waker {
        /// A task suspended in `SimClock.sleep`.
        case sleeper(UnsafeContinuation<Void, any Error>)
        /// A callback run on the simulation's thread (network deliveries, wait deadlines).
        case action(() -> Void)
    }

    private struct Slot {
        var waker: Waker?
        var generation: UInt32 = 0
        var state = SlotState.free
    }

    private var heap: ContiguousArray<Entry> = []
    private var slots: ContiguousArray<Slot> = []
    private var freeSlots: ContiguousArray<Int32> = []
    private var nextSequence: UInt64 = 0
    /// Number of armed timers (the heap may also hold stale entries of cancelled ones).
    private(set) var armedCount = 0

    var isEmpty: Bool { armedCount == 0 }

    /// Reserves a slot before the sleeper suspends, so that a cancellation arriving in between can be recorded.
    mutating func reserve() -> Handle {
        let slot: Int32
        if let free = freeSlots.popLast() {
            slot = free
        } else {
            slot = Int32(slots.count)
            slots.append(Slot())
        }
        slots[Int(slot)].state = .reserved
        return Handle(slot: slot, generation: slots[Int(slot)].generation)
    }

    /// Arms a reserved slot. Returns false (and frees the slot) if the sleep was cancelled before it could suspend;
    /// the caller then resumes the continuation with `CancellationError` itself.
    mutating func arm(_ handle: Handle, deadline: Int64, continuation: UnsafeContinuation<Void, any Error>) -> Bool {
        arm(handle, deadline: deadline, waker: .sleeper(continuation))
    }

    /// Schedules `action` at `deadline`; it stays cancellable through the returned handle until it fires.
    mutating func schedule(deadline: Int64, action: @escaping () -> Void) -> Handle {
        let handle = reserve()
        _ = arm(handle, deadline: deadline, waker: .action(action))
        return handle
    }

    private mutating func arm(_ handle: Handle, deadline: Int64, waker: Waker) -> Bool {
        let slot = Int(handle.slot)
        precondition(slots[slot].generation == handle.generation, "timer handle used after release")
        if slots[slot].state == .cancelledBeforeArming {
            release(slot)
            return false
        }
        slots[slot].state = .armed
        slots[slot].waker = waker
        armedCount += 1
        push(Entry(deadline: deadline, sequence: nextSequence, handle: handle))
        nextSequence &+= 1
        return true
    }

    /// Cancels a timer. Returns what it would have woken (a sleeper is then resumed with `CancellationError`; an action
    /// is dropped), or nil if the timer has already fired or was never armed (then the arming step sees the
    /// cancellation).
    mutating func cancel(_ handle: Handle) -> Waker? {
        let slot = Int(handle.slot)
        guard slot < slots.count, slots[slot].generation == handle.generation else { return nil }
        switch slots[slot].state {
        case .reserved:
            slots[slot].state = .cancelledBeforeArming
            return nil
        case .armed:
            let waker = slots[slot].waker
            armedCount -= 1
            release(slot)
            return waker
        case .free, .cancelledBeforeArming:
            return nil
        }
    }

    /// The deadline of the earliest armed timer, discarding stale entries on the way.
    mutating func earliestDeadline() -> Int64? {
        while let top = heap.first {
            if isLive(top.handle) { return top.deadline }
            popTop()
        }
        return nil
    }

    /// Removes the earliest armed timer and returns what it wakes. Call only after `earliestDeadline()` returned a
    /// value.
    mutating func popEarliest() -> Waker {
        let top = heap[0]
        popTop()
        let slot = Int(top.handle.slot)
        let waker = slots[slot].waker!
        armedCount -= 1
        release(slot)
        return waker
    }

    /// Where the arming order stands: timers armed from now on come after this mark.
    var sequenceMark: UInt64 { nextSequence }

    /// Removes the earliest armed timer and returns what it wakes, if it is due by `deadline` and was armed before
    /// `mark` (a `sequenceMark`); nil otherwise.
    mutating func popEarliest(dueBy deadline: Int64, armedBefore mark: UInt64) -> Waker? {
        guard let due = earliestDeadline(), due <= deadline, heap[0].sequence < mark else { return nil }
        return popEarliest()
    }

    /// Removes every armed timer, returning what they wake in firing order (used to tear a simulation down).
    mutating func drainAll() -> [Waker] {
        var drained: [Waker] = []
        while earliestDeadline() != nil { drained.append(popEarliest()) }
        return drained
    }

    @inline(__always)
    private func isLive(_ handle: Handle) -> Bool {
        let slot = slots[Int(handle.slot)]
        return slot.generation == handle.generation && slot.state == .armed
    }

    private mutating func release(_ slot: Int) {
        slots[slot].waker = nil
        slots[slot].state = .free
        slots[slot].generation &+= 1
        freeSlots.append(Int32(slot))
    }

    // The sift loops work on the raw buffer: one uniqueness check per operation instead of one per element access.
    private mutating func push(_ entry: Entry) {
        heap.append(entry)
        heap.withUnsafeMutableBufferPointer { heap in
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                if !entry.precedes(heap[parent]) { break }
                heap[child] = heap[parent]
                child = parent
            }
            heap[child] = entry
        }
    }

    private mutating func popTop() {
        let last = heap.removeLast()
        if heap.isEmpty { return }
        heap.withUnsafeMutableBufferPointer { heap in
            let count = heap.count
            var parent = 0
            while true {
                let left = 2 * parent + 1
                if left >= count { break }
                let right = left + 1
                let child = right < count && heap[right].precedes(heap[left]) ? right : left
                if !heap[child].precedes(last) { break }
                heap[parent] = heap[child]
                parent = child
            }
            heap[parent] = last
        }
    }
}
