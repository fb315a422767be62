//! Giving freed heap back to the system between the phases of a run.
//!
//! glibc's allocator keeps pages it got for freed blocks (per-thread arenas,
//! fragmented by the batches' many small strings), so a run's resident
//! memory stays at the streaming phase's high-water mark through the
//! aggregates and the report, which then add to it. `malloc_trim` returns
//! every free page it can; elsewhere this does nothing.

/// Returns the allocator's free pages to the system (glibc only).
pub fn release_free_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn malloc_trim(pad: usize) -> i32;
        }
        // SAFETY: glibc's malloc_trim takes no pointer and only releases
        // pages of free blocks; it is safe to call from any thread.
        unsafe {
            malloc_trim(0);
        }
    }
}
