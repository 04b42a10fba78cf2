#ifndef LIPLINT_CLAPACK_SHIM_H
#define LIPLINT_CLAPACK_SHIM_H
/* Swift does not import C _Complex types, so LAPACKE's complex types are declared as plain structs of two
   numbers with the same layout (real part first). */
#define LAPACK_COMPLEX_CUSTOM
typedef struct { double real; double imag; } liplint_complex_double;
typedef struct { float real; float imag; } liplint_complex_float;
#define lapack_complex_double liplint_complex_double
#define lapack_complex_float liplint_complex_float
#include <lapacke.h>
#include <cblas.h>
/* OpenBLAS's <cblas.h> also declares openblas_set_num_threads and openblas_get_config: callers that
   parallelize across layers pin OpenBLAS to one thread to avoid oversubscription. */
#endif
