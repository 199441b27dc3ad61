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
#define ROW_RUN 8         // correlate_rows: consecutive outputs per thread; taps are padded to a multiple of it
#define COL_WIDTH 32      // correlate_cols: columns (inner index) per block, one per lane
#define COL_ROWS 8        // correlate_cols: thread rows per block
#define COL_RUN 8         // correlate_cols: consecutive outputs per thread, held in registers
#define TAP_THREADS 256   // tap_rows: threads per block
#define TAP_RUN 8         // tap_rows: taps per job, and the step along g
#define TAP_TILE_F32 2048 // tap_rows: g values per block (F32)
#define TAP_TILE_F64 1024 // tap_rows: g values per block (F64)
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
    __device__ __forceinline__ static void store(float* p, const float* v) {
        *reinterpret_cast<float4*>(p) = make_float4(v[0], v[1], v[2], v[3]);
    }
};
template <> struct Vec<double> {
    typedef double2 type;
    static constexpr int width = 2;
    __device__ __forceinline__ static void load(const double* p, double* v) {
        double2 q = *reinterpret_cast<const double2*>(p);
        v[0] = q.x; v[1] = q.y;
    }
    __device__ __forceinline__ static void store(double* p, const double* v) {
        *reinterpret_cast<double2*>(p) = make_double2(v[0], v[1]);
    }
};

__host__ __device__ __forceinline__ int round_up(int k, int v) { return (k + v - 1) / v * v; }

// Shared tiles read by threads that each own RUN consecutive values are stored with one gap after
// every RUN values: value j at padded(j) = j + j / RUN. Thread t's i-th value then sits in bank
// (t * (RUN + 1) + i) mod 32, a different bank for every lane (RUN + 1 is odd), so the loads of a warp
// never conflict.
template <int RUN>
__host__ __device__ __forceinline__ int padded(int j) { return j + j / RUN; }
template <int RUN>
__host__ __device__ __forceinline__ int padded_size(int count) { return count + count / RUN + 1; }

// tile[padded<RUN>(j)] = xt[first + j] for j in [0, span): xt is the row xl (n values) extended by
// `mode`. Where the whole span lies inside the row and the row is 16-byte aligned, the block reads it
// with 16-byte vector loads (from the aligned address at or before `first`); elsewhere value by value
// through source_index.
template <typename T, int RUN>
__device__ __forceinline__ void load_tile(const T* __restrict__ xl, long long n, long long first, int span, int mode,
                                          T* tile) {
    constexpr int V = Vec<T>::width;
    const long long af = first - ((first % V) + V) % V;  // aligned start, at or before first
    const int shift = (int)(first - af), count = round_up(span + shift, V);
    if (af >= 0 && af + count <= n && reinterpret_cast<unsigned long long>(xl) % 16 == 0) {
        for (int v = threadIdx.x * V; v < count; v += blockDim.x * V) {
            T val[V];
            Vec<T>::load(xl + af + v, val);
#pragma unroll
            for (int e = 0; e < V; e++) {
                const int j = v + e - shift;
                if (j >= 0 && j < span) tile[padded<RUN>(j)] = val[e];
            }
        }
    } else {
        for (int j = threadIdx.x; j < span; j += blockDim.x) {
            long long s = source_index(first + j, n, mode);
            tile[padded<RUN>(j)] = s < 0 ? T(0) : xl[s];
        }
    }
}

// Dynamic shared values (of the element type) of correlate_rows: taps (Kp) + padded tile (tile + Kp).
__host__ __device__ __forceinline__ int rows_shared_values(int K) {
    const int Kp = round_up(K, ROW_RUN);
    return Kp + padded_size<ROW_RUN>(ROW_THREADS * ROW_RUN + Kp);
}

// Dynamic shared bytes of tap_rows: per-job tap sums (doubles), then the padded g tile and x tile.
__host__ __device__ __forceinline__ long long tap_rows_shared_bytes(int K, int tile, int elem) {
    const int Kp = round_up(K, TAP_RUN), groups = Kp / TAP_RUN;
    const int parts = groups >= TAP_THREADS ? 1 : TAP_THREADS / groups;
    return (long long)parts * Kp * 8 + (long long)(padded_size<TAP_RUN>(tile) + padded_size<TAP_RUN>(tile + Kp)) * elem;
}

// Fixed-order tree sum of red[0..REDUCE_THREADS) into red[0] (deterministic; blockDim.x == REDUCE_THREADS).
__device__ __forceinline__ void block_sum(double* red) {
    for (int s = REDUCE_THREADS / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s) red[threadIdx.x] += red[threadIdx.x + s];
        __syncthreads();
    }
}
