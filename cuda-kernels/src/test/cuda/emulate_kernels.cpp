// Checks every Mollify CUDA kernel on the CPU (through cuda_emulator.h) against plain reference
// loops: line passes along the last and a strided axis, any-shape correlation, flipped ("full")
// correlation, halo folding, per-tap reductions, the width dot product, narrowing and kernel sampling,
// F32 and F64, every boundary mode, odd sizes and signals shorter than the kernel. The launch
// geometry below mirrors dev.mollify.cuda.LaunchGeometry. Prints "N passed, N failed".
#include "cuda_emulator.h"
#include <cstdio>
#include <cstdint>
#include <random>
#include <string>
#include <stdexcept>
#include "all_kernels.cu"   // the three .cu files, concatenated and rewritten by emulate-check.sh

static int passed = 0, failed = 0;
static std::mt19937_64 rng(20261128);

static double uni() { return std::uniform_real_distribution<double>(-1, 1)(rng); }

template <typename T> std::vector<T> randv(size_t n) { std::vector<T> v(n); for (auto& e : v) e = (T)uni(); return v; }
template <typename T> constexpr double tol() { return sizeof(T) == 4 ? 1e-5 : 1e-12; }
template <typename T> const char* tname() { return sizeof(T) == 4 ? "f32" : "f64"; }

template <typename A, typename B>
void expect(const std::string& what, const std::vector<A>& got, const std::vector<B>& want, double rel) {
    double scale = 1e-300, err = 0;
    if (got.size() != want.size()) { failed++; std::printf("FAIL %s: size %zu vs %zu\n", what.c_str(), got.size(), want.size()); return; }
    for (size_t i = 0; i < want.size(); i++) scale = std::max(scale, std::fabs((double)want[i]));
    for (size_t i = 0; i < want.size(); i++) err = std::max(err, std::fabs((double)got[i] - (double)want[i]));
    if (err <= rel * scale && std::isfinite(err)) passed++;
    else { failed++; std::printf("FAIL %s: max error %.3g vs scale %.3g\n", what.c_str(), err, scale); }
}

// numpy-style padding of coordinate i in [-pad, n + pad) (reflect: pad < n; periodic: pad <= n)
static long ref_source(long i, long n, int mode) {
    if (i >= 0 && i < n) return i;
    switch (mode) {
        case MODE_REFLECT: return i < 0 ? -i : 2 * (n - 1) - i;
        case MODE_REPLICATE: return i < 0 ? 0 : n - 1;
        case MODE_PERIODIC: return i < 0 ? i + n : i - n;
        default: return -1;
    }
}

struct Line { int outer, n, inner, K, padLo, nOut, mode, flip; };

// y[l, o, i] = sum_k w'[k] * xt[l, o + k - padLo, i]
template <typename T>
std::vector<double> ref_line(const std::vector<T>& x, const std::vector<T>& w, const Line& s) {
    std::vector<double> y((size_t)s.outer * s.nOut * s.inner);
    for (int l = 0; l < s.outer; l++) for (int o = 0; o < s.nOut; o++) for (int i = 0; i < s.inner; i++) {
        double acc = 0;
        for (int k = 0; k < s.K; k++) {
            long src = ref_source(o + k - s.padLo, s.n, s.mode);
            if (src >= 0) acc += (double)w[s.flip ? s.K - 1 - k : k] * (double)x[((size_t)l * s.n + src) * s.inner + i];
        }
        y[((size_t)l * s.nOut + o) * s.inner + i] = acc;
    }
    return y;
}

static unsigned cdiv(long a, long b) { return (unsigned)((a + b - 1) / b); }

