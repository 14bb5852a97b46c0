import CMalloc

/// glibc hands freed blocks of a megabyte or so back to the system and faults fresh pages in for the next one.
/// Comparing images decodes and frees several megabytes a pair, and those page faults were a fifth of the CPU time of
/// `lightbox diff`; keeping freed memory (up to 256 MiB) for reuse removes them. For the commands that churn images.
enum FreedMemory {
    static func keepForReuse() {
        #if os(Linux)
        mallopt(M_MMAP_THRESHOLD, 32 << 20)   // glibc's largest: blocks up to 32 MiB come from the heap
        mallopt(M_TRIM_THRESHOLD, 256 << 20)
        #endif
    }
}
