// Runs CUDA C kernels on the CPU, for checking the kernels' arithmetic where no GPU is present.
// Each block runs alone; its threads are cooperative fibers on one OS thread that switch at
// __syncthreads() (a six-register x86-64 stack switch: glibc's swapcontext makes a system call per
// switch, far too slow for millions of switches), so shared-memory tiling and block reductions execute as written, in a fixed,
// reproducible order. Shared arrays become one process-wide buffer (blocks run one at a time).
// emulate-check.sh rewrites `extern __shared__` to `extern` and `__shared__` to `static` first.
#pragma once
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <vector>
#include <algorithm>

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __restrict__ __restrict
#define __launch_bounds__(n)
#define __align__(n) __attribute__((aligned(n)))

struct dim3 {
    unsigned x = 1, y = 1, z = 1;
    dim3() = default;
    dim3(unsigned a, unsigned b = 1, unsigned c = 1) : x(a), y(b), z(c) {}
};
struct alignas(16) float4 { float x, y, z, w; };
struct alignas(16) double2 { double x, y; };
inline float4 make_float4(float x, float y, float z, float w) { return {x, y, z, w}; }
inline double2 make_double2(double x, double y) { return {x, y}; }

inline dim3 threadIdx, blockIdx, blockDim, gridDim;
__attribute__((aligned(16))) inline unsigned char smem[1 << 17];

#if !defined(__x86_64__)
#error "cuda_emulator.h switches stacks with x86-64 assembly"
#endif
// emu_switch(&saveSp, loadSp): pushes the callee-saved registers, stores the stack pointer, loads the
// other one and pops its registers; a new fiber's stack is laid out so the final `ret` enters emu_fiber_main.
extern "C" void emu_switch(void** saveSp, void* loadSp);
asm(R"(
    .text
    .globl emu_switch
emu_switch:
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, (%rdi)
    movq %rsi, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret
)");

struct EmuFiber {
    void* sp = nullptr;
    std::unique_ptr<char[]> stack;
    dim3 idx;
    bool done = false;
};
inline void* emu_scheduler_sp = nullptr;
inline EmuFiber* emu_current = nullptr;
inline std::function<void()> emu_body;

// A thread reaching the barrier hands control back; the scheduler resumes everyone once all arrived.
inline void __syncthreads() { emu_switch(&emu_current->sp, emu_scheduler_sp); }
template <typename T> inline T __ldg(const T* p) { return *p; }
using std::fma;
using std::min;
using std::max;

extern "C" inline void emu_fiber_main() {
    emu_body();
    emu_current->done = true;
    emu_switch(&emu_current->sp, emu_scheduler_sp);
}

inline void emu_prepare(EmuFiber& f, size_t stackBytes) {
    uintptr_t top = (reinterpret_cast<uintptr_t>(f.stack.get()) + stackBytes) & ~uintptr_t(15);
    void** s = reinterpret_cast<void**>(top);
    s[-1] = nullptr;                                            // return address of emu_fiber_main (never used)
    s[-2] = reinterpret_cast<void*>(&emu_fiber_main);           // where emu_switch's ret goes
    for (int r = 3; r <= 8; r++) s[-r] = nullptr;               // the six callee-saved registers
    f.sp = s - 8;
}

// kernel<<<grid, block, sharedBytes>>>(args...) on the CPU.
template <typename... P, typename... A>
void emu_launch(void (*kernel)(P...), dim3 grid, dim3 block, size_t sharedBytes, A... args) {
    if (sharedBytes > sizeof(smem)) throw std::runtime_error("shared memory request too large for the emulator");
    gridDim = grid;
    blockDim = block;
    const unsigned threads = block.x * block.y * block.z;
    const size_t stackBytes = 64 * 1024;
    std::vector<EmuFiber> fibers(threads);
    for (auto& f : fibers) f.stack.reset(new char[stackBytes]);
    emu_body = [&] { kernel(args...); };
    for (unsigned by = 0; by < grid.y; by++) {
        for (unsigned bx = 0; bx < grid.x; bx++) {
            blockIdx = dim3(bx, by, 0);
            for (unsigned t = 0; t < threads; t++) {
                EmuFiber& f = fibers[t];
                f.idx = dim3(t % block.x, (t / block.x) % block.y, t / (block.x * block.y));
                f.done = false;
                emu_prepare(f, stackBytes);
            }
            for (bool running = true; running;) {   // one round = every live thread up to its next barrier
                running = false;
                for (auto& f : fibers) {
                    if (f.done) continue;
                    emu_current = &f;
                    threadIdx = f.idx;
                    emu_switch(&emu_scheduler_sp, f.sp);
                    running |= !f.done;
                }
            }
        }
    }
}
