// Correlation kernels, F32 and F64: the forward pass and the input gradient (the same correlation
// with the flipped kernel over the zero-padded gradient), plus the adjoint of boundary padding.
//
// Every correlation computes   y[o] = sum_k w'[k] * xt[o + k - padLo]
// with w' = w (flip = 0) or w reversed (flip = 1), and xt = x extended beyond its edges by `mode`
// (mollify_common.cuh). padLo = 0 is the valid correlation; padLo = halo with a padding mode is the
// same-size boundary convolution; padLo = K - 1 with MODE_ZERO and flip = 1 is the "full"
// convolution, i.e. the input gradient of a valid correlation.
#include "mollify_common.cuh"

// ---- rows: kernel along the last, contiguous axis; x is lines x n, y is lines x nOut ----
// One block = ROW_THREADS * ROW_RUN consecutive outputs of one line; thread t owns the ROW_RUN outputs
// starting at t * ROW_RUN. Shared memory: the taps (zero-padded to Kp, a multiple of ROW_RUN), then the
// x tile (tile + Kp values, loaded coalesced, boundary-mapped, stored `padded` so that the lanes' loads
// hit distinct banks). Register blocking: the thread holds two windows a = xt[o + k ..), b = xt[o + k +
// R ..) of R = ROW_RUN values and does R x R multiply-adds per R taps, so every value it loads from
// shared memory feeds R of them. The outputs go back through the tile for coalesced stores.
template <typename T>
__device__ void correlate_rows(const T* __restrict__ x, const T* __restrict__ w, T* __restrict__ y,
                               int lines, int n, int nOut, int K, int padLo, int mode, int flip) {
    constexpr int R = ROW_RUN, V = Vec<T>::width;
    extern __shared__ __align__(16) unsigned char smem[];
    T* taps = reinterpret_cast<T*>(smem);
    const int Kp = round_up(K, R);
    T* tile = taps + Kp;
    const int tileOut = ROW_THREADS * R, span = tileOut + Kp;
    const int tilesPerLine = (nOut + tileOut - 1) / tileOut;
    const long long line = blockIdx.x / tilesPerLine;
    const long long o0 = (long long)(blockIdx.x % tilesPerLine) * tileOut;
    if (line >= lines) return;
    const T* xl = x + line * n;
    for (int j = threadIdx.x; j < Kp; j += blockDim.x) taps[j] = j < K ? w[flip ? K - 1 - j : j] : T(0);
    load_tile<T, R>(xl, n, o0 - padLo, span, mode, tile);  // the tile holds xt[o0 - padLo, + span)
    __syncthreads();
    // thread t's values start at padded(t * R) = t * (R + 1); each step of R taps moves R + 1 further
    const T* win = tile + threadIdx.x * (R + 1);
    T acc[R], a[R], b[R];
#pragma unroll
    for (int r = 0; r < R; r++) {
        acc[r] = T(0);
        a[r] = win[r];
    }
#pragma unroll 2
    for (int k = 0; k < Kp; k += R) {
        win += R + 1;
#pragma unroll
        for (int r = 0; r < R; r++) b[r] = win[r];
#pragma unroll
        for (int q0 = 0; q0 < R; q0 += V) {
            T tp[V];
            Vec<T>::load(taps + k + q0, tp);
#pragma unroll
            for (int dq = 0; dq < V; dq++) {
                const int q = q0 + dq;
#pragma unroll
                for (int r = 0; r < R; r++) acc[r] = fma(tp[dq], r + q < R ? a[r + q] : b[r + q - R], acc[r]);
            }
        }
#pragma unroll
        for (int r = 0; r < R; r++) a[r] = b[r];
    }
    __syncthreads();
#pragma unroll
    for (int r = 0; r < R; r++) tile[threadIdx.x * (R + 1) + r] = acc[r];
    __syncthreads();
    T* yl = y + line * nOut + o0;
    const int valid = (int)min((long long)tileOut, nOut - o0);
    if (valid == tileOut && reinterpret_cast<unsigned long long>(yl) % 16 == 0) {
        // V consecutive outputs never straddle a gap of the padded tile (V divides R)
        for (int j = threadIdx.x * V; j < tileOut; j += blockDim.x * V) {
            T val[V];
#pragma unroll
            for (int e = 0; e < V; e++) val[e] = tile[padded<R>(j + e)];
            Vec<T>::store(yl + j, val);
        }
    } else {
        for (int j = threadIdx.x; j < valid; j += blockDim.x) yl[j] = tile[padded<R>(j)];
    }
}

