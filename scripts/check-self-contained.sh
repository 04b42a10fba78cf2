#!/usr/bin/env bash
# Checks that an executable is self-contained: every shared library `ldd` lists belongs to the C library
# family that every glibc distribution installs (libc, libm, libpthread, libdl, librt, the dynamic loader,
# the vDSO, and GCC's libstdc++ and libgcc_s, which the manylinux policies also allow), and none is Swift's
# runtime, Foundation, FFTW, protobuf-c, BLAS/LAPACK or the Fortran runtime.
# Prints the ldd listing. Exit 0 when self-contained, 1 when not, 2 on usage errors.
# Usage: scripts/check-self-contained.sh EXECUTABLE
set -euo pipefail
exe=${1:?usage: check-self-contained.sh EXECUTABLE}
[ -x "$exe" ] || { echo "check-self-contained: no executable at $exe" >&2; exit 2; }
listing=$(ldd "$exe")
printf '%s\n' "$listing"
names=$(awk '{print $1}' <<<"$listing" | sed 's|.*/||')
forbidden=$(grep -iE 'swift|foundation|dispatch|blocksruntime|icu|fftw|protobuf|blas|lapack|gfortran|quadmath|gomp' <<<"$names" || true)
allowed='^(linux-vdso\.so\.1|libc\.so\.6|libm\.so\.6|libpthread\.so\.0|libdl\.so\.2|librt\.so\.1|ld-linux-x86-64\.so\.2|libstdc\+\+\.so\.6|libgcc_s\.so\.1)$'
other=$(grep -vE "$allowed" <<<"$names" || true)
if [ -n "$forbidden$other" ]; then
  echo "check-self-contained: $exe links shared libraries outside the glibc family: $(echo $other $forbidden | tr ' ' '\n' | sort -u | tr '\n' ' ')" >&2
  exit 1
fi
echo "check-self-contained: $exe needs only the glibc family (and libstdc++, libgcc_s)"
