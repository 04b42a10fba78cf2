#ifndef LIPLINT_CFFTW_SHIM_H
#define LIPLINT_CFFTW_SHIM_H
/* <fftw3.h> alone: including <complex.h> first would turn fftw_complex into a C99 complex type that
   Swift cannot import. Without it fftw_complex is double[2], which Swift sees as (Double, Double). */
#include <fftw3.h>

/* fftw_version is an array of unknown size, which Swift does not import; this returns it as a pointer. */
static inline const char *liplint_fftw_version(void) { return fftw_version; }
#endif
