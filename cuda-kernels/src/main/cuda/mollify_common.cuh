// Shared by every Mollify kernel: boundary index mapping, vector types, sizes.
// Layout conventions (all kernels): arrays are row-major; a "line pass" views the data as
// (outer, n, inner) with the kernel running along the n axis (stride `inner`).
#pragma once

// Boundary codes, the same numbers as dev.mollify.cuda.BoundaryCode (Java).
#define MODE_NONE 0       // VALID / EXTENDED: coordinates never leave the field
#define MODE_ZERO 1
#define MODE_REFLECT 2    // mirror without repeating the edge: -1 -> 1, n -> n-2
#define MODE_REPLICATE 3  // repeat the edge
#define MODE_PERIODIC 4   // wrap around

// Threads and tile sizes; dev.mollify.cuda.LaunchGeometry holds the same numbers.
#define ROW_THREADS 128   // correlate_rows: threads per block
#define ROW_GROUPS 2      // correlate_rows: output vectors per thread
#define COL_WIDTH 32      // correlate_cols: columns (inner index) per block, one per lane
#define COL_ROWS 8        // correlate_cols: thread rows per block
#define COL_RUN 8         // correlate_cols: consecutive outputs per thread, held in registers
#define TAP_THREADS 256   // tap_rows: threads per block
#define TAP_TILE 1024     // tap_rows: g values per block
#define REDUCE_THREADS 256

// Source index in [0, n) of padded coordinate i (any integer), or -1 where the padding is a zero.
// Matches dev.mollify.tensor.PadMode (and the Java mirror dev.mollify.cuda.BoundaryCode.source).
__device__ __forceinline__ long long source_index(long long i, long long n, int mode) {
    if (i >= 0 && i < n) return i;
    if (mode == MODE_REFLECT) {
        if (n == 1) return 0;
        long long p = 2 * n - 2, m = i % p;
        if (m < 0) m += p;
        return m < n ? m : p - m;
    }
    if (mode == MODE_REPLICATE) return i < 0 ? 0 : n - 1;
    if (mode == MODE_PERIODIC) {
        long long m = i % n;
        return m < 0 ? m + n : m;
    }
    return -1;
}

// 16-byte vectors: float4 for F32, double2 for F64.
template <typename T> struct Vec;
template <> struct Vec<float> {
    typedef float4 type;
    static constexpr int width = 4;
    __device__ __forceinline__ static void load(const float* p, float* v) {
        float4 q = *reinterpret_cast<const float4*>(p);
        v[0] = q.x; v[1] = q.y; v[2] = q.z; v[3] = q.w;
    }
};
template <> struct Vec<double> {
    typedef double2 type;
    static constexpr int width = 2;
    __device__ __forceinline__ static void load(const double* p, double* v) {
        double2 q = *reinterpret_cast<const double2*>(p);
        v[0] = q.x; v[1] = q.y;
    }
};

__device__ __forceinline__ int round_up(int k, int v) { return (k + v - 1) / v * v; }

// Fixed-order tree sum of red[0..REDUCE_THREADS) into red[0] (deterministic; blockDim.x == REDUCE_THREADS).
__device__ __forceinline__ void block_sum(double* red) {
    for (int s = REDUCE_THREADS / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s) red[threadIdx.x] += red[threadIdx.x + s];
        __syncthreads();
    }
}