// ---- cols: kernel along a strided axis; x is outer x n x inner, y is outer x nOut x inner ----
// Block (COL_WIDTH, COL_ROWS): lanes walk `inner` (coalesced loads and stores); thread row ty owns
// COL_RUN consecutive outputs along the axis and slides a register window down the shared tile
// (one shared load and one broadcast tap per COL_RUN multiply-adds). Shared: taps (K), then the tile
// ((COL_ROWS*COL_RUN + K - 1) rows of COL_WIDTH).
template <typename T>
__device__ void correlate_cols(const T* __restrict__ x, const T* __restrict__ w, T* __restrict__ y,
                               int outer, int n, int nOut, int inner, int K, int padLo, int mode, int flip) {
    extern __shared__ __align__(16) unsigned char smem[];
    T* taps = reinterpret_cast<T*>(smem);
    T* tile = taps + K;
    const int tileOut = COL_ROWS * COL_RUN, rowsIn = tileOut + K - 1;
    const int innerTiles = (inner + COL_WIDTH - 1) / COL_WIDTH, axisTiles = (nOut + tileOut - 1) / tileOut;
    const long long b = blockIdx.x;
    const long long ol = b / ((long long)axisTiles * innerTiles);
    const int rem = (int)(b % ((long long)axisTiles * innerTiles));
    const long long o0 = (long long)(rem / innerTiles) * tileOut;
    const int i = (rem % innerTiles) * COL_WIDTH + threadIdx.x;
    if (ol >= outer) return;
    const int tid = threadIdx.y * COL_WIDTH + threadIdx.x;
    for (int j = tid; j < K; j += COL_WIDTH * COL_ROWS) taps[j] = w[flip ? K - 1 - j : j];
    for (int j = threadIdx.y; j < rowsIn; j += COL_ROWS) {
        long long s = source_index(o0 + j - padLo, n, mode);
        tile[j * COL_WIDTH + threadIdx.x] = (s < 0 || i >= inner) ? T(0) : x[(ol * n + s) * inner + i];
    }
    __syncthreads();
    const int base = threadIdx.y * COL_RUN;
    T acc[COL_RUN], win[COL_RUN];
#pragma unroll
    for (int r = 0; r < COL_RUN; r++) {
        acc[r] = T(0);
        win[r] = r < COL_RUN - 1 ? tile[(base + r) * COL_WIDTH + threadIdx.x] : T(0);
    }
    for (int k = 0; k < K; k++) {
        win[COL_RUN - 1] = tile[(base + k + COL_RUN - 1) * COL_WIDTH + threadIdx.x];
        const T t = taps[k];
#pragma unroll
        for (int r = 0; r < COL_RUN; r++) acc[r] = fma(t, win[r], acc[r]);
#pragma unroll
        for (int r = 0; r < COL_RUN - 1; r++) win[r] = win[r + 1];
    }
    if (i >= inner) return;
#pragma unroll
    for (int r = 0; r < COL_RUN; r++) {
        long long o = o0 + base + r;
        if (o < nOut) y[(ol * nOut + o) * inner + i] = acc[r];
    }
}

