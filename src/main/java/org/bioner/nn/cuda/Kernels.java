package org.bioner.nn.cuda;

/**
 * The CUDA C kernels of the GPU backend, compiled at run time by NVRTC for the device found (a cubin for its
 * {@code sm_XY}, PTX as fallback) with {@code --fmad=false}: no multiply-add contraction, so every operation
 * rounds as the Java code's does ({@code org.bioner.nn.LstmMath}: the same rational tanh, the same operation
 * order), and a cell computes the same bits as on the CPU from the same inputs; differences come only from
 * the GEMMs' summation order (cuBLAS against OpenBLAS).
 */
final class Kernels {

    private Kernels() {
    }

    static final String NAME = "bioner_kernels.cu";

    static final String SOURCE = """
            #define CLAMP 7.90531110763549805f
            __device__ __forceinline__ float tanh_r(float v) {
                // org.bioner.nn.LstmMath.tanh: Eigen's rational 13/6 approximation
                float x = fmaxf(-CLAMP, fminf(CLAMP, v));
                float x2 = x * x;
                float p = x2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
                p = x2 * p + -8.60467152213735e-11f;
                p = x2 * p + 5.12229709037114e-08f;
                p = x2 * p + 1.48572235717979e-05f;
                p = x2 * p + 6.37261928875436e-04f;
                p = x2 * p + 4.89352455891786e-03f;
                p = x * p;
                float q = x2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
                q = x2 * q + 2.26843463243900e-03f;
                q = x2 * q + 4.89352518554385e-03f;
                return p / q;
            }
            __device__ __forceinline__ float sigm_r(float v) {
                return 0.5f + 0.5f * tanh_r(0.5f * v);
            }

            // one thread per (row r < active, unit j < H); see org.bioner.nn.Backend#lstmCell
            extern "C" __global__ void lstm_cell(int active, int H,
                    const float* z, const float* pre, const int* preIdx, int ldp,
                    const float* cPrev, float* c, float* hA, int ldA,
                    float* hB, const int* hBIdx, int ldB, float* acts) {
                long long t = (long long) blockIdx.x * blockDim.x + threadIdx.x;
                if (t >= (long long) active * H) return;
                int r = (int) (t / H), j = (int) (t % H);
                const float* p = pre + (long long) (preIdx ? preIdx[r] : r) * ldp;
                float zi = p[j], zf = p[H + j], zg = p[2 * H + j], zo = p[3 * H + j];
                float ri = 0.0f, rf = 0.0f, rg = 0.0f, ro = 0.0f;
                if (z) {
                    const float* q = z + (long long) r * 4 * H;
                    ri = q[j]; rf = q[H + j]; rg = q[2 * H + j]; ro = q[3 * H + j];
                }
                float ai = sigm_r(zi + ri);
                float af = sigm_r(zf + rf);
                float ag = tanh_r(zg + rg);
                float ao = sigm_r(zo + ro);
                float cp = cPrev ? cPrev[(long long) r * H + j] : 0.0f;
                float cn = af * cp + ai * ag;
                float hn = ao * tanh_r(cn);
                c[(long long) r * H + j] = cn;
                hA[(long long) r * ldA + j] = hn;
                if (hB) hB[(long long) (hBIdx ? hBIdx[r] : r) * ldB + j] = hn;
                if (acts) {
                    float* a = acts + (long long) r * 4 * H;
                    a[j] = ai; a[H + j] = af; a[2 * H + j] = ag; a[3 * H + j] = ao;
                }
            }

            // one thread per (row r < active, unit j < H); see org.bioner.nn.Backend#lstmCellBackward
            extern "C" __global__ void lstm_cell_backward(int active, int next, int H,
                    const float* acts, const float* c, const float* cPrev,
                    const float* dy, const int* dyIdx, int lddy, const float* dhRec, float* dcRec,
                    float* dz, float* dzTok) {
                long long t = (long long) blockIdx.x * blockDim.x + threadIdx.x;
                if (t >= (long long) active * H) return;
                int r = (int) (t / H), j = (int) (t % H);
                int row = dyIdx[r];
                float dh = dy[(long long) row * lddy + j];
                float dc = 0.0f;
                if (r < next) {
                    dh = dh + dhRec[(long long) r * H + j];
                    dc = dcRec[(long long) r * H + j];
                }
                const float* a = acts + (long long) r * 4 * H;
                float ai = a[j], af = a[H + j], ag = a[2 * H + j], ao = a[3 * H + j];
                float cp = cPrev ? cPrev[(long long) r * H + j] : 0.0f;
                float tc = tanh_r(c[(long long) r * H + j]);
                dc = dc + dh * ao * (1.0f - tc * tc);
                float dzo = dh * tc * ao * (1.0f - ao);
                float dzi = dc * ag * ai * (1.0f - ai);
                float dzg = dc * ai * (1.0f - ag * ag);
                float dzf = dc * cp * af * (1.0f - af);
                dcRec[(long long) r * H + j] = dc * af;
                float* d = dz + (long long) r * 4 * H;
                d[j] = dzi; d[H + j] = dzf; d[2 * H + j] = dzg; d[3 * H + j] = dzo;
                float* e = dzTok + (long long) row * 4 * H;
                e[j] = dzi; e[H + j] = dzf; e[2 * H + j] = dzg; e[3 * H + j] = dzo;
            }

            extern "C" __global__ void mul(const float* a, const float* b, float* out, long long n) {
                long long t = (long long) blockIdx.x * blockDim.x + threadIdx.x;
                if (t < n) out[t] = a[t] * b[t];
            }

            extern "C" __global__ void fill_rows(const float* row, int width, int rows, float* out) {
                long long t = (long long) blockIdx.x * blockDim.x + threadIdx.x;
                if (t >= (long long) rows * width) return;
                out[t] = row[t % width];
            }

            extern "C" __global__ void gather_rows(const float* src, int ld, const int* idx, int count, int width, float* dst) {
                long long t = (long long) blockIdx.x * blockDim.x + threadIdx.x;
                if (t >= (long long) count * width) return;
                int i = (int) (t / width), j = (int) (t % width);
                dst[t] = src[(long long) idx[i] * ld + j];
            }
            """;
}