template <typename T>
void run_line(const Line& s, const std::string& tag) {
    auto x = randv<T>((size_t)s.outer * s.n * s.inner);
    auto w = randv<T>(s.K);
    auto want = ref_line(x, w, s);
    std::vector<T> y(want.size());
    auto rows = sizeof(T) == 4 ? correlate_rows_f32 : (decltype(&correlate_rows_f32))nullptr;
    (void)rows;
    if (s.inner == 1) {
        int tileOut = ROW_THREADS * ROW_RUN;
        size_t sh = (size_t)rows_shared_values(s.K) * sizeof(T);
        if constexpr (sizeof(T) == 4) emu_launch(correlate_rows_f32, dim3(s.outer * cdiv(s.nOut, tileOut)), dim3(ROW_THREADS), sh, x.data(), w.data(), y.data(), s.outer, s.n, s.nOut, s.K, s.padLo, s.mode, s.flip);
        else emu_launch(correlate_rows_f64, dim3(s.outer * cdiv(s.nOut, tileOut)), dim3(ROW_THREADS), sh, x.data(), w.data(), y.data(), s.outer, s.n, s.nOut, s.K, s.padLo, s.mode, s.flip);
        expect(std::string("correlate_rows_") + tname<T>() + " " + tag, y, want, tol<T>());
    } else {
        int tileOut = COL_ROWS * COL_RUN;
        size_t sh = (size_t)(s.K + (tileOut + s.K - 1) * COL_WIDTH) * sizeof(T);
        dim3 grid(s.outer * cdiv(s.nOut, tileOut) * cdiv(s.inner, COL_WIDTH)), block(COL_WIDTH, COL_ROWS);
        if constexpr (sizeof(T) == 4) emu_launch(correlate_cols_f32, grid, block, sh, x.data(), w.data(), y.data(), s.outer, s.n, s.nOut, s.inner, s.K, s.padLo, s.mode, s.flip);
        else emu_launch(correlate_cols_f64, grid, block, sh, x.data(), w.data(), y.data(), s.outer, s.n, s.nOut, s.inner, s.K, s.padLo, s.mode, s.flip);
        expect(std::string("correlate_cols_") + tname<T>() + " " + tag, y, want, tol<T>());
    }
    // the same line pass through the any-shape kernel: (outer, 1, n, inner) with taps (1, K, 1)
    std::fill(y.begin(), y.end(), T(0));
    long total = (long)s.outer * s.nOut * s.inner;
    dim3 grid(std::min<long>(cdiv(total, 256), 7)), block(256);   // few blocks: exercises the grid-stride loop
    if constexpr (sizeof(T) == 4) emu_launch(correlate_nd_f32, grid, block, 0, x.data(), w.data(), y.data(), s.outer, 1, s.n, s.inner, 1, s.nOut, s.inner, 1, s.K, 1, 0, s.padLo, 0, s.mode, s.flip);
    else emu_launch(correlate_nd_f64, grid, block, 0, x.data(), w.data(), y.data(), s.outer, 1, s.n, s.inner, 1, s.nOut, s.inner, 1, s.K, 1, 0, s.padLo, 0, s.mode, s.flip);
    expect(std::string("correlate_nd_") + tname<T>() + " " + tag, y, want, tol<T>());

    // per-tap reduction with g of the output's shape: c[k] = sum g[l,o,i] * xt[l, o + k - padLo, i] (unflipped)
    if (s.flip) return;
    auto g = randv<T>(want.size());
    std::vector<double> cw(s.K, 0.0);
    for (int l = 0; l < s.outer; l++) for (int o = 0; o < s.nOut; o++) for (int i = 0; i < s.inner; i++)
        for (int k = 0; k < s.K; k++) {
            long src = ref_source(o + k - s.padLo, s.n, s.mode);
            if (src >= 0) cw[k] += (double)g[((size_t)l * s.nOut + o) * s.inner + i] * (double)x[((size_t)l * s.n + src) * s.inner + i];
        }
    std::vector<double> c(s.K), partial;
    auto reduce = [&](int parts, const std::string& name) {
        emu_launch(reduce_taps, dim3(s.K), dim3(REDUCE_THREADS), 0, (const double*)partial.data(), parts, s.K, c.data());
        expect(name + tname<T>() + " " + tag, c, cw, sizeof(T) == 4 ? 1e-6 : 1e-12);
    };
    if (s.inner == 1) {
        int tile = sizeof(T) == 4 ? TAP_TILE_F32 : TAP_TILE_F64;
        unsigned blocks = s.outer * cdiv(s.nOut, tile);
        partial.assign((size_t)blocks * s.K, 0.0);
        size_t sh = (size_t)tap_rows_shared_bytes(s.K, tile, sizeof(T));
        if constexpr (sizeof(T) == 4) emu_launch(tap_rows_f32, dim3(blocks), dim3(TAP_THREADS), sh, x.data(), g.data(), partial.data(), s.outer, s.n, s.nOut, s.K, s.padLo, s.mode);
        else emu_launch(tap_rows_f64, dim3(blocks), dim3(TAP_THREADS), sh, x.data(), g.data(), partial.data(), s.outer, s.n, s.nOut, s.K, s.padLo, s.mode);
        reduce(blocks, "tap_rows_");
    }
    int chunk = 300;   // small chunks: several partials per tap
    unsigned chunks = cdiv(total, chunk);
    partial.assign((size_t)chunks * s.K, 0.0);
    if constexpr (sizeof(T) == 4) emu_launch(tap_nd_f32, dim3(chunks, s.K), dim3(REDUCE_THREADS), 0, x.data(), g.data(), partial.data(), s.outer, 1, s.n, s.inner, 1, s.nOut, s.inner, 1, s.K, 1, 0, s.padLo, 0, s.mode, chunk);
    else emu_launch(tap_nd_f64, dim3(chunks, s.K), dim3(REDUCE_THREADS), 0, x.data(), g.data(), partial.data(), s.outer, 1, s.n, s.inner, 1, s.nOut, s.inner, 1, s.K, 1, 0, s.padLo, 0, s.mode, chunk);
    reduce(chunks, "tap_nd_");
}