// ---- nd: any kernel shape up to 3 axes (radial kernels, or taps too many for shared memory) ----
// x: batch x X0 x X1 x X2, y: batch x Y0 x Y1 x Y2, w: K0 x K1 x K2, padding P per axis.
// One thread per output (grid-stride); taps read through the read-only cache.
template <typename T>
__device__ void correlate_nd(const T* __restrict__ x, const T* __restrict__ w, T* __restrict__ y, int batch,
                             int X0, int X1, int X2, int Y0, int Y1, int Y2, int K0, int K1, int K2,
                             int P0, int P1, int P2, int mode, int flip) {
    const long long total = (long long)batch * Y0 * Y1 * Y2;
    const int Kt = K0 * K1 * K2;
    for (long long idx = blockIdx.x * (long long)blockDim.x + threadIdx.x; idx < total;
         idx += (long long)gridDim.x * blockDim.x) {
        long long t = idx;
        const int o2 = (int)(t % Y2); t /= Y2;
        const int o1 = (int)(t % Y1); t /= Y1;
        const int o0 = (int)(t % Y0);
        const long long b = t / Y0;
        T acc = T(0);
        for (int k0 = 0; k0 < K0; k0++) {
            long long s0 = source_index(o0 + k0 - P0, X0, mode);
            if (s0 < 0) continue;
            for (int k1 = 0; k1 < K1; k1++) {
                long long s1 = source_index(o1 + k1 - P1, X1, mode);
                if (s1 < 0) continue;
                const T* xr = x + ((b * X0 + s0) * X1 + s1) * X2;
                for (int k2 = 0; k2 < K2; k2++) {
                    long long s2 = source_index(o2 + k2 - P2, X2, mode);
                    if (s2 < 0) continue;
                    int kf = (k0 * K1 + k1) * K2 + k2;
                    acc = fma(__ldg(w + (flip ? Kt - 1 - kf : kf)), xr[s2], acc);
                }
            }
        }
        y[idx] = acc;
    }
}

// ---- fold: the adjoint of padding one axis by `pad` cells in `mode` ----
// dxp is outer x (n + 2 pad) x inner (the gradient of the padded field), dx is outer x n x inner:
// dx[j] = dxp[j + pad] + the halo cells that the padding copied from j. Only cells at most `pad` from an
// edge receive halo values (reflect sends coordinate -i to i; for pad <= n, which Boundary enforces
// for REFLECT and PERIODIC).
template <typename T>
__device__ void fold_halo(const T* __restrict__ dxp, T* __restrict__ dx, int outer, int n, int inner, int pad, int mode) {
    const long long total = (long long)outer * n * inner, np = n + 2LL * pad;
    for (long long idx = blockIdx.x * (long long)blockDim.x + threadIdx.x; idx < total;
         idx += (long long)gridDim.x * blockDim.x) {
        const int i = (int)(idx % inner);
        const long long j = (idx / inner) % n, l = idx / ((long long)inner * n);
        const T* src = dxp + l * np * inner + i;
        T acc = src[(j + pad) * inner];
        if (mode != MODE_ZERO && mode != MODE_NONE && (j <= pad || j >= n - 1 - pad)) {
            for (int q = 0; q < pad; q++) {
                if (source_index(q - pad, n, mode) == j) acc += src[(long long)q * inner];
                if (source_index(n + q, n, mode) == j) acc += src[(pad + n + q) * (long long)inner];
            }
        }
        dx[idx] = acc;
    }
}

#define MOLLIFY_CORRELATE_KERNELS(T, S)                                                                          \
extern "C" __global__ void __launch_bounds__(ROW_THREADS) correlate_rows_##S(const T* x, const T* w, T* y,       \
        int lines, int n, int nOut, int K, int padLo, int mode, int flip) {                                      \
    correlate_rows<T>(x, w, y, lines, n, nOut, K, padLo, mode, flip);                                            \
}                                                                                                                \
extern "C" __global__ void __launch_bounds__(COL_WIDTH * COL_ROWS) correlate_cols_##S(const T* x, const T* w,    \
        T* y, int outer, int n, int nOut, int inner, int K, int padLo, int mode, int flip) {                     \
    correlate_cols<T>(x, w, y, outer, n, nOut, inner, K, padLo, mode, flip);                                     \
}                                                                                                                \
extern "C" __global__ void correlate_nd_##S(const T* x, const T* w, T* y, int batch, int X0, int X1, int X2,     \
        int Y0, int Y1, int Y2, int K0, int K1, int K2, int P0, int P1, int P2, int mode, int flip) {            \
    correlate_nd<T>(x, w, y, batch, X0, X1, X2, Y0, Y1, Y2, K0, K1, K2, P0, P1, P2, mode, flip);                 \
}                                                                                                                \
extern "C" __global__ void fold_halo_##S(const T* dxp, T* dx, int outer, int n, int inner, int pad, int mode) {  \
    fold_halo<T>(dxp, dx, outer, n, inner, pad, mode);                                                           \
}

MOLLIFY_CORRELATE_KERNELS(float, f32)
MOLLIFY_CORRELATE_KERNELS(double, f64)
