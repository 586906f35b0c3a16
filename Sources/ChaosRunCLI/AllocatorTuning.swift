/// Lets glibc keep freed memory for reuse instead of handing it back to the kernel after every seed.
///
/// Each simulated world allocates and frees megabytes (file contents, DAG blocks, network buffers). By default glibc
/// serves blocks above 128 KiB with fresh `mmap`s and trims the heap once 128 KiB lie free at its top, so every seed
/// page-faulted its whole working set in again: page faults measured 13% of `bench e2e --case service`, and these
/// two settings took it from about 185 to 230 seeds per second. The cost is that the process keeps its peak heap,
/// which a sweep reaches again in the next seed anyway. Nothing a simulation computes depends on this.
enum AllocatorTuning {
    static func apply() {
        #if os(Linux)
        // 32 MiB is glibc's largest mmap threshold on 64-bit; larger blocks still get their own mapping.
        _ = glibcMallopt(mmapThreshold, 32 << 20)
        _ = glibcMallopt(trimThreshold, 256 << 20)
        #endif
    }

    #if os(Linux)
    // <malloc.h> is not part of the Glibc module, so the two parameters and the function are declared here.
    private static let trimThreshold: Int32 = -1  // M_TRIM_THRESHOLD
    private static let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD
    #endif
}

#if os(Linux)
/// `int mallopt(int param, int value)` from glibc.
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