template <typename T>
void lines() {
    const int modes[] = {MODE_ZERO, MODE_REFLECT, MODE_REPLICATE, MODE_PERIODIC};
    const char* names[] = {"none", "zero", "reflect", "replicate", "periodic"};
    struct Sz { int outer, n, inner, K; };
    const Sz sizes[] = {{1, 1, 1, 1}, {3, 37, 1, 5}, {2, 1500, 1, 51}, {1, 2100, 1, 3}, {4, 9, 1, 9},
                        {2, 45, 3, 7}, {1, 70, 33, 11}, {3, 20, 65, 5}, {1, 8, 2, 15}, {5, 130, 1, 129},
                        {1, 5000, 1, 51}, {2, 3000, 1, 301}};
    for (const Sz& z : sizes) {
        char tag[96];
        if (z.n >= z.K) {
            std::snprintf(tag, sizeof tag, "valid (%d,%d,%d) K=%d", z.outer, z.n, z.inner, z.K);
            run_line<T>({z.outer, z.n, z.inner, z.K, 0, z.n - z.K + 1, MODE_NONE, 0}, tag);
        }
        std::snprintf(tag, sizeof tag, "full (%d,%d,%d) K=%d", z.outer, z.n, z.inner, z.K);
        run_line<T>({z.outer, z.n, z.inner, z.K, z.K - 1, z.n + z.K - 1, MODE_ZERO, 1}, tag);
        if (z.K % 2 == 0) continue;
        int halo = (z.K - 1) / 2;
        for (int m : modes) {
            if ((m == MODE_REFLECT && halo >= z.n) || (m == MODE_PERIODIC && halo > z.n)) continue;
            std::snprintf(tag, sizeof tag, "%s (%d,%d,%d) K=%d", names[m], z.outer, z.n, z.inner, z.K);
            run_line<T>({z.outer, z.n, z.inner, z.K, halo, z.n, m, 0}, tag);
        }
    }
}

// 2-D kernels through correlate_nd / tap_nd, and halo folding.
template <typename T>
void plane() {
    const int modes[] = {MODE_NONE, MODE_ZERO, MODE_REFLECT, MODE_REPLICATE, MODE_PERIODIC};
    for (int m : modes) {
        int B = 2, X0 = 6, X1 = 9, K0 = 3, K1 = 5, P0 = m ? 1 : 0, P1 = m ? 2 : 0;
        int Y0 = X0 + 2 * P0 - K0 + 1, Y1 = X1 + 2 * P1 - K1 + 1;
        auto x = randv<T>((size_t)B * X0 * X1);
        auto w = randv<T>((size_t)K0 * K1);
        std::vector<double> want((size_t)B * Y0 * Y1);
        for (int b = 0; b < B; b++) for (int o0 = 0; o0 < Y0; o0++) for (int o1 = 0; o1 < Y1; o1++) {
            double acc = 0;
            for (int k0 = 0; k0 < K0; k0++) for (int k1 = 0; k1 < K1; k1++) {
                long s0 = ref_source(o0 + k0 - P0, X0, m), s1 = ref_source(o1 + k1 - P1, X1, m);
                if (s0 >= 0 && s1 >= 0) acc += (double)w[k0 * K1 + k1] * (double)x[((size_t)b * X0 + s0) * X1 + s1];
            }
            want[((size_t)b * Y0 + o0) * Y1 + o1] = acc;
        }
        std::vector<T> y(want.size());
        if constexpr (sizeof(T) == 4) emu_launch(correlate_nd_f32, dim3(2), dim3(256), 0, x.data(), w.data(), y.data(), B, 1, X0, X1, 1, Y0, Y1, 1, K0, K1, 0, P0, P1, m, 0);
        else emu_launch(correlate_nd_f64, dim3(2), dim3(256), 0, x.data(), w.data(), y.data(), B, 1, X0, X1, 1, Y0, Y1, 1, K0, K1, 0, P0, P1, m, 0);
        expect(std::string("correlate_nd 2-D ") + tname<T>() + " mode " + std::to_string(m), y, want, tol<T>());
    }
    // fold: dx[src(p)] += dxp[p] over the padded axis 1 of (outer, n + 2 pad, inner)
    for (int m : {MODE_ZERO, MODE_REFLECT, MODE_REPLICATE, MODE_PERIODIC}) {
        for (int n : {4, 9}) for (int pad : {1, 3, 4, 8}) {
            if ((m == MODE_REFLECT && pad >= n) || (m == MODE_PERIODIC && pad > n)) continue;
            int outer = 3, inner = 5;
            auto dxp = randv<T>((size_t)outer * (n + 2 * pad) * inner);
            std::vector<double> want((size_t)outer * n * inner, 0.0);
            for (int l = 0; l < outer; l++) for (int p = 0; p < n + 2 * pad; p++) for (int i = 0; i < inner; i++) {
                long src = ref_source(p - pad, n, m);
                if (src >= 0) want[((size_t)l * n + src) * inner + i] += (double)dxp[((size_t)l * (n + 2 * pad) + p) * inner + i];
            }
            std::vector<T> dx(want.size());
            if constexpr (sizeof(T) == 4) emu_launch(fold_halo_f32, dim3(1), dim3(64), 0, dxp.data(), dx.data(), outer, n, inner, pad, m);
            else emu_launch(fold_halo_f64, dim3(1), dim3(64), 0, dxp.data(), dx.data(), outer, n, inner, pad, m);
            expect(std::string("fold_halo ") + tname<T>() + " mode " + std::to_string(m) + " n " + std::to_string(n) + " pad " + std::to_string(pad), dx, want, tol<T>());
        }
    }
}

// SampledKernel.sample, ported line by line (bump, polynomial p = 3, truncated Gaussian alpha = 4.5).
static void sampling() {
    struct Case { int family; double param, delta; int dims, M0, M1; double h0, h1; };
    const Case cases[] = {{0, 0, 0.17, 1, 2, 0, 0.1, 0}, {0, 0, 2.5, 1, 30, 0, 0.1, 0}, {1, 3, 0.33, 1, 4, 0, 0.1, 0},
                          {2, 4.5, 0.3, 1, 3, 0, 0.1, 0}, {0, 0, 0.19, 2, 2, 3, 0.1, 0.08}};
    for (const Case& c : cases) {
        int n0 = 2 * c.M0 + 1, n1 = c.dims > 1 ? 2 * c.M1 + 1 : 1, K = n0 * n1;
        std::vector<double> w(K), a(K), dw(K);
        double sum = 0, mean = 0;
        for (int j = 0; j < K; j++) {
            int i0 = c.dims > 1 ? j / n1 : j, i1 = c.dims > 1 ? j % n1 : 0;
            double d0 = (i0 - c.M0) * c.h0, d1 = c.dims > 1 ? (i1 - c.M1) * c.h1 : 0;
            double r = std::sqrt(d0 * d0 + d1 * d1) / c.delta, s = r * r;
            double L = c.family == 0 ? -1 / (1 - s) : c.family == 1 ? c.param * std::log1p(-s) : -c.param * s;
            double Ls = c.family == 0 ? -1 / ((1 - s) * (1 - s)) : c.family == 1 ? -c.param / (1 - s) : -c.param;
            w[j] = s < 1 ? std::exp(L) : 0;
            a[j] = w[j] == 0 ? 0 : -2 * s * Ls / c.delta;
            sum += w[j];
        }
        for (int j = 0; j < K; j++) { w[j] /= sum; mean += w[j] * a[j]; }
        for (int j = 0; j < K; j++) dw[j] = w[j] * (a[j] - mean);
        std::vector<double> W(K), dW(K);
        std::vector<float> Wf(K), dWf(K);
        emu_launch(sample_taps, dim3(1), dim3(REDUCE_THREADS), 0, c.family, c.param, c.delta, c.dims, c.M0, c.M1, 0,
                   c.h0, c.h1, 0.0, W.data(), dW.data(), Wf.data(), dWf.data());
        std::string tag = "sample_taps family " + std::to_string(c.family) + " K=" + std::to_string(K);
        expect(tag + " W", W, w, 1e-13);
        expect(tag + " dW", dW, dw, 1e-12);
        expect(tag + " W f32", Wf, w, 1e-7);
        // width_dot and narrowing
        std::vector<double> cvec(K), out(1, 0.5);
        double dot = 0;
        for (int j = 0; j < K; j++) { cvec[j] = uni(); dot += cvec[j] * dw[j]; }
        emu_launch(width_dot, dim3(1), dim3(REDUCE_THREADS), 0, (const double*)cvec.data(), (const double*)dW.data(), K, 1, out.data());
        expect(tag + " width_dot", out, std::vector<double>{0.5 + dot}, 1e-12);
        std::vector<float> nf(K);
        emu_launch(narrow_f64_f32, dim3(1), dim3(32), 0, (const double*)cvec.data(), nf.data(), K);
        expect(tag + " narrow", nf, cvec, 1e-7);
    }
}

int main() {
    lines<float>();
    lines<double>();
    plane<float>();
    plane<double>();
    sampling();
    std::printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
